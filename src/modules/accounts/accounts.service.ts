import type { Db } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { assertEditable, RetryWork, runWork, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { normalizePhone, normalizeUscc, searchKeys, searchText, type Features } from '../matching/index.js';
import { recordDuplicateTouches, type DuplicateHit } from '../ownership/index.js';
import { inSight, notActive, saveAccount, toAccount, toContact } from './account-store.js';
import { admitCustomer, readmitCustomer } from './admission.js';
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
  matchKeys,
  type DuplicateCandidate,
  offerActions,
  viewMatches,
  type MatchView,
} from './duplicates.js';
import { placeCustomer, placeEdited } from './places.js';

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

/** Customers a check found that someone other than the checker owns: overlap, whatever the checker sees. */
function heldByOthers(actor: Actor, candidates: readonly DuplicateCandidate[]): DuplicateHit[] {
  return candidates.flatMap((c) =>
    actor.id && c.ownerId && c.ownerId !== actor.id ? [{ accountId: c.accountId, holderId: c.ownerId }] : [],
  );
}

/**
 * Keeps the overlap a check ran into, in a unit of work of its own: a check writes nothing else, and a
 * refused create has rolled its own back.
 */
async function noteOverlap(db: Db, ctx: RequestContext, candidates: readonly DuplicateCandidate[]) {
  const hits = heldByOthers(ctx.actor, candidates);
  if (hits.length > 0) await runWork(db, ctx, (w) => recordDuplicateTouches(w, hits));
}

/** A create refused over a look-alike is a check that hit: find what it hit again, outside its rollback. */
async function noteRefusedCreate(db: Db, ctx: RequestContext, features: Features[], error: unknown) {
  if (!(error instanceof AppError)) return;
  if (error.code !== 'DUPLICATE_ACCOUNT' && error.code !== 'POSSIBLE_DUPLICATE') return;
  await noteOverlap(db, ctx, (await findDuplicates(db, features)).candidates);
}

/** The duplicate check a create runs, on its own: what would happen, and why. */
export async function checkAccount(
  db: Db,
  ctx: RequestContext,
  input: CheckAccountInput,
): Promise<CheckResult> {
  const { phones, uscc } = cleanContactPoints(input);
  const features = accountFeatures({ ...input, phones });
  const { candidates } = await findDuplicates(db, features);
  await noteOverlap(db, ctx, candidates);
  const matches = await offerActions(db, ctx.actor, candidates, await viewMatches(db, ctx.actor, candidates));
  const verdict = matches.some((m) => m.verdict === 'same') ? 'same' : matches.length ? 'possible' : 'none';
  return { verdict, matches, warnings: usccWarning(uscc) };
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

/**
 * A customer as typed, read into what admission takes: phones in E.164, a readable USCC, codes placed from
 * the address, the features matching reads — and every problem with the input, field by field. Deal
 * registration reads its end customer through here too, so a registered customer is the customer a create
 * would make.
 */
export function prepareCustomer(input: Omit<CreateAccountInput, 'confirm'>) {
  const points = cleanContactPoints(input);
  const people = cleanContacts(input.contacts);
  const problems = [...points.problems, ...people.problems];
  const values = placeCustomer({
    legalName: input.legalName,
    aliases: input.aliases ?? [],
    englishName: input.englishName ?? null,
    uscc: points.uscc?.code ?? null,
    usccValid: points.uscc?.valid ?? false,
    phones: points.phones,
    emails: input.emails ?? [],
    website: input.website ?? null,
    province: input.province ?? null,
    city: input.city ?? null,
    district: input.district ?? null,
    street: input.street ?? null,
    industry: input.industry ?? null,
    regionCode: input.regionCode ?? null,
    regionSource: input.regionCode ? 'given' : null,
    industryCode: input.industryCode ?? null,
    industrySource: input.industryCode ? 'given' : null,
    size: input.size ?? null,
    source: input.source ?? null,
    tags: input.tags ?? [],
    parentId: input.parentId ?? null,
    isBranch: input.isBranch ?? false,
  });
  const features = accountFeatures({ ...input, ...values, contacts: people.contacts });
  return { values, contacts: people.contacts, features, problems, warnings: usccWarning(points.uscc) };
}

export async function createAccount(db: Db, ctx: RequestContext, input: CreateAccountInput) {
  const { values, contacts, features, problems, warnings } = prepareCustomer(input);
  const parent = input.parentId ? await parentProblem(db, ctx, input.parentId) : null;
  if (parent) problems.push(parent);
  if (problems.length) throw invalid(problems);
  try {
    return await runWork(db, ctx, async (w) => {
      const admitted = await admitCustomer(w, {
        values,
        contacts,
        features,
        source: { kind: 'create' },
        confirmReason: input.confirm?.reason,
      });
      if (admitted.outcome !== 'created') throw new Error(`create admitted as ${admitted.outcome}`);
      if (admitted.matches.length > 0) {
        // Created anyway, over look-alikes confirmed with a reason: those held by others are overlap.
        const { candidates } = await findDuplicates(w.tx, features, { excludeIds: [admitted.account.id] });
        await recordDuplicateTouches(w, heldByOthers(w.actor, candidates));
      }
      return {
        ...admitted.account,
        contacts: admitted.contacts,
        decisionId: admitted.decisionId,
        warnings,
      };
    });
  } catch (error) {
    await noteRefusedCreate(db, ctx, features, error);
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

/** What a search box's text looks for: identity keys, and the text itself in both scripts. */
export function accountSearch(q: string | undefined): repo.AccountSearch {
  return q ? { keys: searchKeys(q), texts: [...new Set([q, searchText(q)])] } : { keys: [], texts: [] };
}

export async function listAccounts(db: Db, ctx: RequestContext, query: ListAccountsQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const { limit: _limit, offset: _offset, q, ...filter } = query;
  const { items, total } = await repo.listVisibleAccounts(db, ctx.actor, filter, accountSearch(q), page);
  return { items: await inSight(db, ctx.actor, items.map(toAccount)), total, ...page };
}

export async function getAccount(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleAccount(db, ctx.actor, id);
  if (!row) throw notFound('account', id);
  const [account] = await inSight(db, ctx.actor, [toAccount(row)]);
  return { ...account!, contacts: (await repo.listContacts(db, id)).map(toContact) };
}

/** Fields matching reads: changing one re-admits the account (the duplicate check a create passes). */
const IDENTITY_FIELDS = [
  'legalName',
  'aliases',
  'englishName',
  'uscc',
  'phones',
  'emails',
  'website',
  'province',
  'city',
  'district',
  'street',
  'regionCode',
] as const;

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
  const apply = (current: Account): Account => {
    const next = { ...current, ...stripUndefined(patch) };
    if (patch.phones) next.phones = points.phones;
    if (patch.uscc !== undefined) {
      next.uscc = points.uscc?.code ?? null;
      next.usccValid = points.uscc?.valid ?? false;
    }
    return placeEdited(next, patch);
  };
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findVisibleAccount(w.tx, ctx.actor, id);
    if (!seen) throw notFound('account', id);
    await assertEditable(w.tx, 'account', w.actor, id);
    // Lock order: the keys the new values would hold, then the row.
    const identityChanges = IDENTITY_FIELDS.some((f) => patch[f] !== undefined);
    const contacts = identityChanges ? await repo.listContacts(w.tx, id) : [];
    const features = (a: Account) => accountFeatures({ ...a, contacts });
    let decisionId: string | undefined;
    if (identityChanges)
      decisionId = await readmit(w, id, features(apply(toAccount(seen))), patch.confirm?.reason);
    const current = await repo.findAccount(w.tx, id, true);
    if (!current || current.status !== 'active') throw notActive(id, current?.status);
    const next = apply(toAccount(current));
    if (identityChanges) {
      const locked = new Set(matchKeys(features(apply(toAccount(seen)))));
      // Changed by someone else between the read and the lock: check again from the start.
      if (matchKeys(features(next)).some((k) => !locked.has(k))) throw new RetryWork();
    }
    const after = await saveAccount(w.tx, next);
    w.audit({
      action: 'account.updated',
      entityType: 'account',
      entityId: id,
      before: toAccount(current),
      after,
      reason: patch.reason ?? patch.confirm?.reason,
      decisionId,
    });
    w.emit('account.updated', { accountId: id });
    return (await inSight(w.tx, w.actor, [after]))[0]!;
  });
}

const readmit = (w: Work, id: string, features: ReturnType<typeof accountFeatures>, confirmReason?: string) =>
  readmitCustomer(w, id, features, { confirmReason, occasion: 'update' });

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => v !== undefined && k !== 'reason' && k !== 'confirm'),
  ) as Partial<T>;
}
