import { z } from 'zod';

/**
 * What a commission plan version says, as stored (`commission_plan_versions.rules`) and as the API takes it.
 * Everything the calculation needs is here; targets per payee and period live beside it
 * (`commission_targets`). Percentages are decimal strings ("7", "12.5", "0.375") — never floats — and
 * fixed amounts are decimal strings in the plan currency's major unit ("5000.00"). The calculation
 * (`calculate.ts`) converts both once, exactly.
 *
 * Tiers are bands of attainment (measure ÷ target, in percent). Each band states whether it includes its
 * lower and upper bound, so "80–100 % → 7 %, ≥ 100 % → 10 %" is written without ambiguity about 100 % itself.
 * The bands must start at 0 % inclusive, follow each other with no gap and no overlap (the upper bound of
 * one is the lower bound of the next, and exactly one of the two includes it), and the last is open-ended.
 */

/** A percentage or a tier bound: up to 15 integer digits, up to 4 decimals, not negative. */
export const PERCENT_PATTERN = /^\d{1,15}(\.\d{1,4})?$/;
export const percent = z
  .string()
  .trim()
  .regex(PERCENT_PATTERN, { message: 'is not a percentage such as "7" or "12.5"' })
  .describe('a percentage as a decimal string, e.g. "7" or "12.5" (up to 4 decimals)');

/** A fixed amount in the plan currency's major unit; its decimals are checked against the currency. */
export const fixedAmount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, { message: 'is not an amount such as "5000" or "5000.00"' })
  .describe('an amount in the plan currency’s major unit, e.g. "5000.00"');

export const tier = z.strictObject({
  from: percent.describe('lower bound: attainment in percent, or volume in the measure’s major unit'),
  includesFrom: z.boolean().default(true),
  to: percent
    .nullable()
    .describe('upper bound of attainment, in percent; null for the last, open-ended tier'),
  includesTo: z.boolean().default(false),
  rate: percent.describe('the commission rate in this tier, in percent of the paid-on amount'),
});
export type Tier = z.infer<typeof tier>;

export const MEASURES = ['gross', 'net', 'margin', 'units'] as const;
export const PAY_ON = ['gross', 'net', 'margin'] as const;
export const BASES = ['booked', 'invoiced', 'paid'] as const;
export const PERIODS = ['month', 'quarter', 'year'] as const;
export const MODES = ['retroactive', 'marginal'] as const;

export const planRules = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    period: z.enum(PERIODS),
    /** First month of the plan year (1 = January), for year-to-date attainment and quarters. */
    yearStartMonth: z.number().int().min(1).max(12).default(1),
    /** What attainment is measured in. */
    measure: z.enum(MEASURES).default('net'),
    /** What the rate is paid on (units measure still pays on money). */
    payOn: z.enum(PAY_ON).default('net'),
    /** Which transactions count: orders (booked), invoices, or payments (partial payments count as paid). */
    basis: z.enum(BASES).default('invoiced'),
    /** Returns and credit notes: netted against sales, or left out of the measure. */
    returns: z.enum(['netted', 'excluded']).default('netted'),
    /** Overlay credit (a specialist on top of the 100 %) counts toward this plan's payees. */
    includeOverlay: z.boolean().default(true),
    mode: z.enum(MODES).default('retroactive'),
    /** Tiers by attainment of the target (percent), or by volume (the measure in major units, e.g. rebates). */
    tierOn: z.enum(['attainment', 'volume']).default('attainment'),
    /** Attainment over the period alone, or cumulative over the plan year (pay = YTD earned − YTD paid). */
    attainment: z.enum(['period', 'year_to_date']).default('period'),
    tiers: z.array(tier).min(1).max(20),
    /** Flat rates for some products or product lines instead of the tier rate (they still count to attainment). */
    productRates: z
      .array(
        z
          .strictObject({
            productLineId: z.uuid().optional(),
            productId: z.uuid().optional(),
            rate: percent,
          })
          .refine((r) => (r.productId ? 1 : 0) + (r.productLineId ? 1 : 0) === 1, {
            message: 'names either a product or a product line',
            params: { problem: 'product_or_line' },
          }),
      )
      .max(200)
      .default([]),
    /** Most a payee earns in a period (before adjustments), and least (a floor, not recovered later). */
    cap: fixedAmount.nullable().default(null),
    floor: fixedAmount.nullable().default(null),
    /** Fixed bonuses paid once attainment reaches a percentage (inclusive). */
    bonuses: z
      .array(z.strictObject({ atLeast: percent, amount: fixedAmount }))
      .max(20)
      .default([]),
    /** A pool shared by every payee at or above `atLeast`, equally or by measure (largest remainder). */
    bonusPool: z
      .strictObject({ amount: fixedAmount, atLeast: percent, split: z.enum(['equal', 'measure']) })
      .nullable()
      .default(null),
    /** A guaranteed minimum per period; recoverable draws are taken back from later earnings above it. */
    draw: z.strictObject({ amount: fixedAmount, recoverable: z.boolean() }).nullable().default(null),
    /** Sales in the days after a period's end count toward its attainment; a higher tier pays a true-up. */
    graceDays: z.number().int().min(0).max(366).default(0),
    /** Returns after payment: recovered at the rate paid, or by recomputing the sale's period; within a window. */
    clawback: z
      .strictObject({
        policy: z.enum(['paid_rate', 'recompute']),
        windowDays: z.number().int().min(0).max(3660),
      })
      .default({ policy: 'paid_rate', windowDays: 365 }),
    /** Whether a payee's period total may be negative; if not, the shortfall is carried to the next period. */
    allowNegative: z.boolean().default(false),
    /** A target that follows an index: target × (index in the period ÷ index at base). */
    targetIndex: z
      .strictObject({ code: z.string().trim().min(1).max(40), basePeriod: z.iso.date() })
      .nullable()
      .default(null),
  })
  .superRefine((rules, ctx) => {
    for (const problem of tierProblems(rules.tiers))
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', problem.index, problem.field],
        message: problem.message,
        params: { problem: problem.code },
      });
  });
export type PlanRules = z.infer<typeof planRules>;
export type PlanRulesInput = z.input<typeof planRules>;

/** Exact comparison of two percent strings (both match PERCENT_PATTERN). */
export function comparePercent(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const scale = (i: string, f: string) => BigInt(i) * 10_000n + BigInt(f.padEnd(4, '0') || '0');
  const d = scale(ai, af) - scale(bi, bf);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

export interface TierProblem {
  index: number;
  field: 'from' | 'to' | 'includesFrom' | 'includesTo';
  code: 'TIER_START' | 'TIER_GAP' | 'TIER_OVERLAP' | 'TIER_EMPTY' | 'TIER_OPEN_END' | 'TIER_NOT_LAST';
  message: string;
}

/** Every gap, overlap or malformed band in a tier table, each naming the tier and field at fault. */
export function tierProblems(tiers: readonly Tier[]): TierProblem[] {
  const problems: TierProblem[] = [];
  const valid = (p: string | null) => p === null || PERCENT_PATTERN.test(p);
  if (!tiers.every((t) => valid(t.from) && valid(t.to))) return problems; // the pattern reports those
  const first = tiers[0];
  if (first && (comparePercent(first.from, '0') !== 0 || !first.includesFrom))
    problems.push({
      index: 0,
      field: 'from',
      code: 'TIER_START',
      message: 'the first tier must start at 0 % inclusive',
    });
  tiers.forEach((t, i) => {
    const last = i === tiers.length - 1;
    if (t.to === null && !last)
      problems.push({
        index: i,
        field: 'to',
        code: 'TIER_NOT_LAST',
        message: 'only the last tier is open-ended',
      });
    if (t.to !== null && last)
      problems.push({
        index: i,
        field: 'to',
        code: 'TIER_OPEN_END',
        message: 'the last tier must be open-ended',
      });
    if (t.to !== null && comparePercent(t.to, t.from) <= 0)
      problems.push({
        index: i,
        field: 'to',
        code: 'TIER_EMPTY',
        message: 'ends at or before where it starts',
      });
    const next = tiers[i + 1];
    if (!next || t.to === null) return;
    const order = comparePercent(next.from, t.to);
    if (order > 0)
      problems.push({
        index: i + 1,
        field: 'from',
        code: 'TIER_GAP',
        message: `starts at ${next.from} %, leaving a gap after ${t.to} %`,
      });
    else if (order < 0)
      problems.push({
        index: i + 1,
        field: 'from',
        code: 'TIER_OVERLAP',
        message: `starts at ${next.from} %, inside the tier before it (to ${t.to} %)`,
      });
    else if (t.includesTo === next.includesFrom)
      problems.push({
        index: i + 1,
        field: 'includesFrom',
        code: t.includesTo ? 'TIER_OVERLAP' : 'TIER_GAP',
        message: t.includesTo ? `${t.to} % is included in two tiers` : `${t.to} % is included in no tier`,
      });
  });
  return problems;
}
