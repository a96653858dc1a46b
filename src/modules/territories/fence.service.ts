import type { Db, Executor } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { areasBelow, decideFence, regionContains, type FenceVerdict } from './fence.js';
import * as repo from './territories.repo.js';
import type { ExceptionView, FenceQueryInput, FenceView, GrantExceptionInput } from './territories.schema.js';
import { grantOf } from './territories.service.js';
import { findRegion } from '../regions/index.js';

export interface FenceInput {
  partnerId?: string | undefined;
  teamId?: string | undefined;
  regionCode: string;
  /** null or absent: not known (only an every-industry authorisation covers it). */
  industryCode?: string | null | undefined;
  /** null or absent: any line will do. */
  productLineCode?: string | null | undefined;
  /** A business date, YYYY-MM-DD. */
  date: string;
  /** The customer, for an exception granted on it. */
  accountId?: string | null | undefined;
}

/**
 * The electronic fence (电子围栏) for deal registration and ordering: whether the party may act in this
 * region × industry × product line on this date under the active territory model, or, for a partner, under
 * a live exception a channel manager granted (on the customer, or on a region holding this one). Refused
 * verdicts carry `OUTSIDE_TERRITORY` and what the party is authorised for, as codes. Call it with the
 * unit of work's `tx`. No active model means no authorisation: the fence fails closed.
 */
export async function checkFence(tx: Executor, input: FenceInput): Promise<FenceVerdict> {
  const model = await repo.activeModel(tx);
  const party = { partnerId: input.partnerId, teamId: input.teamId };
  const query = {
    regionCode: input.regionCode,
    industryCode: input.industryCode ?? null,
    productLineCode: input.productLineCode ?? null,
    date: input.date,
  };
  let verdict: FenceVerdict;
  if (model) {
    const [territories, rows] = await Promise.all([
      repo.territoriesOf(tx, model.id),
      repo.partyAuthorisations(tx, model.id, party),
    ]);
    const covers = areasBelow(
      territories.map((t) => ({ code: t.code, parentCode: t.parent_code, areas: t.areas })),
    );
    verdict = decideFence(
      rows.map((r) => grantOf(r, covers)),
      query,
    );
  } else verdict = decideFence([], query);
  if (verdict.allowed || !input.partnerId) return verdict;
  const exceptions = await repo.liveExceptions(tx, input.partnerId, input.date, input.accountId ?? null);
  const exception = exceptions.find(
    (e) =>
      (e.account_id !== null && e.account_id === input.accountId) ||
      (e.region_code !== null && regionContains(e.region_code, input.regionCode)),
  );
  return exception ? { allowed: true, via: { kind: 'exception', id: exception.id } } : verdict;
}

/**
 * Whether the channel has drawn its territories: an organisation with no active territory model has no
 * fence yet, and deal registration then does not consult one (checkFence itself still fails closed).
 */
export async function fenceInForce(tx: Executor): Promise<boolean> {
  return (await repo.activeModel(tx)) !== undefined;
}

/** Whether the actor may ask about this party: its own partner or team, the teams in its scope, or all. */
async function seesParty(
  db: Executor,
  actor: Actor,
  party: { partnerId?: string | undefined; teamId?: string | undefined },
) {
  if (actor.scope === 'all') return true;
  if (party.partnerId) return actor.scope === 'partner' && actor.partnerId === party.partnerId;
  if (!party.teamId || actor.scope === 'partner' || !actor.teamId) return false;
  if (actor.scope === 'own') return actor.teamId === party.teamId;
  return repo.teamInSubtree(db, actor.teamId, party.teamId);
}

export async function fenceFor(db: Db, actor: Actor, query: FenceQueryInput): Promise<FenceView> {
  if (!(await seesParty(db, actor, query)))
    throw notFound(query.partnerId ? 'partner' : 'team', (query.partnerId ?? query.teamId)!);
  if (/^\d{6}$/.test(query.regionCode) && !findRegion(query.regionCode))
    throw invalid([{ field: 'regionCode', problem: 'unknown_region', message: 'is no GB/T 2260 region' }]);
  const verdict = await checkFence(db, { ...query, date: query.date ?? (await repo.orgToday(db)) });
  return verdict.allowed
    ? { allowed: true, via: verdict.via, code: null, reason: null, authorised: [] }
    : {
        allowed: false,
        via: null,
        code: verdict.code,
        reason: verdict.reason,
        authorised: verdict.authorised,
      };
}

const exceptionView = (
  r: repo.ExceptionRow & { account_name: string | null },
  today: string,
): ExceptionView => ({
  id: r.id,
  partnerId: r.partner_id,
  account: r.account_id ? { id: r.account_id, legalName: r.account_name ?? '' } : null,
  regionCode: r.region_code,
  note: r.note,
  expiresOn: r.expires_on,
  grantedAt: r.granted_at,
  revokedAt: r.revoked_at,
  status: r.revoked_at ? 'revoked' : r.expires_on < today ? 'expired' : 'live',
});

export async function listExceptions(db: Db, actor: Actor, filter: { partnerId?: string | undefined }) {
  const today = await repo.orgToday(db);
  return { items: (await repo.listExceptions(db, actor, filter)).map((r) => exceptionView(r, today)) };
}

async function exceptionById(db: Executor, actor: Actor, id: string, today: string) {
  const row = (await repo.listExceptions(db, actor, {})).find((r) => r.id === id);
  return row ? exceptionView(row, today) : undefined;
}

/** A channel manager lets a partner past the fence for one customer or one region, until a date (audited). */
export async function grantException(db: Db, ctx: RequestContext, input: GrantExceptionInput) {
  return runWork(db, ctx, async (w) => {
    const today = await repo.orgToday(w.tx);
    const problems = [];
    if (input.expiresOn < today)
      problems.push({ field: 'expiresOn', problem: 'in_past', message: `is before today (${today})` });
    if (input.regionCode && (/^\d{6}$/.test(input.regionCode) ? !findRegion(input.regionCode) : false))
      problems.push({ field: 'regionCode', problem: 'unknown_region', message: 'is no GB/T 2260 region' });
    if (input.accountId && !(await repo.accountExists(w.tx, input.accountId)))
      problems.push({ field: 'accountId', problem: 'not_found', message: 'is no customer' });
    if (problems.length) throw invalid(problems);
    const { id } = await repo.insertException(w.tx, {
      partner_id: input.partnerId,
      account_id: input.accountId ?? null,
      region_code: input.regionCode ?? null,
      note: input.note,
      expires_on: input.expiresOn,
      granted_by: w.actor.id,
    });
    w.audit({
      action: 'territory_exception.granted',
      entityType: 'territory_exception',
      entityId: id,
      after: input,
    });
    return (await exceptionById(w.tx, w.actor, id, today))!;
  });
}

export async function revokeException(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    const row = await repo.lockException(w.tx, id, w.actor);
    if (!row) throw notFound('territory_exception', id);
    const today = await repo.orgToday(w.tx);
    // Revoking twice changes nothing and says so by the revokedAt it returns.
    if (!row.revoked_at) {
      await repo.revokeException(w.tx, id, w.actor.id);
      w.audit({
        action: 'territory_exception.revoked',
        entityType: 'territory_exception',
        entityId: id,
        before: { expiresOn: row.expires_on },
      });
    }
    return (await exceptionById(w.tx, w.actor, id, today))!;
  });
}
