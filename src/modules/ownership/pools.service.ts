import type { Db, Executor } from '../../db/database.js';
import { AppError, fieldError, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { evidence, runWork, type Evidence, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { addDays, localDate, startOfLocalDate } from './deadline.js';
import { applyMoves } from './ledger.js';
import * as ledger from './ledger.repo.js';
import { notify } from './notifications.js';
import { periodInstants, previousMonth, priorityVerdict, windowEnds, type PriorityRule } from './priority.js';
import type {
  DistributeInput,
  PoolAccountsQuery,
  PooledAccountView,
  PoolInput,
  PoolPatch,
  PoolView,
} from './pools.schema.js';
import * as repo from './pools.repo.js';

/**
 * Public pools (公海): customers nobody holds, claimed under the pool's rules. A claim locks the claimant
 * (its limits are counted under that lock, so two tabs cannot both take the last slot) and then the
 * customer's row; the first claimant moves the customer out of the pool and every later one finds it gone
 * (409 ALREADY_CLAIMED). The partial unique index on open claims backs this up.
 */

const isInternal = (a: Actor) => a.scope !== 'partner' && !!a.id;
const manages = (a: Actor) => a.role === 'admin' || a.role === 'sales_ops';

function toView(p: repo.PoolRow, size: number, member: boolean, admin: boolean): PoolView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    regionCodes: p.region_prefixes,
    excludedRegionCodes: p.excluded_region_prefixes,
    teamId: p.team_id,
    productLine: p.product_line,
    adminIds: p.admin_ids,
    memberTeamIds: p.member_team_ids,
    claimsPerDay: p.claims_per_day,
    maxOwned: p.max_owned,
    maxLocked: p.max_locked,
    countWon: p.count_won,
    cooldownDays: p.cooldown_days,
    embargoHours: p.embargo_hours,
    dailyViewCap: p.daily_view_cap,
    maskContacts: p.mask_contacts,
    priorityWindow: priorityRule(p),
    version: p.version,
    size,
    member,
    admin,
  };
}

/** The pool's priority window, or null when it has none. */
function priorityRule(p: repo.PoolRow): PriorityRule | null {
  if (p.priority_hours <= 0 || !p.priority_measure) return null;
  return {
    hours: p.priority_hours,
    measure: p.priority_measure,
    topN: p.priority_top_n,
    topPercent: p.priority_top_percent,
  };
}

function columns(input: PoolPatch) {
  const priority = input.priorityWindow;
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.regionCodes !== undefined && { region_prefixes: input.regionCodes }),
    ...(input.excludedRegionCodes !== undefined && { excluded_region_prefixes: input.excludedRegionCodes }),
    ...(input.teamId !== undefined && { team_id: input.teamId }),
    ...(input.productLine !== undefined && { product_line: input.productLine }),
    ...(input.adminIds !== undefined && { admin_ids: input.adminIds }),
    ...(input.memberTeamIds !== undefined && { member_team_ids: input.memberTeamIds }),
    ...(input.claimsPerDay !== undefined && { claims_per_day: input.claimsPerDay }),
    ...(input.maxOwned !== undefined && { max_owned: input.maxOwned }),
    ...(input.maxLocked !== undefined && { max_locked: input.maxLocked }),
    ...(input.countWon !== undefined && { count_won: input.countWon }),
    ...(input.cooldownDays !== undefined && { cooldown_days: input.cooldownDays }),
    ...(input.embargoHours !== undefined && { embargo_hours: input.embargoHours }),
    ...(input.dailyViewCap !== undefined && { daily_view_cap: input.dailyViewCap }),
    ...(input.maskContacts !== undefined && { mask_contacts: input.maskContacts }),
    ...(priority !== undefined && {
      priority_hours: priority?.hours ?? 0,
      priority_measure: priority?.measure ?? null,
      priority_top_n: priority?.topN ?? null,
      priority_top_percent: priority?.topPercent ?? null,
    }),
  };
}

async function isMember(db: Executor, pool: repo.PoolRow, actor: Actor) {
  if (!isInternal(actor)) return false;
  if (manages(actor) || pool.member_team_ids.length === 0) return true;
  return repo.inTeams(db, actor.teamId, pool.member_team_ids);
}
const isAdmin = (pool: repo.PoolRow, actor: Actor) =>
  manages(actor) || (!!actor.id && pool.admin_ids.includes(actor.id));

const nameTaken = (name: string) =>
  fieldError('CONFLICT', `A pool named ${name} exists`, {
    field: 'name',
    problem: 'taken',
    message: 'is taken',
  });

export async function createPool(db: Db, ctx: RequestContext, input: PoolInput): Promise<PoolView> {
  return runWork(db, ctx, async (w) => {
    const row = await repo.insertPool(w.tx, { name: input.name, ...columns(input) }).catch((e: unknown) => {
      throw isUniqueViolation(e) ? nameTaken(input.name) : e;
    });
    w.audit({
      action: 'pool.created',
      entityType: 'pool',
      entityId: row.id,
      after: toView(row, 0, true, true),
    });
    return toView(row, 0, true, true);
  });
}

export async function updatePool(
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: PoolPatch,
): Promise<PoolView> {
  return runWork(db, ctx, async (w) => {
    const before = await repo.findPool(w.tx, id, true);
    if (!before) throw notFound('pool', id);
    const row = await repo.updatePool(w.tx, id, columns(patch)).catch((e: unknown) => {
      throw isUniqueViolation(e) ? nameTaken(patch.name ?? '') : e;
    });
    const size = (await repo.poolSizes(w.tx)).get(id) ?? 0;
    w.audit({
      action: 'pool.updated',
      entityType: 'pool',
      entityId: id,
      before: toView(before, size, true, true),
      after: toView(row, size, true, true),
    });
    return toView(row, size, true, true);
  });
}

export async function listPools(db: Db, ctx: RequestContext): Promise<PoolView[]> {
  const [pools, sizes] = await Promise.all([repo.listPools(db), repo.poolSizes(db)]);
  const out: PoolView[] = [];
  for (const p of pools) {
    const member = await isMember(db, p, ctx.actor);
    const admin = isAdmin(p, ctx.actor);
    if (member || admin) out.push(toView(p, sizes.get(p.id) ?? 0, member, admin));
  }
  return out;
}

async function visiblePool(db: Executor, actor: Actor, id: string) {
  const pool = await repo.findPool(db, id);
  // A pool the caller is not part of is answered like a missing one.
  if (!pool || !((await isMember(db, pool, actor)) || isAdmin(pool, actor))) throw notFound('pool', id);
  return pool;
}

/** 138****5678, a***@example.com: enough to recognise, not enough to call. */
export const maskPhone = (p: string) =>
  p.length > 7 ? `${p.slice(0, p.length - 8)}****${p.slice(-4)}` : '****';
export const maskEmail = (e: string) => e.replace(/^(.)[^@]*/, '$1***');

export async function poolAccounts(
  db: Db,
  ctx: RequestContext,
  poolId: string,
  filter: Omit<PoolAccountsQuery, 'limit' | 'offset'>,
  page: Page,
) {
  const pool = await visiblePool(db, ctx.actor, poolId);
  const { items, total } = await repo.pooledAccounts(db, poolId, filter, page);
  return { items: await views(db, ctx.actor, pool, items), total, limit: page.limit, offset: page.offset };
}

async function views(db: Executor, actor: Actor, pool: repo.PoolRow, items: repo.PooledRow[]) {
  const former = actor.id
    ? await repo.formerlyHeld(
        db,
        actor.id,
        items.map((i) => i.id),
      )
    : new Map<string, string>();
  const view = (a: repo.PooledRow): PooledAccountView => ({
    id: a.id,
    legalName: a.legal_name,
    regionCode: a.region_code,
    industryCode: a.industry_code,
    grade: a.grade,
    pooledAt: a.started_at,
    claimableFrom: new Date(Date.parse(a.started_at) + pool.embargo_hours * 3_600_000).toISOString(),
    priorityUntil: windowEnds({ hours: pool.priority_hours }, a.started_at),
    formerHolder: former.has(a.id),
    phones: pool.mask_contacts ? a.phones.map(maskPhone) : a.phones,
    emails: pool.mask_contacts ? a.emails.map(maskEmail) : a.emails,
  });
  return items.map(view);
}

/**
 * Opens one pool record. Counted against the pool's daily view cap (a record opened twice on a day counts
 * once), so a rep cannot page through the whole pool's details to cherry-pick. The count is a change like
 * any other and is audited when it moves (the first opening of a record on a day): bounded by the cap, and
 * it is what a dispute about cherry-picking needs — who opened which pool records, when.
 */
export async function viewPooledAccount(db: Db, ctx: RequestContext, poolId: string, accountId: string) {
  return runWork(db, ctx, async (w) => {
    const pool = await visiblePool(w.tx, w.actor, poolId);
    // A record that is not in the pool is answered before anything is counted.
    const { items } = await repo.pooledAccounts(w.tx, poolId, { id: accountId }, { limit: 1, offset: 0 });
    if (items.length === 0) throw notFound('account', accountId);
    const org = await ledger.orgSettings(w.tx);
    const day = localDate(new Date(), org.time_zone);
    if (pool.daily_view_cap !== null && w.actor.id) {
      await w.lockKeys([`pool-views:${w.actor.id}`]);
      const views = await repo.viewsOn(w.tx, w.actor.id, day, accountId);
      if (!views.seen && views.count >= pool.daily_view_cap)
        throw limitReached('daily_views', pool.daily_view_cap, views.count, nextDayStart(day, org.time_zone));
      if (await repo.recordView(w.tx, w.actor.id, day, accountId))
        w.audit({
          action: 'pool.record_viewed',
          entityType: 'pool',
          entityId: pool.id,
          after: { accountId, day, viewsToday: views.count + 1, dailyViewCap: pool.daily_view_cap },
        });
    }
    const [shown] = await views(w.tx, w.actor, pool, items);
    return shown!;
  });
}

const nextDayStart = (day: string, timeZone: string) => startOfLocalDate(addDays(day, 1), timeZone);

const limitReached = (limit: string, max: number, count: number, resetsAt: string | null) =>
  new AppError('CLAIM_LIMIT', `The ${limit} limit (${max}) is reached`, { limit, max, count, resetsAt });

/** Checks a claimant against the pool's limits; returns the evidence that each limit held. */
async function checkLimits(w: Work, pool: repo.PoolRow, userId: string, timeZone: string, now: Date) {
  const day = localDate(now, timeZone);
  const held = await repo.holdings(w.tx, userId, startOfLocalDate(day, timeZone));
  const owned = held.owned + (pool.count_won ? held.won : 0);
  const checks: [string, number | null, number, string | null][] = [
    ['claims_per_day', pool.claims_per_day, held.claimed_today, nextDayStart(day, timeZone)],
    ['max_owned', pool.max_owned, owned, null],
    ['max_locked', pool.max_locked, held.locked, null],
  ];
  const notes: Evidence[] = [];
  for (const [limit, max, count, resetsAt] of checks) {
    if (max === null) continue;
    if (count >= max) throw limitReached(limit, max, count, resetsAt);
    notes.push(evidence('claim.within_limit', { limit, max, count }));
  }
  return notes;
}

/**
 * Inside the pool's priority window only the members ranked highest by last month's results may claim;
 * returns the evidence that the claimant did rank high enough (nothing when no window is open).
 */
async function checkPriority(
  w: Work,
  pool: repo.PoolRow,
  userId: string,
  pooledAt: string,
  org: { time_zone: string; currency: string },
  now: Date,
): Promise<Evidence[]> {
  const rule = priorityRule(pool);
  const until = rule && windowEnds(rule, pooledAt);
  if (!rule || !until || Date.parse(until) <= now.getTime()) return [];
  const period = previousMonth(now, org.time_zone);
  const { start, end } = periodInstants(period, org.time_zone);
  const standings = await repo.memberStandings(w.tx, {
    memberTeamIds: pool.member_team_ids,
    measure: rule.measure,
    start,
    end,
    currency: org.currency,
    alsoUserId: userId,
  });
  const verdict = priorityVerdict(rule, standings, userId);
  const params = {
    until,
    measure: rule.measure,
    rank: verdict.rank,
    rankNeeded: verdict.rankNeeded,
    members: verdict.members,
    value: verdict.value.toString(),
    periodFrom: period.from,
    periodTo: period.to,
  };
  if (!verdict.qualifies)
    throw new AppError(
      'POOL_PRIORITY_WINDOW',
      'Only the members ranked highest may claim it for now',
      params,
    );
  return [evidence('claim.priority_window', params)];
}

export async function claimFromPool(
  db: Db,
  ctx: RequestContext,
  poolId: string,
  accountId: string,
  note?: string,
) {
  const userId = ctx.actor.id;
  if (!userId || !isInternal(ctx.actor)) throw forbidden('Only a person in the organisation can claim');
  return runWork(db, ctx, async (w) => {
    // The claimant first (its limits), then the customer: the kernel's order, keys before rows.
    await w.lockKeys([`claimant:${userId}`]);
    const pool = await repo.findPool(w.tx, poolId);
    if (!pool) throw notFound('pool', poolId);
    if (!(await isMember(w.tx, pool, w.actor)))
      throw new AppError('NOT_POOL_MEMBER', 'You are not a member of this pool', { poolId });
    const [held] = await ledger.lockAccounts(w.tx, [accountId]);
    const open = held?.claim;
    if (
      !held ||
      held.account.status !== 'active' ||
      !open ||
      open.holder !== 'pool' ||
      open.pool_id !== poolId
    ) {
      if (held && (await repo.wasInPool(w.tx, accountId, poolId)))
        throw new AppError('ALREADY_CLAIMED', 'Someone else claimed this customer first', { poolId });
      throw notFound('account', accountId);
    }
    const now = new Date();
    const embargoEnds = Date.parse(open.started_at) + pool.embargo_hours * 3_600_000;
    if (embargoEnds > now.getTime())
      throw new AppError('POOL_EMBARGO', 'The customer has only just entered the pool', {
        until: new Date(embargoEnds).toISOString(),
      });
    const former = (await repo.formerlyHeld(w.tx, userId, [accountId])).get(accountId);
    const cooldownEnds = former ? Date.parse(former) + pool.cooldown_days * 86_400_000 : 0;
    if (cooldownEnds > now.getTime())
      throw new AppError('CLAIM_COOLDOWN', 'You held this customer until recently', {
        until: new Date(cooldownEnds).toISOString(),
        heldUntil: former!,
      });
    const org = await ledger.orgSettings(w.tx);
    const priority = await checkPriority(w, pool, userId, open.started_at, org, now);
    const limits = await checkLimits(w, pool, userId, org.time_zone, now);
    const decisionId = w.decide({
      kind: 'ownership.claim',
      subject: { type: 'account', id: accountId },
      verdict: 'claimed',
      rule: { id: 'pool.claim', version: pool.version, params: { poolId } },
      evidence: [
        evidence('pool.claimed', { poolId, poolName: pool.name, pooledAt: open.started_at }),
        ...(former
          ? [evidence('claim.former_holder', { heldUntil: former, cooldownDays: pool.cooldown_days })]
          : []),
        ...priority,
        ...limits,
      ],
    });
    const [claim] = await applyMoves(w, [
      {
        accountId,
        to: { type: 'user', userId, partnerId: null },
        via: 'claim',
        decisionId,
        endReason: 'claimed',
      },
    ]);
    w.audit({
      action: 'ownership.claimed',
      entityType: 'account',
      entityId: accountId,
      before: { poolId },
      after: { ownerId: userId, claimId: claim!.id, endsAt: claim!.ends_at },
      reason: note ?? null,
      decisionId,
    });
    w.emit('ownership.changed', {
      accountId,
      fromUserId: null,
      toUserId: userId,
      poolId,
      via: 'claim',
      decisionId,
    });
    return { accountId, claimId: claim!.id, endsAt: claim!.ends_at, decisionId };
  });
}

/** A pool admin hands pooled customers to a member, within that member's holding caps. */
export async function distributeFromPool(
  db: Db,
  ctx: RequestContext,
  poolId: string,
  input: DistributeInput,
) {
  return runWork(db, ctx, async (w) => {
    await w.lockKeys([`claimant:${input.userId}`]);
    const pool = await visiblePool(w.tx, w.actor, poolId);
    if (!isAdmin(pool, w.actor)) throw forbidden('Only the pool’s admins distribute from it', { poolId });
    const target = await repo.userBrief(w.tx, input.userId);
    if (!target || target.status !== 'active' || target.partner_id)
      throw fieldError('VALIDATION_FAILED', 'userId: not an active internal user', {
        field: 'userId',
        problem: target ? 'inactive' : 'unknown',
        message: target ? 'is not an active internal user' : 'is no such user',
      });
    const org = await ledger.orgSettings(w.tx);
    const held = await repo.holdings(
      w.tx,
      input.userId,
      startOfLocalDate(localDate(new Date(), org.time_zone), org.time_zone),
    );
    const owned = held.owned + (pool.count_won ? held.won : 0);
    if (pool.max_owned !== null && owned + input.accountIds.length > pool.max_owned)
      throw limitReached('max_owned', pool.max_owned, owned, null);
    const locked = await ledger.lockAccounts(w.tx, input.accountIds);
    const notInPool = input.accountIds.filter(
      (id) =>
        !locked.some((l) => l.account.id === id && l.claim?.holder === 'pool' && l.claim.pool_id === poolId),
    );
    if (notInPool.length > 0)
      throw fieldError(
        'VALIDATION_FAILED',
        'accountIds: not all in this pool',
        {
          field: 'accountIds',
          problem: 'not_in_pool',
          message: `${notInPool.length} are not in this pool`,
        },
        { accountIds: notInPool },
      );
    const moves = locked.map((l) => {
      const decisionId = w.decide({
        kind: 'ownership.assign',
        subject: { type: 'account', id: l.account.id },
        verdict: 'distributed',
        rule: { id: 'pool.distribute', version: pool.version, params: { poolId } },
        evidence: [evidence('pool.distributed', { poolId, poolName: pool.name, toUserId: input.userId })],
      });
      return {
        accountId: l.account.id,
        to: { type: 'user' as const, userId: input.userId, partnerId: null },
        via: 'distribute' as const,
        decisionId,
      };
    });
    await applyMoves(w, moves);
    for (const m of moves) {
      w.audit({
        action: 'ownership.distributed',
        entityType: 'account',
        entityId: m.accountId,
        before: { poolId },
        after: { ownerId: input.userId },
        reason: input.note ?? null,
        decisionId: m.decisionId,
      });
      w.emit('ownership.changed', {
        accountId: m.accountId,
        fromUserId: null,
        toUserId: input.userId,
        poolId,
        via: 'distribute',
        decisionId: m.decisionId,
      });
    }
    await notify(w.tx, [
      {
        userId: input.userId,
        kind: 'ownership.assigned',
        params: { count: moves.length, poolId },
        accountId: null,
      },
    ]);
    return { moved: moves.length };
  });
}
