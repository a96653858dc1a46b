import { Decimal } from 'decimal.js';
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../access/index.js';
import { localDate } from '../ownership/index.js';
import * as repo from './attainment.repo.js';
import { daysBetween, periodOf } from './calendar.js';
import { measureText } from './exports.js';
import { planRules, type PlanRules } from './rules.js';

/**
 * Attainment over time and a forecast (issue 13, item 10). The series reads each period's current
 * snapshot, as statements are read (scope all every period, everyone else locked ones). The forecast of the
 * period running today — a projection from the latest calculation, not a statement, so shown to whoever
 * sees the payee — is
 *
 *   projected = run rate + weighted pipeline
 *   run rate  = measure of the latest calculation ÷ days elapsed at that calculation × days in the period
 *   pipeline  = Σ open opportunity amount × the weight of its stage, for opportunities on the payee's side
 *               expected to close from today to the period's end, in the plan currency (others are counted
 *               as skipped); units plans have no pipeline (opportunities are money)
 *
 * Opportunities carry a stage and no probability, so each stage has a stated weight (`STAGE_WEIGHTS`).
 * Each figure is rounded once, half to even, to a minor unit (or a ten-thousandth of a unit).
 */
export const STAGE_WEIGHTS: Record<string, string> = {
  qualify: '10',
  propose: '30',
  negotiate: '60',
  commit: '90',
};

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const whole = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
const percentText = (measure: Decimal, target: Decimal | null) =>
  target === null || target.lte(0)
    ? null
    : measure.times(100).dividedBy(target).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);

export interface ForecastInput {
  period: { start: string; end: string };
  today: string;
  /** The latest calculation's measure and the local date it ran, if the period was calculated. */
  calculation: { measure: string; asOf: string } | null;
  target: string | null;
  opportunities: { stage: string; amountMinor: string; currency: string }[];
  currency: string;
  units: boolean;
}

/** The forecast figures, in the measure's units (minor units or units × 10 000), as decimal strings. */
export function forecast(input: ForecastInput) {
  const days = daysBetween(input.period.start, input.period.end);
  let runRate = new D(0);
  let elapsed = 0;
  if (input.calculation) {
    const asOf =
      input.calculation.asOf < input.period.start
        ? input.period.start
        : input.calculation.asOf > input.period.end
          ? input.period.end
          : input.calculation.asOf;
    elapsed = daysBetween(input.period.start, asOf);
    runRate = whole(new D(input.calculation.measure).dividedBy(elapsed).times(days));
  }
  let weighted = new D(0);
  let counted = 0;
  let skipped = 0;
  for (const o of input.opportunities) {
    if (input.units || o.currency !== input.currency || STAGE_WEIGHTS[o.stage] === undefined) {
      skipped += 1;
      continue;
    }
    counted += 1;
    weighted = weighted.plus(new D(o.amountMinor).times(STAGE_WEIGHTS[o.stage]!).dividedBy(100));
  }
  weighted = whole(weighted);
  const projected = runRate.plus(weighted);
  const target = input.target === null ? null : new D(input.target);
  return {
    elapsedDays: elapsed,
    daysInPeriod: days,
    runRate: runRate.toFixed(0),
    pipeline: weighted.toFixed(0),
    opportunities: counted,
    skipped,
    projected: projected.toFixed(0),
    attainment: percentText(projected, target),
  };
}

function rulesAt(
  versions: Awaited<ReturnType<typeof repo.publishedVersions>>,
  date: string,
): PlanRules | null {
  const v = versions.filter((x) => x.effective_from <= date).at(-1) ?? versions[0];
  return v ? planRules.parse(v.rules) : null;
}

export async function getAttainment(
  db: Db,
  ctx: RequestContext,
  query: { planId: string; payeeId?: string | undefined; teamId?: string | undefined },
  now = new Date(),
) {
  const plan = await repo.findPlan(db, query.planId);
  if (!plan) throw notFound('commission_plan', query.planId);
  const payees = await repo.payeesInSight(db, ctx.actor, plan.id, query);
  if (query.payeeId && payees.length === 0) throw notFound('commission_payee', query.payeeId);
  // A plan none of whose payees the caller sees is answered as missing.
  if (payees.length === 0 && ctx.actor.scope !== 'all') throw notFound('commission_plan', query.planId);
  const versions = await repo.publishedVersions(db, plan.id);
  const today = localDate(now, await repo.organizationTimeZone(db));
  const current = rulesAt(versions, today);
  const currency = current?.currency ?? rulesAt(versions, '9999-12-31')?.currency ?? 'CNY';
  const measureOf = (r: PlanRules | null) => r?.measure ?? 'net';
  const { periods, results } = await repo.periodResults(
    db,
    plan.id,
    payees.map((p) => p.id),
  );
  const running = current ? periodOf(current, today) : null;
  // As statements are read: scope all sees every period's current figures, everyone else locked ones only.
  const periodsInSight =
    ctx.actor.scope === 'all' ? periods : periods.filter((x) => x.status === 'locked' || x.status === 'paid');

  const members = [];
  for (const p of payees) {
    const series = periodsInSight.map((x) => {
      const rules = rulesAt(versions, x.period_end);
      const r = results.find((y) => y.snapshot_id === x.current_snapshot_id && y.payee_id === p.id);
      const cur = r?.currency ?? rules?.currency ?? currency;
      return {
        periodId: x.id,
        periodStart: x.period_start,
        periodEnd: x.period_end,
        status: x.status,
        target: r ? measureText(r.target, measureOf(rules), cur) : null,
        measure: r ? measureText(r.measure, measureOf(rules), cur) : null,
        attainment: r?.attainment
          ? new Decimal(r.attainment).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2)
          : null,
        payout: r ? measureText(r.payout_minor, 'net', cur) : null,
        currency: cur,
      };
    });
    let projection = null;
    if (running && current) {
      const row = periods.find((x) => x.period_start === running.start);
      const r = row
        ? results.find((y) => y.snapshot_id === row.current_snapshot_id && y.payee_id === p.id)
        : undefined;
      const target = r?.target ?? (await repo.targetFor(db, p.id, running.start));
      const opportunities = await repo.openOpportunities(db, p, today, running.end);
      const f = forecast({
        period: running,
        today,
        calculation:
          r && row?.calculated_at
            ? {
                measure: r.measure,
                asOf: localDate(new Date(row.calculated_at), await repo.organizationTimeZone(db)),
              }
            : null,
        target,
        opportunities: opportunities.map((o) => ({
          stage: o.stage,
          amountMinor: o.amount_minor,
          currency: o.currency,
        })),
        currency: current.currency,
        units: current.measure === 'units',
      });
      const m = (v: string) => measureText(v, current.measure, current.currency);
      projection = {
        periodId: row?.id ?? null,
        periodStart: running.start,
        periodEnd: running.end,
        asOf: today,
        elapsedDays: f.elapsedDays,
        daysInPeriod: f.daysInPeriod,
        measureSoFar: r ? m(r.measure) : null,
        runRate: m(f.runRate),
        pipeline: {
          weighted: m(f.pipeline),
          opportunities: f.opportunities,
          skipped: f.skipped,
          weights: STAGE_WEIGHTS,
        },
        projected: m(f.projected),
        target: target === null ? null : m(target),
        attainment: f.attainment,
        currency: current.currency,
      };
    }
    members.push({
      payee: {
        id: p.id,
        type: p.user_id ? ('user' as const) : ('partner' as const),
        refId: (p.user_id ?? p.partner_id)!,
        name: p.name,
      },
      periods: series,
      forecast: projection,
    });
  }
  return {
    planId: plan.id,
    measure: measureOf(current),
    currency,
    payees: members,
  };
}
