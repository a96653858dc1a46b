import { Decimal as BaseDecimal } from 'decimal.js';
import { evidence, type Evidence, type JsonObject } from '../../kernel/decision.js';
import { allocate } from '../../kernel/allocate.js';
import type { CommissionAdjustmentKind, CommissionLineKind } from '../../db/types.js';
import type { PlanRules, Tier } from './rules.js';

// Enough significant digits that no product of an amount and a rate is rounded before the one stated rounding.
const Decimal = BaseDecimal.clone({ precision: 60, rounding: BaseDecimal.ROUND_HALF_EVEN });
type Decimal = InstanceType<typeof Decimal>;

/**
 * The commission calculation. Pure and deterministic: the same plan, targets and credit give the same lines
 * on every machine, so a statement can always be reproduced from its inputs.
 *
 * Units. Money is integer minor units of the plan currency (bigint). The measure of a units plan is in
 * ten-thousandths of a unit (a credit share of a unit is exact in basis points). Rates are percent strings.
 *
 * Rounding (rule `commission.calculate`, version 1). Every line is computed exactly and rounded once, half
 * to even, to a whole minor unit; nothing is rounded before that. Attainment is measure ÷ target, exact,
 * compared exactly with the tier bounds; it is shown rounded down to two decimals of a percent.
 *
 * Order of lines for a payee:
 *   1. earnings — retroactive: the tiered paid-on amount of sales (`earning`) and of returns (`returns`),
 *      each × the rate of the tier reached; marginal: each slice of the measure between two tier bounds ×
 *      its tier's rate (`tier_slice`). Amounts on products with a flat rate pay that rate (`product_rate`)
 *      but still count toward attainment. Year-to-date plans compute this over the plan year so far and
 *      take off what earlier periods earned (`ytd_prior`).
 *   2. fixed bonuses reached (`bonus`), then the cap and the floor (`cap`, `floor`) on the sum so far —
 *      this sum is what the period *earned*; adjustments after a lock compare earned with earned.
 *   3. the bonus pool (`pool_bonus`), shared across payees by largest remainder.
 *   4. clawbacks of returns of sales paid in earlier periods, at the rate they were paid (`clawback`), and
 *      adjustments aimed at this period (`adjustment`, `true_up`, `clawback`).
 *   5. a negative balance carried in (`carried`), then the draw: topping up to the guaranteed minimum
 *      (`draw`) or recovering an earlier recoverable draw from what exceeds it (`draw_recovery`).
 *   6. if the total is negative and the plan forbids it, a `carried` line brings it to zero and the
 *      shortfall is carried to the next period.
 */

export const CALCULATION_RULE = { id: 'commission.calculate', version: 1 } as const;

export interface Fact {
  /** The credit line this fact is (or, for a product-split fact, part of). */
  id: string;
  transactionId: string;
  kind: 'order' | 'invoice' | 'payment' | 'return' | 'credit_note';
  /** The date that places it in a period (transaction, invoice or payment date, per the plan's basis). */
  date: string;
  /** Credited measure (minor units, or units × 10 000). */
  measure: bigint;
  /** Credited amount the rate applies to, in minor units of the plan currency. */
  payOn: bigint;
  productId?: string | null;
  productLineId?: string | null;
  /** A return of a sale paid in an earlier period, recovered at the rate that sale was paid. */
  clawback?: { rate: string; periodStart: string } | null;
  /** Whom the credit line credits (user or partner id): how the loader groups facts; not used here. */
  payee?: string;
  /** A fact standing for this many credit lines summed by the database (a period run); 1 when absent. */
  count?: number;
}

export interface PendingAdjustment {
  id: string;
  kind: CommissionAdjustmentKind;
  amount: bigint;
  reason: JsonObject;
}

export interface PayeeInput {
  payeeId: string;
  /** The target for the period (measure units); null when the plan tiers on volume or no target is set. */
  target: bigint | null;
  /** How the target was resolved: proration, index, version — shown on the statement. */
  targetEvidence: Evidence[];
  /** Facts dated in the period (year-to-date plans: in the plan year up to the period's end). */
  facts: Fact[];
  /** Year-to-date plans: the target of the plan year before this period, and what those periods earned. */
  prior?: { target: bigint; earned: bigint } | null;
  adjustments?: PendingAdjustment[];
  carriedIn?: bigint;
  drawBalanceIn?: bigint;
}

export interface PeriodInput {
  rules: PlanRules;
  digits: number;
  period: { start: string; end: string };
  payees: PayeeInput[];
  /**
   * Whether to split each line over the facts behind it (a statement's "how was this computed"). A period
   * run leaves it out — the split is reproduced for one payee on demand from the same inputs.
   */
  credits?: boolean;
}

export interface Line {
  kind: CommissionLineKind;
  amount: bigint;
  basis: bigint | null;
  rate: string | null;
  tier: number | null;
  formula: Evidence;
  adjustmentId?: string;
}

/** One fact as it counted: [fact id, transaction id, measure, paid-on, commission allocated to it]. */
export type CreditUse = [string, string, string, string, string];

export interface PayeeResult {
  payeeId: string;
  measure: bigint;
  target: bigint | null;
  /** Attainment in percent, exact (null without a target). */
  attainment: string | null;
  tier: number | null;
  earned: bigint;
  payout: bigint;
  carriedOut: bigint;
  drawBalanceOut: bigint;
  lines: Line[];
  credits: CreditUse[];
  explanation: JsonObject;
}

const HUNDRED = new Decimal(100);
const UNITS_SCALE = new Decimal(10_000);

const round = (value: Decimal): bigint =>
  BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
const sum = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};
/** amount × percent ÷ 100, rounded once. */
const atRate = (amount: bigint, rate: string): bigint =>
  round(new Decimal(amount.toString()).times(rate).dividedBy(HUNDRED));
const majorToMinor = (amount: string, digits: number): bigint =>
  round(new Decimal(amount).times(new Decimal(10).pow(digits)));

/** The position the tiers are compared with: attainment in percent, or the volume in major units. */
function tierPosition(
  rules: PlanRules,
  digits: number,
  measure: bigint,
  target: bigint | null,
): Decimal | null {
  if (rules.tierOn === 'volume') {
    const scale = rules.measure === 'units' ? UNITS_SCALE : new Decimal(10).pow(digits);
    return new Decimal(measure.toString()).dividedBy(scale);
  }
  if (target === null || target <= 0n) return null;
  return new Decimal(measure.toString()).dividedBy(target.toString()).times(HUNDRED);
}

/** The index of the tier containing `position`, honouring each bound's inclusion; 0 below the first. */
export function tierIndexFor(tiers: readonly Tier[], position: Decimal | null): number {
  if (position === null) return 0;
  for (let i = tiers.length - 1; i >= 0; i--) {
    const t = tiers[i]!;
    const from = new Decimal(t.from);
    const aboveFrom = t.includesFrom ? position.greaterThanOrEqualTo(from) : position.greaterThan(from);
    if (!aboveFrom) continue;
    if (t.to === null) return i;
    const to = new Decimal(t.to);
    if (t.includesTo ? position.lessThanOrEqualTo(to) : position.lessThan(to)) return i;
  }
  return 0;
}

/** Which flat product rate applies to a fact: a product's own entry first, then its line's. */
function productRate(rules: PlanRules, fact: Fact) {
  if (rules.productRates.length === 0) return undefined;
  return (
    rules.productRates.find((r) => r.productId !== undefined && r.productId === fact.productId) ??
    rules.productRates.find((r) => r.productLineId !== undefined && r.productLineId === fact.productLineId)
  );
}

const measureText = (m: bigint) => m.toString();
const factCount = (facts: readonly Fact[]) => facts.reduce((n, f) => n + (f.count ?? 1), 0);
const attainmentText = (position: Decimal | null) =>
  position === null ? null : position.toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);

interface Earnings {
  lines: Line[];
  /** Commission per fact, for the statement's credit list. */
  perFact: Map<Fact, bigint>;
}

/**
 * The earnings of a set of facts against a target (step 1 without the year-to-date deduction): used for a
 * period, for a year to date, for a grace window's true-up and for a recalculation alike.
 */
export function earnings(
  rules: PlanRules,
  digits: number,
  facts: readonly Fact[],
  target: bigint | null,
  tierOverride?: number,
  withCredits = true,
): { measure: bigint; position: Decimal | null; tier: number; earnings: Earnings } {
  const counted = facts.filter((f) => !f.clawback);
  const measure = sum(counted.map((f) => f.measure));
  const position = tierPosition(rules, digits, measure, target);
  const tier = tierOverride ?? tierIndexFor(rules.tiers, position);
  const lines: Line[] = [];
  const perFact = new Map<Fact, bigint>();
  const spread = (amount: bigint, over: Fact[]) => {
    if (!withCredits || over.length === 0 || amount === 0n) return;
    const weights = over.map((f) => (f.payOn < 0n ? -f.payOn : f.payOn));
    if (weights.every((w) => w === 0n)) return;
    allocate(amount, weights).forEach((part, i) =>
      perFact.set(over[i]!, (perFact.get(over[i]!) ?? 0n) + part),
    );
  };

  const byProduct = new Map<string, { rate: string; facts: Fact[]; key: JsonObject }>();
  const tiered: Fact[] = [];
  for (const f of counted) {
    const flat = productRate(rules, f);
    if (!flat) {
      tiered.push(f);
      continue;
    }
    const key = flat.productId ? `p:${flat.productId}` : `l:${flat.productLineId}`;
    const group = byProduct.get(key) ?? {
      rate: flat.rate,
      facts: [],
      key: flat.productId ? { productId: flat.productId } : { productLineId: flat.productLineId ?? null },
    };
    group.facts.push(f);
    byProduct.set(key, group);
  }

  const tierRate = rules.tiers[tier]!.rate;
  const common = { attainment: attainmentText(position), measure: measureText(measure), tier };
  if (rules.mode === 'retroactive' || rules.tierOn === 'volume' || position === null) {
    const sales = tiered.filter((f) => f.payOn >= 0n);
    const returns = tiered.filter((f) => f.payOn < 0n);
    const salesBasis = sum(sales.map((f) => f.payOn));
    const returnsBasis = sum(returns.map((f) => f.payOn));
    const salesAmount = atRate(salesBasis, tierRate);
    const returnsAmount = atRate(returnsBasis, tierRate);
    const code = rules.mode === 'retroactive' ? 'commission.tier_rate' : 'commission.tier_rate_flat';
    if (sales.length > 0 || returns.length === 0)
      lines.push({
        kind: 'earning',
        amount: salesAmount,
        basis: salesBasis,
        rate: tierRate,
        tier,
        formula: evidence(code, {
          ...common,
          basis: salesBasis.toString(),
          rate: tierRate,
          facts: factCount(sales),
        }),
      });
    if (returns.length > 0)
      lines.push({
        kind: 'returns',
        amount: returnsAmount,
        basis: returnsBasis,
        rate: tierRate,
        tier,
        formula: evidence('commission.returns_netted', {
          ...common,
          basis: returnsBasis.toString(),
          rate: tierRate,
          facts: factCount(returns),
        }),
      });
    spread(salesAmount, sales);
    spread(returnsAmount, returns);
  } else {
    // Marginal: the measure climbs through the bands; each band's share of the paid-on amount pays its rate.
    const payOnTiered = sum(tiered.map((f) => f.payOn));
    const targetD = new Decimal(target!.toString());
    const measureD = new Decimal(measure.toString());
    let total = 0n;
    rules.tiers.forEach((t, i) => {
      const low = targetD.times(t.from).dividedBy(HUNDRED);
      const high = t.to === null ? null : targetD.times(t.to).dividedBy(HUNDRED);
      if (measureD.lessThanOrEqualTo(low)) return;
      const top = high === null || measureD.lessThan(high) ? measureD : high;
      const slice = top.minus(low);
      const basisExact = new Decimal(payOnTiered.toString()).times(slice).dividedBy(measureD);
      const amount = round(basisExact.times(t.rate).dividedBy(HUNDRED));
      const basis = round(basisExact);
      total += amount;
      lines.push({
        kind: 'tier_slice',
        amount,
        basis,
        rate: t.rate,
        tier: i,
        formula: evidence('commission.tier_slice', {
          ...common,
          sliceTier: i,
          from: t.from,
          to: t.to,
          slice: round(slice).toString(),
          basis: basis.toString(),
          rate: t.rate,
        }),
      });
    });
    spread(
      total,
      tiered.filter((f) => f.payOn > 0n),
    );
  }

  for (const group of [...byProduct.values()].sort((a, b) =>
    JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1,
  )) {
    const basis = sum(group.facts.map((f) => f.payOn));
    const amount = atRate(basis, group.rate);
    lines.push({
      kind: 'product_rate',
      amount,
      basis,
      rate: group.rate,
      tier: null,
      formula: evidence('commission.product_rate', {
        ...group.key,
        basis: basis.toString(),
        rate: group.rate,
        facts: factCount(group.facts),
      }),
    });
    spread(
      amount,
      group.facts.filter((f) => f.payOn >= 0n),
    );
  }
  return { measure, position, tier, earnings: { lines, perFact } };
}

function payeeLines(input: PeriodInput, payee: PayeeInput) {
  const { rules, digits, period } = input;
  const ytd = rules.attainment === 'year_to_date' && payee.prior;
  const target = payee.target === null ? null : ytd ? payee.target + payee.prior!.target : payee.target;
  const run = earnings(rules, digits, payee.facts, target, undefined, input.credits !== false);
  const lines = [...run.earnings.lines];
  if (ytd) {
    lines.push({
      kind: 'ytd_prior',
      amount: -payee.prior!.earned,
      basis: null,
      rate: null,
      tier: null,
      formula: evidence('commission.ytd_prior', {
        earned: payee.prior!.earned.toString(),
        periodStart: period.start,
      }),
    });
  }
  for (const bonus of rules.bonuses) {
    if (run.position === null || run.position.lessThan(bonus.atLeast)) continue;
    const amount = majorToMinor(bonus.amount, digits);
    lines.push({
      kind: 'bonus',
      amount,
      basis: null,
      rate: null,
      tier: null,
      formula: evidence('commission.bonus', {
        atLeast: bonus.atLeast,
        attainment: attainmentText(run.position),
        amount: amount.toString(),
      }),
    });
  }
  let earned = sum(lines.map((l) => l.amount));
  if (rules.cap !== null) {
    const cap = majorToMinor(rules.cap, digits);
    if (earned > cap) {
      lines.push(capLine('cap', cap - earned, { cap: cap.toString(), before: earned.toString() }));
      earned = cap;
    }
  }
  if (rules.floor !== null) {
    const floor = majorToMinor(rules.floor, digits);
    if (earned < floor) {
      lines.push(capLine('floor', floor - earned, { floor: floor.toString(), before: earned.toString() }));
      earned = floor;
    }
  }
  return { run, target, lines, earned };
}

const capLine = (kind: 'cap' | 'floor', amount: bigint, params: JsonObject): Line => ({
  kind,
  amount,
  basis: null,
  rate: null,
  tier: null,
  formula: evidence(`commission.${kind}`, params),
});

/** Everything after what the period earned: clawbacks, adjustments, carried balance, draw, negative floor. */
function settle(input: PeriodInput, payee: PayeeInput, lines: Line[], perFact: Map<Fact, bigint>) {
  const { rules, digits } = input;
  const clawbacks = new Map<string, { rate: string; periodStart: string; facts: Fact[] }>();
  for (const f of payee.facts) {
    if (!f.clawback) continue;
    const key = `${f.clawback.periodStart}|${f.clawback.rate}`;
    const group = clawbacks.get(key) ?? { ...f.clawback, facts: [] };
    group.facts.push(f);
    clawbacks.set(key, group);
  }
  for (const group of [...clawbacks.values()].sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1))) {
    const basis = sum(group.facts.map((f) => f.payOn));
    const amount = atRate(basis, group.rate);
    lines.push({
      kind: 'clawback',
      amount,
      basis,
      rate: group.rate,
      tier: null,
      formula: evidence('commission.clawback', {
        policy: 'paid_rate',
        periodStart: group.periodStart,
        basis: basis.toString(),
        rate: group.rate,
        facts: factCount(group.facts),
      }),
    });
    const weights = group.facts.map((f) => -f.payOn);
    if (amount !== 0n && weights.some((w) => w > 0n))
      allocate(amount, weights).forEach((part, i) => perFact.set(group.facts[i]!, part));
  }
  for (const a of payee.adjustments ?? []) {
    lines.push({
      kind: a.kind === 'true_up' ? 'true_up' : a.kind === 'clawback' ? 'clawback' : 'adjustment',
      amount: a.amount,
      basis: null,
      rate: null,
      tier: null,
      formula: evidence('commission.adjustment', { kind: a.kind, amount: a.amount.toString(), ...a.reason }),
      adjustmentId: a.id,
    });
  }
  const carriedIn = payee.carriedIn ?? 0n;
  if (carriedIn !== 0n)
    lines.push({
      kind: 'carried',
      amount: carriedIn,
      basis: null,
      rate: null,
      tier: null,
      formula: evidence('commission.carried_in', { amount: carriedIn.toString() }),
    });
  let total = sum(lines.map((l) => l.amount));
  let drawBalance = payee.drawBalanceIn ?? 0n;
  if (rules.draw) {
    const draw = majorToMinor(rules.draw.amount, digits);
    if (total < draw) {
      const topUp = draw - total;
      lines.push({
        kind: 'draw',
        amount: topUp,
        basis: null,
        rate: null,
        tier: null,
        formula: evidence('commission.draw', {
          guaranteed: draw.toString(),
          before: total.toString(),
          recoverable: rules.draw.recoverable,
          balance: (rules.draw.recoverable ? drawBalance + topUp : drawBalance).toString(),
        }),
      });
      if (rules.draw.recoverable) drawBalance += topUp;
      total = draw;
    } else if (drawBalance > 0n) {
      const recovered = total - draw < drawBalance ? total - draw : drawBalance;
      if (recovered > 0n) {
        drawBalance -= recovered;
        lines.push({
          kind: 'draw_recovery',
          amount: -recovered,
          basis: null,
          rate: null,
          tier: null,
          formula: evidence('commission.draw_recovery', {
            recovered: recovered.toString(),
            balance: drawBalance.toString(),
          }),
        });
        total -= recovered;
      }
    }
  }
  let carriedOut = 0n;
  if (total < 0n && !rules.allowNegative) {
    carriedOut = total;
    lines.push({
      kind: 'carried',
      amount: -total,
      basis: null,
      rate: null,
      tier: null,
      formula: evidence('commission.carried_out', { amount: total.toString() }),
    });
    total = 0n;
  }
  return { payout: total, carriedOut, drawBalance };
}

/** Calculates a period for every payee of a plan. */
export function calculatePeriod(input: PeriodInput): PayeeResult[] {
  const staged = input.payees.map((payee) => ({ payee, ...payeeLines(input, payee) }));
  const pool = input.rules.bonusPool;
  if (pool) {
    const qualifying = staged.filter(
      (s) => s.run.position !== null && s.run.position.greaterThanOrEqualTo(pool.atLeast),
    );
    const amount = majorToMinor(pool.amount, input.digits);
    if (qualifying.length > 0) {
      const weights = qualifying.map((s) =>
        pool.split === 'equal' ? 1n : s.run.measure > 0n ? s.run.measure : 0n,
      );
      const parts = weights.some((w) => w > 0n) ? allocate(amount, weights) : weights.map(() => 0n);
      qualifying.forEach((s, i) =>
        s.lines.push({
          kind: 'pool_bonus',
          amount: parts[i]!,
          basis: null,
          rate: null,
          tier: null,
          formula: evidence('commission.pool_bonus', {
            pool: amount.toString(),
            split: pool.split,
            atLeast: pool.atLeast,
            qualifying: qualifying.length,
            weight: weights[i]!.toString(),
          }),
        }),
      );
    }
  }
  return staged.map(({ payee, run, target, lines, earned }) => {
    const perFact = run.earnings.perFact;
    const settled = settle(input, payee, lines, perFact);
    const current = input.credits === false ? [] : payee.facts.filter((f) => f.date >= input.period.start);
    return {
      payeeId: payee.payeeId,
      measure: run.measure,
      target,
      attainment:
        run.position === null ? null : run.position.toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4),
      tier: run.position === null && input.rules.tierOn === 'attainment' ? null : run.tier,
      earned,
      payout: settled.payout,
      carriedOut: settled.carriedOut,
      drawBalanceOut: settled.drawBalance,
      lines,
      credits: current.map((f): CreditUse => [
        f.id,
        f.transactionId,
        f.measure.toString(),
        f.payOn.toString(),
        (perFact.get(f) ?? 0n).toString(),
      ]),
      explanation: {
        rule: { ...CALCULATION_RULE },
        mode: input.rules.mode,
        tierOn: input.rules.tierOn,
        attainmentMode: input.rules.attainment,
        period: { ...input.period },
        target: target === null ? null : target.toString(),
        targetEvidence: payee.targetEvidence as unknown as JsonObject[],
        facts: factCount(payee.facts),
      },
    };
  });
}

/**
 * A grace window's true-up: the period's own facts paid at the tier reached with the window's sales added
 * (retroactive plans). Zero when no higher tier is reached; the sales in the window still earn in their own
 * period.
 */
export function trueUp(
  rules: PlanRules,
  digits: number,
  periodFacts: readonly Fact[],
  graceFacts: readonly Fact[],
  target: bigint | null,
): { amount: bigint; fromTier: number; toTier: number; attainment: string | null } {
  const paid = earnings(rules, digits, periodFacts, target);
  const extended = earnings(rules, digits, [...periodFacts, ...graceFacts], target);
  if (rules.mode !== 'retroactive' || extended.tier <= paid.tier)
    return {
      amount: 0n,
      fromTier: paid.tier,
      toTier: paid.tier,
      attainment: attainmentText(extended.position),
    };
  const repaid = earnings(rules, digits, periodFacts, target, extended.tier);
  const amount =
    sum(repaid.earnings.lines.map((l) => l.amount)) - sum(paid.earnings.lines.map((l) => l.amount));
  return {
    amount,
    fromTier: paid.tier,
    toTier: extended.tier,
    attainment: attainmentText(extended.position),
  };
}
