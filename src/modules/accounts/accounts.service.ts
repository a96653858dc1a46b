import type { Db, Tx } from '../../db/database.js';
import type { Features } from '../matching/normalize.js';
import { AppError, fieldError, invalid, notFound, type FieldProblem } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import type { RequestContext } from '../access/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { normalizePhone } from '../matching/phone.js';
import { normalizeUscc } from '../matching/uscc.js';
import { isUniqueViolation } from '../users/users.service.js';
import * as repo from './accounts.repo.js';
import type {
  Account,
  CheckAccountInput,
  ContactInput,
  CreateAccountInput,
  ListAccountsQuery,
  UpdateAccountInput,
} from './accounts.schema.js';
import {
  accountFeatures,
  findDuplicates,
  lockKeys,
  matchKeys,
  viewMatches,
  type MatchView,
} from './duplicates.js';

export function toAccount(row: repo.AccountRow): Account {
  return {
    id: row.id,
    legalName: row.legal_name,
    aliases: row.aliases,
    englishName: row.english_name,
    uscc: row.uscc,
    usccValid: row.uscc_valid,
    phones: row.phones,
    emails: row.emails,
    website: row.website,
    province: row.province,
    city: row.city,
    district: row.district,
    street: row.street,
    industry: row.industry,
    size: row.size as Account['size'],
    source: row.source,
    tags: row.tags,
    parentId: row.parent_id,
    isBranch: row.is_branch,
    ownerId: row.owner_id,
    partnerId: row.partner_id,
    status: row.status as Account['status'],
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const toContact = (c: repo.ContactRow) => ({
  id: c.id,
  accountId: c.account_id,
  name: c.name,
  mobile: c.mobile,
  email: c.email,
  title: c.title,
});

/** Phones in E.164 and a readable USCC; what cannot be read is named, field by field. */
function cleanContactPoints(input: { phones?: string[] | undefined; uscc?: string | null | undefined }) {
  const problems: FieldProblem[] = [];
  const phones = (input.phones ?? []).map((raw, i) => {
    const phone = normalizePhone(raw);
    if (!phone.e164)
      problems.push({
        field: `phones.${i}`,
        problem: 'invalid_phone',
        message: `${raw} is not a phone number`,
      });
    return phone.e164 ?? raw;
  });
  const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
  return { phones: [...new Set(phones)], uscc, problems };
}

function cleanContacts(contacts: ContactInput[] | undefined) {
  const problems: FieldProblem[] = [];
  const cleaned = (contacts ?? []).map((c, i) => {
    let mobile = c.mobile ?? null;
    if (mobile) {
      const phone = normalizePhone(mobile);
      if (!phone.e164)
        problems.push({
          field: `contacts.${i}.mobile`,
          problem: 'invalid_phone',
          message: 'is not a phone number',
        });
      else mobile = phone.e164;
    }
    return { name: c.name, mobile, email: c.email?.toLowerCase() ?? null, title: c.title ?? null };
  });
  return { contacts: cleaned, problems };
}

export interface CheckResult {
  verdict: 'same' | 'possible' | 'none';
  matches: MatchView[];
  /** Problems with the input that matching ignored (an invalid USCC is never evidence). */
  warnings: FieldProblem[];
}

function usccWarning(uscc: ReturnType<typeof normalizeUscc>): FieldProblem[] {
  return uscc && !uscc.valid
    ? [
        {
          field: 'uscc',
          problem: `uscc_${uscc.problem ?? 'invalid'}`,
          message: 'check character or format is wrong; not used for matching',
        },
      ]
    : [];
}

/** The duplicate check a create runs, on its own: what would happen, and why. */
export async function checkAccount(
  db: Db,
  ctx: RequestContext,
  input: CheckAccountInput,
): Promise<CheckResult> {
  const { phones, uscc } = cleanContactPoints(input);
  const features = accountFeatures({ ...input, phones });
  const candidates = await findDuplicates(db, features);
  const matches = await viewMatches(db, ctx.actor, candidates);
  const verdict = matches.some((m) => m.verdict === 'same') ? 'same' : matches.length ? 'possible' : 'none';
  return { verdict, matches, warnings: usccWarning(uscc) };
}

/** Stores an account's values and recomputes what matching knows about it. */
export async function saveAccount(
  tx: Tx,
  next: Account,
  extra: { status?: string; merged_into?: string | null } = {},
) {
  const contacts = await repo.listContacts(tx, next.id);
  const features = accountFeatures({ ...next, contacts });
  const row = await repo.updateAccount(tx, next.id, {
    ...accountPatch(next),
    ...extra,
    features: JSON.stringify(features),
  });
  await repo.replaceMatchKeys(tx, next.id, row.status === 'active' ? matchKeys(features) : []);
  return toAccount(row);
}

/**
 * What is wrong with `parentId` as the parent of account `selfId` (a new account when absent): it must be
 * an active account the caller can see, and not the account itself or one of its subsidiaries.
 */
async function parentProblem(
  db: Db,
  ctx: RequestContext,
  parentId: string,
  selfId?: string,
): Promise<FieldProblem | null> {
  const field = 'parentId';
  if (parentId === selfId) return { field, problem: 'self', message: 'cannot be the account itself' };
  const parent = await repo.findVisibleAccount(db, ctx.actor, parentId);
  if (!parent || parent.status !== 'active')
    return { field, problem: 'not_found', message: 'no such account' };
  // Walk up the group: a subsidiary of this account cannot become its parent.
  const seen = new Set<string>();
  for (let up = parent.parent_id; up && selfId && !seen.has(up);) {
    if (up === selfId) return { field, problem: 'cycle', message: 'is a subsidiary of this account' };
    seen.add(up);
    up = (await repo.findAccount(db, up))?.parent_id ?? null;
  }
  return null;
}

export async function createAccount(db: Db, ctx: RequestContext, input: CreateAccountInput) {
  const points = cleanContactPoints(input);
  const people = cleanContacts(input.contacts);
  const problems = [...points.problems, ...people.problems];
  const parent = input.parentId ? await parentProblem(db, ctx, input.parentId) : null;
  if (parent) problems.push(parent);
  if (problems.length) throw invalid(problems);
  const features = accountFeatures({ ...input, phones: points.phones, contacts: people.contacts });
  const keys = matchKeys(features);
  try {
    return await db.transaction().execute(async (tx) => {
      // Two variants of one company typed at once must not both get in: writers sharing a key queue here.
      await repo.lockMatchKeys(tx, lockKeys(keys));
      const candidates = await findDuplicates(tx, features);
      const matches = await viewMatches(tx, ctx.actor, candidates);
      if (matches.some((m) => m.verdict === 'same')) {
        throw new AppError('DUPLICATE_ACCOUNT', 'This customer already exists', { matches });
      }
      if (matches.length > 0 && !input.confirm) {
        throw new AppError(
          'POSSIBLE_DUPLICATE',
          'Similar customers exist; confirm with a reason to create anyway',
          {
            matches,
          },
        );
      }
      const { account, contacts } = await insertNewAccount(tx, ctx, {
        values: {
          ...input,
          phones: points.phones,
          uscc: points.uscc?.code ?? null,
          usccValid: points.uscc?.valid ?? false,
        },
        contacts: people.contacts,
        features,
        keys,
        reason: input.confirm?.reason,
      });
      if (input.confirm && matches.length > 0) {
        // The decision to create despite look-alikes is itself recorded, with what was seen.
        await recordAudit(tx, ctx, {
          action: 'account.duplicate_overridden',
          entityType: 'account',
          entityId: account.id,
          after: { matches: candidates.map((c) => ({ accountId: c.accountId, ...c.result })) },
          reason: input.confirm.reason,
        });
      }
      return { ...account, contacts, warnings: usccWarning(points.uscc) };
    });
  } catch (error) {
    // The partial unique index on valid USCCs is the last line: a racing twin ends here.
    if (isUniqueViolation(error)) {
      throw fieldError(
        'DUPLICATE_ACCOUNT',
        'This customer already exists',
        { field: 'uscc', problem: 'taken', message: 'belongs to a customer already here' },
        { matches: [] },
      );
    }
    throw error;
  }
}

export interface NewAccount {
  values: Omit<CreateAccountInput, 'contacts' | 'confirm' | 'uscc'> & {
    uscc: string | null;
    usccValid: boolean;
  };
  contacts: { name: string; mobile: string | null; email: string | null; title: string | null }[];
  features: Features[];
  keys: string[];
  reason?: string | undefined;
}

/** Stores a new account, its contacts and matching keys, and audits it. The caller has checked duplicates. */
export async function insertNewAccount(tx: Tx, ctx: RequestContext, input: NewAccount) {
  const v = input.values;
  const row = await repo.insertAccount(tx, {
    legal_name: v.legalName,
    aliases: v.aliases ?? [],
    english_name: v.englishName ?? null,
    uscc: v.uscc,
    uscc_valid: v.usccValid,
    phones: v.phones ?? [],
    emails: (v.emails ?? []).map((e) => e.toLowerCase()),
    website: v.website ?? null,
    province: v.province ?? null,
    city: v.city ?? null,
    district: v.district ?? null,
    street: v.street ?? null,
    industry: v.industry ?? null,
    size: v.size ?? null,
    source: v.source ?? null,
    tags: v.tags ?? [],
    parent_id: v.parentId ?? null,
    is_branch: v.isBranch ?? false,
    owner_id: ctx.actor.id,
    partner_id: ctx.actor.partnerId,
    features: JSON.stringify(input.features),
    created_by: ctx.actor.id,
  });
  await repo.replaceMatchKeys(tx, row.id, input.keys);
  const contacts = (
    await repo.insertContacts(
      tx,
      input.contacts.map((c) => ({ ...c, account_id: row.id })),
    )
  ).map(toContact);
  const account = toAccount(row);
  await recordAudit(tx, ctx, {
    action: 'account.created',
    entityType: 'account',
    entityId: row.id,
    after: { ...account, contacts },
    reason: input.reason,
  });
  return { account, contacts };
}

export async function listAccounts(db: Db, ctx: RequestContext, query: ListAccountsQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listVisibleAccounts(db, ctx.actor, query, page);
  return { items: items.map(toAccount), total, ...page };
}

export async function getAccount(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleAccount(db, ctx.actor, id);
  if (!row) throw notFound('account', id);
  return { ...toAccount(row), contacts: (await repo.listContacts(db, id)).map(toContact) };
}

export async function updateAccount(
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: UpdateAccountInput,
): Promise<Account> {
  const points = cleanContactPoints(patch);
  const parent = patch.parentId ? await parentProblem(db, ctx, patch.parentId, id) : null;
  if (parent) points.problems.push(parent);
  if (points.problems.length) throw invalid(points.problems);
  return db.transaction().execute(async (tx) => {
    if (!(await repo.findVisibleAccount(tx, ctx.actor, id))) throw notFound('account', id);
    const current = await repo.findAccount(tx, id, true);
    if (!current || current.status !== 'active') throw notFound('account', id);
    const next = { ...toAccount(current), ...stripUndefined(patch) };
    if (patch.phones) next.phones = points.phones;
    if (patch.uscc !== undefined) {
      next.uscc = points.uscc?.code ?? null;
      next.usccValid = points.uscc?.valid ?? false;
    }
    const after = await saveAccount(tx, next);
    await recordAudit(tx, ctx, {
      action: 'account.updated',
      entityType: 'account',
      entityId: id,
      before: toAccount(current),
      after,
      reason: patch.reason,
    });
    return after;
  });
}

/** The stored columns for an account's editable values. */
function accountPatch(next: Account) {
  return {
    legal_name: next.legalName,
    aliases: next.aliases,
    english_name: next.englishName,
    uscc: next.uscc,
    uscc_valid: next.usccValid,
    phones: next.phones,
    emails: next.emails.map((e) => e.toLowerCase()),
    website: next.website,
    province: next.province,
    city: next.city,
    district: next.district,
    street: next.street,
    industry: next.industry,
    size: next.size,
    source: next.source,
    tags: next.tags,
    parent_id: next.parentId,
    is_branch: next.isBranch,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => v !== undefined && k !== 'reason'),
  ) as Partial<T>;
}
