import { Decimal } from 'decimal.js';
import type { FieldProblem } from '../../errors.js';
import { evidence, type Evidence } from '../../kernel/index.js';
import { fromMinor, toMinor } from '../activities/index.js';
import { isPeriodStart, periodOf } from './calendar.js';
import type { PlanRules } from './rules.js';
import type { TargetInput } from './targets.schema.js';

/**
 * Targets, checked and compared with history; pure. A money target is given in the plan currency's major
 * unit and stored in its minor unit; a units target is a whole number of units, stored as it is.
 */

/** A target stored the way the calculation reads it: minor units for money measures, units for `units`. */
export function storedTarget(
  rules: Pick<PlanRules, 'measure' | 'currency'>,
  target: string,
): string | { problem: string; message: string } {
  if (rules.measure === 'units')
    return /^\d+$/.test(target)
      ? BigInt(target).toString()
      : { problem: 'not_whole', message: 'is a number of units: a whole number' };
  const minor = toMinor(target, rules.currency);
  return typeof minor === 'bigint'
    ? minor.toString()
    : { problem: minor.problem, message: `is not an amount in ${rules.currency}` };
}

/** A stored target as the API shows it. */
export const shownTarget = (rules: Pick<PlanRules, 'measure' | 'currency'>, stored: string) =>
  rules.measure === 'units' ? new Decimal(stored).toFixed(0) : fromMinor(stored, rules.currency);

export interface CheckedTarget {
  payeeId: string;
  periodStart: string;
  stored: string;
}

/** Every problem with a list of targets, each naming `<prefix>.<index>.<field>`; the rows when there is none. */
export function checkTargets(
  rules: PlanRules,
  inputs: readonly TargetInput[],
  payees: ReadonlySet<string>,
  prefix: string,
): { rows: CheckedTarget[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const rows: CheckedTarget[] = [];
  const seen = new Set<string>();
  inputs.forEach((t, i) => {
    const at = (field: string) => `${prefix}.${i}.${field}`;
    if (!payees.has(t.payeeId))
      problems.push({ field: at('payeeId'), problem: 'unknown', message: 'is not a payee of this plan' });
    if (!isPeriodStart(rules, t.periodStart))
      problems.push({
        field: at('periodStart'),
        problem: 'not_period_start',
        message: `is not the first day of a ${rules.period} of this plan (${periodOf(rules, t.periodStart).start} is)`,
      });
    const key = `${t.payeeId}/${t.periodStart}`;
    if (seen.has(key))
      problems.push({
        field: at('periodStart'),
        problem: 'duplicate',
        message: 'this payee and period twice',
      });
    seen.add(key);
    const stored = storedTarget(rules, t.target);
    if (typeof stored !== 'string') problems.push({ field: at('target'), ...stored });
    else rows.push({ payeeId: t.payeeId, periodStart: t.periodStart, stored });
  });
  return { rows: problems.length ? [] : rows, problems };
}

/** A target above this share of the payee's best earlier period is saved with a warning. */
export const HISTORY_LIMIT_PERCENT = 120;

/**
 * Warnings for targets above 120 % of the payee's best earlier period: the most it was credited in any one
 * of the plan's periods before the target's (the net measure). No history (or none above zero) gives no
 * warning — there is nothing to compare with. Units targets are not compared: credit is money.
 */
export function historyWarnings(
  rules: PlanRules,
  targets: readonly CheckedTarget[],
  monthly: ReadonlyMap<string, readonly { month: string; minor: string }[]>,
): Evidence[] {
  if (rules.measure === 'units') return [];
  const warnings: Evidence[] = [];
  for (const t of targets) {
    const periods = new Map<string, bigint>();
    for (const m of monthly.get(t.payeeId) ?? []) {
      const start = periodOf(rules, m.month).start;
      if (start < t.periodStart) periods.set(start, (periods.get(start) ?? 0n) + BigInt(m.minor));
    }
    let best: [string, bigint] | undefined;
    for (const [start, minor] of [...periods].sort(([a], [b]) => a.localeCompare(b)))
      if (!best || minor > best[1]) best = [start, minor];
    if (!best || best[1] <= 0n) continue;
    const target = BigInt(t.stored);
    if (target * 100n <= best[1] * BigInt(HISTORY_LIMIT_PERCENT)) continue;
    warnings.push(
      evidence('plan.target_above_history', {
        payeeId: t.payeeId,
        periodStart: t.periodStart,
        target: fromMinor(target, rules.currency),
        best: fromMinor(best[1], rules.currency),
        bestPeriodStart: best[0],
        ratio: new Decimal(target.toString()).dividedBy(best[1].toString()).toDecimalPlaces(4).toString(),
        limitPercent: HISTORY_LIMIT_PERCENT,
      }),
    );
  }
  return warnings;
}
