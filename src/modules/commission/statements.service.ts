import { Decimal } from 'decimal.js';
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Actor, RequestContext } from '../access/index.js';
import { fromMinor } from '../activities/index.js';
import type { CreditUse } from './calculate.js';
import * as repo from './periods.repo.js';
import * as plans from './plans.repo.js';
import { explainPayee, openPeriods, whatIf } from './periods.service.js';
import type { PlanRules } from './rules.js';

/**
 * Reading periods and statements. Finance and sales ops (scope all) see every payee's current figures;
 * everyone else sees the payees in their scope (themselves, their team, their partner) and only once the
 * period is locked — a statement belongs to its payee from the lock on.
 */

const seesDrafts = (actor: Actor) => actor.scope === 'all';

/** The plan through its visibility policy, and the payees of it the actor may see. */
async function visiblePlan(db: Db, actor: Actor, planId: string) {
  const plan = await plans.visiblePlan(db, actor, planId);
  if (!plan) throw notFound('commission plan', planId);
  return { plan, payees: await repo.visiblePayees(db, actor, planId) };
}

export async function listPeriods(db: Db, ctx: RequestContext, planId: string) {
  await visiblePlan(db, ctx.actor, planId);
  await openPeriods(db, planId, await plans.orgToday(db));
  const version = await repo.versionInForce(db, planId, '9999-12-31');
  const currency = (version?.rules as { currency?: string } | undefined)?.currency ?? 'CNY';
  return (await repo.periodsOfPlan(db, planId)).map((p) => ({
    id: p.id,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    status: p.status,
    currency,
    payout: p.payout_minor === null || !seesDrafts(ctx.actor) ? null : fromMinor(p.payout_minor, currency),
    payees: p.payees,
    seq: p.seq,
    calculatedAt: p.calculated_at,
    lockedAt: p.locked_at,
  }));
}

/** The snapshot a reader sees of a period: the current one for scope all, the locked one for the rest. */
async function readablePeriod(db: Db, actor: Actor, periodId: string) {
  const period = await repo.period(db, periodId);
  if (!period) throw notFound('commission period', periodId);
  const { plan, payees } = await visiblePlan(db, actor, period.plan_id);
  const snapshotId = seesDrafts(actor) ? period.current_snapshot_id : period.locked_snapshot_id;
  return { period, plan, payees, snapshotId };
}

const periodView = (p: { id: string; period_start: string; period_end: string; status: string }) => ({
  id: p.id,
  periodStart: p.period_start,
  periodEnd: p.period_end,
  status: p.status,
});

function resultView(r: Awaited<ReturnType<typeof repo.results>>[number], measureIsUnits: boolean) {
  const measure = (v: string) =>
    measureIsUnits ? new Decimal(v).dividedBy(10_000).toString() : fromMinor(v, r.currency);
  return {
    currency: r.currency,
    measure: measure(r.measure),
    target: measure(r.target),
    attainment: r.attainment,
    tier: r.tier,
    earned: fromMinor(r.earned_minor, r.currency),
    payout: fromMinor(r.payout_minor, r.currency),
    carried: fromMinor(r.carried_minor, r.currency),
    drawBalance: fromMinor(r.draw_balance_minor, r.currency),
  };
}

async function unitsPlan(db: Db, snapshotId: string) {
  const snap = await repo.snapshot(db, snapshotId);
  const version = await repo.versionById(db, snap!.plan_version_id);
  const rules = version.rules as { measure?: string };
  return { snap: snap!, version, units: rules.measure === 'units' };
}

export async function listStatements(db: Db, ctx: RequestContext, periodId: string) {
  const { period, payees, snapshotId } = await readablePeriod(db, ctx.actor, periodId);
  if (!snapshotId) return { period: periodView(period), statements: [] };
  const { units } = await unitsPlan(db, snapshotId);
  const names = new Map(payees.map((p) => [p.id, p]));
  const rows = await repo.results(
    db,
    snapshotId,
    seesDrafts(ctx.actor) ? undefined : payees.map((p) => p.id),
  );
  return {
    period: periodView(period),
    statements: rows.map((r) => {
      const p = names.get(r.payee_id);
      return {
        payeeId: r.payee_id,
        payee: {
          type: p?.user_id ? ('user' as const) : ('partner' as const),
          id: p?.user_id ?? p?.partner_id ?? '',
          name: p?.name ?? '',
        },
        ...resultView(r, units),
      };
    }),
  };
}

export async function getStatement(db: Db, ctx: RequestContext, periodId: string, payeeId: string) {
  const { period, plan, payees, snapshotId } = await readablePeriod(db, ctx.actor, periodId);
  const payee = payees.find((p) => p.id === payeeId);
  if (!snapshotId || !payee) throw notFound('commission statement', payeeId);
  const [result] = await repo.results(db, snapshotId, [payeeId]);
  if (!result) throw notFound('commission statement', payeeId);
  const { snap, version, units } = await unitsPlan(db, snapshotId);
  const detail = await repo.resultDetail(db, snapshotId, payeeId);
  const explained = await explainPayee(db, snapshotId, payeeId, BigInt(result.earned_minor));
  const credits: CreditUse[] = explained.credits;
  const transactions = new Map(
    (await repo.transactionsByIds(db, [...new Set(credits.map((c) => c[1]))])).map((t) => [t.id, t]),
  );
  const money = (v: string | null) => (v === null ? null : fromMinor(v, result.currency));
  const measure = (v: string) =>
    units ? new Decimal(v).dividedBy(10_000).toString() : fromMinor(v, result.currency);
  return {
    period: periodView(period),
    plan: { id: plan.id, code: plan.code, name: plan.name },
    version: { id: version.id, version: version.version, effectiveFrom: version.effective_from },
    snapshot: { id: snap.id, seq: snap.seq, kind: snap.kind, calculatedAt: snap.calculated_at },
    payee: { id: payee.id, type: payee.user_id ? ('user' as const) : ('partner' as const), name: payee.name },
    result: resultView(result, units),
    lines: (await repo.lines(db, snapshotId, payeeId)).map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      kind: l.kind,
      amount: fromMinor(l.amount_minor, result.currency),
      basis: money(l.basis_minor),
      rate: l.rate,
      tier: l.tier,
      formula: l.formula as { code: string; params: Record<string, unknown> },
      adjustment: l.adjustment_id
        ? {
            id: l.adjustment_id,
            kind: l.adjustment_kind,
            reason: l.adjustment_reason as Record<string, unknown>,
            versionId: l.adjustment_version_id,
            sourcePeriodId: l.adjustment_source_period_id,
          }
        : null,
    })),
    credits: credits.map(([creditLineId, transactionId, m, payOn, commission]) => {
      const t = transactions.get(transactionId);
      return {
        creditLineId,
        transactionId,
        externalId: t?.external_id ?? null,
        kind: t?.kind ?? null,
        date: t?.transaction_date ?? null,
        customer: t ? { id: t.account_id, legalName: t.legal_name } : null,
        measure: measure(m),
        payOn: fromMinor(payOn, result.currency),
        commission: fromMinor(commission, result.currency),
      };
    }),
    explanation: detail?.explanation ?? {},
    reproduced: explained.reproduced,
  };
}

/** The caller's own locked statements, newest period first. */
export async function myStatements(db: Db, ctx: RequestContext) {
  const own = await repo.ownPayees(db, ctx.actor);
  const out = [];
  for (const payee of own) {
    const plan = (await plans.visiblePlan(db, ctx.actor, payee.plan_id))!;
    for (const p of (await repo.periodsOfPlan(db, payee.plan_id)).reverse()) {
      if (!p.locked_snapshot_id) continue;
      const [r] = await repo.results(db, p.locked_snapshot_id, [payee.id]);
      if (!r) continue;
      out.push({
        periodId: p.id,
        payeeId: payee.id,
        plan: { id: plan.id, code: plan.code, name: plan.name },
        periodStart: p.period_start,
        periodEnd: p.period_end,
        status: p.status,
        currency: r.currency,
        attainment: r.attainment,
        payout: fromMinor(r.payout_minor, r.currency),
      });
    }
  }
  return out.sort((a, b) => (a.periodStart < b.periodStart ? 1 : -1));
}

export async function whatIfView(
  db: Db,
  ctx: RequestContext,
  planId: string,
  body: { rules: PlanRules; periodStarts: string[] },
) {
  const { payees } = await visiblePlan(db, ctx.actor, planId);
  const names = new Map(payees.map((p) => [p.id, p.name]));
  const currency = body.rules.currency;
  const periods = await whatIf(db, planId, body.rules, body.periodStarts);
  return {
    currency,
    periods: periods.map((p) => ({
      periodStart: p.periodStart,
      payees: p.payees
        .filter((x) => names.has(x.payeeId))
        .map((x) => ({
          payeeId: x.payeeId,
          name: names.get(x.payeeId) ?? '',
          current: x.current === null ? null : fromMinor(x.current, currency),
          whatIf: fromMinor(x.whatIf, currency),
          difference: fromMinor(x.difference, currency),
        })),
    })),
  };
}
