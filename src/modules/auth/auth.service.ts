import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import {
  permissionsOf,
  scopeOf,
  systemActor,
  TOKEN_SCOPES,
  type Actor,
  type Permission,
  type RequestContext,
  type Role,
} from '../access/index.js';
import * as repo from './auth.repo.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword, verifyPassword } from './password.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOKEN_PREFIX = 'fs_';
// Sessions slide: a request refreshes last-seen and expiry at most this often, to spare writes.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
const BASE_LOCK_MS = 30 * 1000;

export function actorFromUser(user: repo.UserRow, tokenScopes?: readonly string[]): Actor {
  const role = user.role as Role;
  const granted = permissionsOf(role);
  // A token holds what its scopes and the role both grant — never profile:write (acting as the person),
  // whatever a token row says: that stays with signed-in sessions.
  const permissions = tokenScopes
    ? new Set([...granted].filter((p) => tokenScopes.includes(p) && p !== 'profile:write'))
    : granted;
  return {
    id: user.id,
    label: user.login,
    role,
    teamId: user.team_id,
    partnerId: user.partner_id,
    permissions,
    scope: scopeOf(role),
  };
}

/** How long an account stays locked after `failures` consecutive failed logins, or 0. */
export function lockDurationMs(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - maxFailures), MAX_LOCK_MS);
}

/**
 * The people of a partner that is not onboarding or active (an applicant, suspended, terminated) cannot act:
 * one check here, where every request is authenticated, instead of one per route. A user whose partner row
 * does not exist (ids typed before partners existed) is left as it was.
 */
export function partnerInactive(status: string | null): AppError | null {
  if (status === null || status === 'onboarding' || status === 'active') return null;
  return new AppError('PARTNER_INACTIVE', 'Your partner is not active; you cannot act for it now', {
    status,
  });
}

function unauthenticated(message: string, reason: string) {
  return new AppError('UNAUTHENTICATED', message, { reason });
}

export interface LoginInput {
  login: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  sessionToken: string;
  expiresAt: string;
  user: repo.UserRow;
}

/**
 * Signs in. Everything a caller can observe — status, body, time spent, the lock after repeated failures —
 * is the same for a login nobody has as for a wrong password: the failure count and the lock belong to the
 * login name, and an unknown login costs the same password hash and the same writes.
 */
export async function login(
  db: Db,
  config: Config,
  requestId: string,
  input: LoginInput,
): Promise<LoginResult> {
  const name = input.login.trim().toLowerCase();
  const now = Date.now();
  const throttle = await repo.readLoginThrottle(db, name);
  if (throttle?.locked_until && Date.parse(throttle.locked_until) > now) {
    const retryAfterSeconds = Math.ceil((Date.parse(throttle.locked_until) - now) / 1000);
    throw new AppError('RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds });
  }
  const user = await repo.findUserByLogin(db, name);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  if (!user || !ok || user.status === 'inactive') {
    await recordFailure(db, config, requestId, name, input.ip);
    throw new AppError('INVALID_CREDENTIALS', 'Login or password is incorrect');
  }
  const sessionToken = randomBytes(32).toString('base64url');
  const absolute = now + config.SESSION_MAX_HOURS * 3600_000;
  const expiresAt = new Date(Math.min(now + config.SESSION_TTL_HOURS * 3600_000, absolute)).toISOString();
  const ctx: RequestContext = { actor: actorFromUser(user), requestId };
  await runWork(db, ctx, async (w) => {
    if (throttle) await repo.clearLoginThrottle(w.tx, name);
    await repo.insertSession(w.tx, {
      id: sha256(sessionToken),
      user_id: user.id,
      expires_at: expiresAt,
      absolute_expires_at: new Date(absolute).toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    w.audit({ action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip: input.ip } });
  });
  return { sessionToken, expiresAt, user };
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

async function recordFailure(db: Db, config: Config, requestId: string, name: string, ip: string | null) {
  const ctx: RequestContext = { actor: { ...systemActor('anonymous'), permissions: new Set() }, requestId };
  await runWork(db, ctx, async (w) => {
    const failures = await repo.countLoginFailure(w.tx, name);
    const lockMs = lockDurationMs(failures, config.LOGIN_MAX_FAILURES);
    const lockedUntil = lockMs > 0 ? new Date(Date.now() + lockMs).toISOString() : null;
    if (lockedUntil) await repo.lockLogin(w.tx, name, lockedUntil);
    w.audit({
      action: 'auth.login_failed',
      entityType: 'login',
      entityId: name,
      after: { failedLogins: failures, lockedUntil, ip },
    });
  });
}

export async function authenticateSession(db: Db, config: Config, sessionToken: string) {
  const sessionId = sha256(sessionToken);
  const row = await repo.findSessionWithUser(db, sessionId);
  if (!row) throw unauthenticated('Your session has ended; please sign in again', 'session_unknown');
  const absolute = Date.parse(row.session_absolute_expires_at);
  if (Date.parse(row.session_expires_at) <= Date.now() || absolute <= Date.now()) {
    await repo.deleteSession(db, sessionId);
    throw unauthenticated('Your session has expired; please sign in again', 'session_expired');
  }
  if (row.status === 'inactive') throw unauthenticated('This account is inactive', 'user_inactive');
  if (Date.now() - Date.parse(row.session_last_seen_at) > TOUCH_INTERVAL_MS) {
    await repo.touchSession(
      db,
      sessionId,
      new Date(Math.min(Date.now() + config.SESSION_TTL_HOURS * 3600_000, absolute)).toISOString(),
    );
  }
  return {
    actor: actorFromUser(row),
    sessionId,
    mustChangePassword: row.must_change_password,
    partnerBlock: partnerInactive(row.partner_status),
  };
}

export async function authenticateBearer(db: Db, token: string): Promise<Actor> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length < 20 || token.length > 100) {
    throw unauthenticated('The bearer token is malformed', 'token_malformed');
  }
  const row = await repo.findApiTokenWithUser(db, sha256(token));
  if (!row) throw unauthenticated('The bearer token is not recognised', 'token_unknown');
  if (row.token_revoked_at) throw unauthenticated('The bearer token has been revoked', 'token_revoked');
  if (row.token_expires_at && Date.parse(row.token_expires_at) <= Date.now()) {
    throw unauthenticated('The bearer token has expired', 'token_expired');
  }
  if (row.status === 'inactive') throw unauthenticated('The token owner is inactive', 'user_inactive');
  if (!row.token_last_used_at || Date.now() - Date.parse(row.token_last_used_at) > 60_000) {
    await repo.touchApiToken(db, row.token_id);
  }
  const block = partnerInactive(row.partner_status);
  if (block) throw block;
  return { ...actorFromUser(row, row.token_scopes), tokenId: row.token_id };
}

export async function logout(db: Db, ctx: RequestContext, sessionId: string): Promise<void> {
  await runWork(db, ctx, async (w) => {
    await repo.deleteSession(w.tx, sessionId);
    w.audit({ action: 'auth.logout', entityType: 'user', entityId: ctx.actor.id ?? '' });
  });
}

export async function changePassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
  keepSessionId?: string,
): Promise<void> {
  const user = ctx.actor.id ? await repo.findUserById(db, ctx.actor.id) : undefined;
  if (!user) throw unauthenticated('Sign in to change your password', 'no_user');
  // Both fields' problems in one answer: a wrong current password does not hide a weak new one.
  const problems: FieldProblem[] = [];
  if (!user.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    problems.push({ field: 'currentPassword', problem: 'incorrect', message: 'is incorrect' });
  }
  const problem = passwordProblem(
    input.newPassword,
    { login: user.login, name: user.display_name },
    'newPassword',
  );
  if (problem) problems.push(problem);
  if (problems.length) throw invalid(problems);
  const hash = await hashPassword(input.newPassword);
  await runWork(db, ctx, async (w) => {
    await repo.setPassword(w.tx, user.id, hash, true);
    const ended = await repo.deleteUserSessions(w.tx, user.id, keepSessionId);
    w.audit({
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.id,
      after: { otherSessionsEnded: ended },
    });
  });
}

/**
 * Sets a password on behalf of an operator (CLI reset, admin reset); ends every session of the user, who
 * must choose a new one at the next sign-in: an operator has seen this one.
 */
export async function resetPassword(
  db: Db,
  ctx: RequestContext,
  userId: string,
  password: string,
): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFound('user', userId);
  const problem = passwordProblem(password, { login: user.login, name: user.display_name });
  if (problem) throw invalid([problem]);
  const hash = await hashPassword(password);
  await runWork(db, ctx, async (w) => {
    await repo.setPassword(w.tx, user.id, hash, false);
    await repo.deleteUserSessions(w.tx, user.id);
    w.audit({ action: 'auth.password_reset', entityType: 'user', entityId: user.id });
  });
}

export interface TokenInput {
  name: string;
  scopes: Permission[];
  expiresInDays?: number | undefined;
}

/**
 * Creates a token for the caller (or, from the CLI, for a user). The secret is returned once and only its
 * hash is stored. A token never reaches beyond what created it: its scopes must be held both by its owner's
 * role and by the caller — a token minting a token can only narrow.
 */
export async function createApiToken(db: Db, ctx: RequestContext, input: TokenInput, userId = ctx.actor.id) {
  if (!userId) throw unauthenticated('A token belongs to a user', 'no_user');
  const owner = await repo.findUserById(db, userId);
  if (!owner) throw notFound('user', userId);
  const role = permissionsOf(owner.role as Role);
  const beyond = input.scopes.filter(
    (s) => !role.has(s) || !ctx.actor.permissions.has(s) || !(TOKEN_SCOPES as Permission[]).includes(s),
  );
  if (beyond.length > 0) {
    throw invalid([
      {
        field: 'scopes',
        problem: 'not_granted',
        message: `you may not grant ${beyond.join(', ')}`,
      },
    ]);
  }
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = input.expiresInDays
    ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString()
    : null;
  return runWork(db, ctx, async (w) => {
    const token = await repo.insertApiToken(w.tx, {
      user_id: userId,
      name: input.name,
      token_hash: sha256(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)].sort(),
      expires_at: expiresAt,
    });
    w.audit({
      action: 'token.created',
      entityType: 'api_token',
      entityId: token.id,
      after: { name: token.name, userId, scopes: token.scopes, expiresAt },
    });
    return { ...token, token: secret };
  });
}

export async function listOwnApiTokens(db: Db, ctx: RequestContext) {
  return ctx.actor.id ? repo.listOwnApiTokens(db, ctx.actor) : [];
}

export async function revokeApiToken(db: Db, ctx: RequestContext, tokenId: string) {
  // Someone else's token is reported as missing, not forbidden: its existence is not the caller's business.
  const token = await repo.findVisibleApiToken(db, ctx.actor, tokenId);
  if (!token) throw notFound('api_token', tokenId);
  if (token.revoked_at) return token;
  return runWork(db, ctx, async (w) => {
    const revoked = await repo.revokeApiToken(w.tx, tokenId);
    w.audit({
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: revoked?.revoked_at },
    });
    return revoked ?? token;
  });
}

/**
 * Whom a background job acts as: the user who started it, with that user's current role — and only while
 * the user may still act. A job of a deactivated user stops instead of carrying its rights on.
 */
export async function actorForJob(db: Db, userId: string): Promise<Actor> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.status === 'inactive') {
    throw new AppError('FORBIDDEN', 'The user who started this job may no longer act', {
      reason: 'creator_inactive',
    });
  }
  return actorFromUser(user);
}
