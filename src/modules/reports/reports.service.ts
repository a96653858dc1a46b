import type { Db } from '../../db/database.js';
import { forbidden } from '../../errors.js';
import type { Actor, RequestContext } from '../access/index.js';
import * as repo from './reports.repo.js';
import type { DistributionReport, Kpis, OverlapReport, ReportRangeQuery } from './reports.schema.js';

/**
 * Reports over the ownership ledger. The distribution report is published to every internal user (公开透明):
 * people and counts, never a customer. The overlap report and the expiring protections keep to the caller's
 * scope (the account policy); pools are shared by every internal user, so their sizes and flow are
 * organisation-wide. Partners see none of it.
 */

const DAY = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function internalOnly(actor: Actor) {
  if (actor.scope === 'partner' || actor.partnerId)
    throw forbidden('Reports are for people in the organisation');
}

export async function windowOf(db: Db, q: ReportRangeQuery): Promise<repo.Window> {
  const { timeZone, today } = await repo.orgClock(db);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? shift(to, -29);
  return { from, to, timeZone };
}

const rate = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

export async function distributionReport(
  db: Db,
  ctx: RequestContext,
  q: ReportRangeQuery,
): Promise<DistributionReport> {
  internalOnly(ctx.actor);
  const w = await windowOf(db, q);
  const [rows, pools, rules] = await Promise.all([
    repo.distribution(db, w),
    repo.poolsInForce(db),
    repo.activeRecoveryRules(db),
  ]);
  const totals = { received: 0, claimed: 0, released: 0, recovered: 0, held: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  return {
    from: w.from,
    to: w.to,
    timeZone: w.timeZone,
    rows: rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      teamName: r.team_name,
      received: r.received,
      claimed: r.claimed,
      released: r.released,
      recovered: r.recovered,
      held: r.held,
    })),
    totals,
    pools: pools.map((p) => ({
      poolId: p.id,
      name: p.name,
      kind: p.kind,
      claimsPerDay: p.claims_per_day,
      maxOwned: p.max_owned,
      maxLocked: p.max_locked,
      countWon: p.count_won,
      cooldownDays: p.cooldown_days,
      embargoHours: p.embargo_hours,
      version: p.version,
    })),
    recoveryRules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      trigger: r.trigger,
      days: r.days,
      grade: r.grade,
      poolName: r.pool_name,
      version: r.version,
    })),
  };
}

export async function overlapReport(
  db: Db,
  ctx: RequestContext,
  q: ReportRangeQuery,
): Promise<OverlapReport> {
  internalOnly(ctx.actor);
  const w = await windowOf(db, q);
  const [totals, weeks, accounts] = await Promise.all([
    repo.overlapTotals(db, ctx.actor, w),
    repo.overlapWeeks(db, ctx.actor, w),
    repo.overlapAccounts(db, ctx.actor, w, 100),
  ]);
  return {
    from: w.from,
    to: w.to,
    timeZone: w.timeZone,
    overlapping: totals.overlapping,
    active: totals.active,
    rate: rate(totals.overlapping, totals.active),
    byReason: totals.byReason,
    weeks: weeks.map((x) => ({ ...x, rate: rate(x.overlapping, x.active) })),
    accounts,
  };
}

export async function kpis(db: Db, ctx: RequestContext): Promise<Kpis> {
  internalOnly(ctx.actor);
  const { timeZone, today } = await repo.orgClock(db);
  const flowFrom = shift(today, -29);
  const [expiring, pools, flow, releaseToClaim] = await Promise.all([
    repo.expiring(db, ctx.actor, timeZone),
    repo.poolSizes(db),
    repo.poolFlow(db, flowFrom, timeZone),
    repo.releaseToClaim(db),
  ]);
  const days = (start: string, count: number) => Array.from({ length: count }, (_, i) => shift(start, i));
  return {
    timeZone,
    expiring: {
      overdue: expiring.overdue,
      within3: expiring.within3,
      within7: expiring.within7,
      within30: expiring.within30,
      byDay: days(today, 31).map((day) => ({ day, count: expiring.byDay.get(day) ?? 0 })),
    },
    pools,
    flow: days(flowFrom, 30).map((day) => ({
      day,
      in: flow.get(day)?.in ?? 0,
      out: flow.get(day)?.out ?? 0,
    })),
    releaseToClaim,
  };
}
