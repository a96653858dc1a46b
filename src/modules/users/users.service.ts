import type { Db, Executor } from '../../db/database.js';
import {
  AppError,
  fieldError,
  forbidden,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { handOverAllOf } from '../ownership/index.js';
import { runWork, type Work } from '../../kernel/index.js';
import { assignableRoles, isPartnerRole, ROLES, type RequestContext, type Role } from '../access/index.js';
import {
  endUserSessions,
  generatePassword,
  hashPassword,
  passwordProblem,
  resetPassword,
} from '../auth/index.js';
import { normalizePhone as normalizeAnyPhone } from '../matching/index.js';
import { findVisibleTeam } from '../teams/index.js';
import * as repo from './users.repo.js';
import type { CreateUserInput, Language, ListUsersQuery, UpdateUserInput, User } from './users.schema.js';

export function toUser(row: repo.PublicUserRow): User {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    status: row.status as User['status'],
    role: row.role as Role,
    teamId: row.team_id,
    managerId: row.manager_id,
    partnerId: row.partner_id,
    language: row.language as User['language'],
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Phones are stored in E.164, read as customers' phones are (numbers without a country code are Chinese). */
export function normalizePhone(phone: string): string | null {
  return normalizeAnyPhone(phone).e164;
}

function rolesFor(ctx: RequestContext): readonly Role[] {
  return ctx.actor.role ? assignableRoles(ctx.actor.role) : ROLES;
}

interface Relations {
  role: Role;
  teamId: string | null;
  managerId: string | null;
  partnerId: string | null;
  phone: string | null;
}

/** Checks the parts of a user that refer to other records or depend on who is asking. */
async function checkRelations(
  db: Executor,
  ctx: RequestContext,
  r: Relations,
  selfId?: string,
  /** Found by the caller, reported with these: every field problem in one answer. */
  known: FieldProblem[] = [],
) {
  const problems: FieldProblem[] = [...known];
  if (!rolesFor(ctx).includes(r.role)) {
    throw fieldError(
      'FORBIDDEN',
      `You may not assign the role ${r.role}`,
      { field: 'role', problem: 'not_assignable', message: 'is not a role you may assign' },
      { role: r.role },
    );
  }
  if (ctx.actor.scope === 'partner' && r.partnerId !== ctx.actor.partnerId) {
    problems.push({ field: 'partnerId', problem: 'other_partner', message: 'must be your own partner' });
  }
  if (isPartnerRole(r.role) && !r.partnerId) {
    problems.push({ field: 'partnerId', problem: 'required', message: 'is required for partner roles' });
  }
  if (!isPartnerRole(r.role) && r.partnerId) {
    problems.push({ field: 'partnerId', problem: 'not_allowed', message: 'is only for partner roles' });
  } else if (r.partnerId && ctx.actor.scope !== 'partner' && !(await repo.partnerExists(db, r.partnerId))) {
    problems.push({ field: 'partnerId', problem: 'not_found', message: 'no such partner' });
  }
  if (r.teamId && !(await findVisibleTeam(db, ctx.actor, r.teamId))) {
    problems.push({ field: 'teamId', problem: 'not_found', message: 'no such team' });
  }
  if (r.managerId) {
    if (r.managerId === selfId)
      problems.push({ field: 'managerId', problem: 'self', message: 'cannot be the user' });
    else if (!(await repo.findVisibleUser(db, ctx.actor, r.managerId)))
      problems.push({ field: 'managerId', problem: 'not_found', message: 'no such user' });
  }
  if (r.phone && !normalizePhone(r.phone)) {
    problems.push({ field: 'phone', problem: 'invalid_phone', message: 'is not a valid phone number' });
  }
  if (problems.length > 0) throw invalid(problems);
}

export async function listUsers(db: Db, ctx: RequestContext, query: ListUsersQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listVisibleUsers(db, ctx.actor, query, page);
  return { items: items.map(toUser), total, ...page };
}

export async function getUser(db: Db, ctx: RequestContext, id: string): Promise<User> {
  const row = await repo.findVisibleUser(db, ctx.actor, id);
  if (!row) throw notFound('user', id);
  return toUser(row);
}

export type PreparedUser = Awaited<ReturnType<typeof prepareUser>>;

/** Everything about a new user that needs no transaction: its references checked, its password hashed. */
export async function prepareUser(db: Db, ctx: RequestContext, input: CreateUserInput) {
  const partnerId = input.partnerId ?? (ctx.actor.scope === 'partner' ? ctx.actor.partnerId : null);
  const relations: Relations = {
    role: input.role,
    teamId: input.teamId ?? null,
    managerId: input.managerId ?? null,
    partnerId,
    phone: input.phone ?? null,
  };
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, { login: input.login, name: input.displayName });
  await checkRelations(db, ctx, relations, undefined, problem ? [problem] : []);
  return { input, relations, password, passwordHash: await hashPassword(password) };
}

/** Stores a prepared user in the caller's unit of work. */
export async function insertNewUser(w: Work, prepared: PreparedUser) {
  const { input, relations, password, passwordHash } = prepared;
  if (await repo.loginTaken(w.tx, input.login)) throw loginConflict(input.login);
  const row = await repo.insertUser(w.tx, {
    login: input.login,
    display_name: input.displayName,
    email: input.email ?? null,
    phone: relations.phone ? normalizePhone(relations.phone) : null,
    status: input.status,
    role: input.role,
    team_id: relations.teamId,
    manager_id: relations.managerId,
    partner_id: relations.partnerId,
    language: input.language ?? null,
    password_hash: passwordHash,
    password_changed_at: new Date().toISOString(),
    // Nobody but its owner should go on using a password someone else was shown.
    must_change_password: !input.password,
  });
  const user = toUser(row);
  w.audit({ action: 'user.created', entityType: 'user', entityId: user.id, after: user });
  w.emit('user.created', { userId: user.id });
  return input.password ? user : { ...user, generatedPassword: password };
}

export async function createUser(db: Db, ctx: RequestContext, input: CreateUserInput) {
  const prepared = await prepareUser(db, ctx, input);
  try {
    return await runWork(db, ctx, (w) => insertNewUser(w, prepared));
  } catch (error) {
    // Two requests racing for one login: the unique index decides, the loser gets a clean 409.
    if (isUniqueViolation(error)) throw loginConflict(input.login);
    throw error;
  }
}

const loginConflict = (login: string) =>
  fieldError(
    'LOGIN_TAKEN',
    `The login ${login} is already taken`,
    { field: 'login', problem: 'taken', message: 'is already taken' },
    { login },
  );

export async function updateUser(
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: UpdateUserInput,
): Promise<User> {
  return runWork(db, ctx, async (w) => {
    const tx = w.tx;
    const visible = await repo.findVisibleUser(tx, ctx.actor, id);
    if (!visible) throw notFound('user', id);
    const current = await repo.lockUser(tx, id);
    if (!current) throw notFound('user', id);
    if (!rolesFor(ctx).includes(current.role as Role)) {
      throw forbidden(`You may not change a user whose role is ${current.role}`, { role: current.role });
    }
    if (id === ctx.actor.id && patch.role && patch.role !== current.role) {
      throw fieldError('UNPROCESSABLE', 'You cannot change your own role', {
        field: 'role',
        problem: 'self',
        message: 'cannot be changed by yourself',
      });
    }
    const next = {
      role: patch.role ?? (current.role as Role),
      teamId: patch.teamId !== undefined ? patch.teamId : current.team_id,
      managerId: patch.managerId !== undefined ? patch.managerId : current.manager_id,
      partnerId: patch.partnerId !== undefined ? patch.partnerId : current.partner_id,
      phone: patch.phone !== undefined ? patch.phone : current.phone,
    };
    await checkRelations(tx, ctx, next, id);
    const row = await repo.updateUser(tx, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.phone !== undefined && { phone: patch.phone ? normalizePhone(patch.phone) : null }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.language !== undefined && { language: patch.language }),
      role: next.role,
      team_id: next.teamId,
      manager_id: next.managerId,
      partner_id: next.partnerId,
    });
    if (patch.status === 'inactive') await endUserSessions(tx, id);
    if (patch.status === 'inactive' && current.status !== 'inactive')
      await handOverAllOf(w, id, patch.handover, patch.reason);
    const before = toUser(current);
    const after = toUser(row);
    w.audit({
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before,
      after,
      reason: patch.reason,
    });
    w.emit('user.updated', { userId: id });
    return after;
  });
}

/** An operator resets someone's password: same scope and role rules as editing the user. */
export async function resetUserPassword(db: Db, ctx: RequestContext, id: string): Promise<string> {
  const target = await repo.findVisibleUser(db, ctx.actor, id);
  if (!target) throw notFound('user', id);
  if (!rolesFor(ctx).includes(target.role as Role)) {
    throw forbidden(`You may not change a user whose role is ${target.role}`, { role: target.role });
  }
  const password = generatePassword();
  await resetPassword(db, ctx, id, password);
  return password;
}

/** The signed-in user, whatever its scope says about others. */
export async function getOwnUser(db: Db, ctx: RequestContext): Promise<User> {
  const row = ctx.actor.id ? await repo.findUser(db, ctx.actor.id) : undefined;
  if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in', { reason: 'no_user' });
  return toUser(row);
}

/** The signed-in user's own UI language, kept with the user so every device and message uses it. */
export async function setOwnLanguage(db: Db, ctx: RequestContext, language: Language): Promise<User> {
  const id = ctx.actor.id;
  if (!id) throw new AppError('UNAUTHENTICATED', 'Please sign in', { reason: 'no_user' });
  return runWork(db, ctx, async (w) => {
    const current = await repo.lockUser(w.tx, id);
    if (!current) throw new AppError('UNAUTHENTICATED', 'Please sign in', { reason: 'no_user' });
    if (current.language === language) return toUser(current);
    const row = await repo.updateUser(w.tx, id, { language });
    w.audit({
      action: 'user.language_changed',
      entityType: 'user',
      entityId: id,
      before: { language: current.language },
      after: { language },
    });
    return toUser(row);
  });
}
