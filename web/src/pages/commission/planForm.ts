import { Decimal } from 'decimal.js';
import { fromMinor, minorDigits, toMinor } from '../../../../src/modules/activities/money.js';
import {
  calculatePeriod,
  type Fact,
  type Line,
  type PayeeResult,
} from '../../../../src/modules/commission/calculate.js';
import {
  planRules,
  tierProblems,
  type PlanRules,
  type TierProblem,
} from '../../../../src/modules/commission/rules.js';
import { nextPeriod, periodOf } from '../../../../src/modules/commission/calendar.js';
import { formatAmount } from '../activities/money.js';

/**
 * The plan editor's values and the rules the API takes, both ways; the tier table's problems per row; and the
 * live example, computed by the same calculation that pays a period. Pure, so it is tested without a browser.
 */

/** A tier row as typed: `to` empty means open-ended. */
export interface TierRow {
  from: string;
  to: string;
  includesFrom: boolean;
  includesTo: boolean;
  rate: string;
}

export interface ProductRateRow {
  kind: 'product' | 'line';
  id?: string | undefined;
  rate: string;
}

/** The rules as the form holds them: optional parts switched on and off, amounts as typed. */
export interface RulesFormValues {
  currency: string;
  period: PlanRules['period'];
  yearStartMonth: number;
  measure: PlanRules['measure'];
  payOn: PlanRules['payOn'];
  basis: PlanRules['basis'];
  returns: PlanRules['returns'];
  includeOverlay: boolean;
  mode: PlanRules['mode'];
  tierOn: PlanRules['tierOn'];
  attainment: PlanRules['attainment'];
  tiers: TierRow[];
  productRates: ProductRateRow[];
  bonuses: { atLeast: string; amount: string }[];
  cap: string;
  floor: string;
  pool: { enabled: boolean; amount: string; atLeast: string; split: 'equal' | 'measure' };
  draw: { enabled: boolean; amount: string; recoverable: boolean };
  graceDays: number;
  clawbackPolicy: PlanRules['clawback']['policy'];
  windowDays: number;
  allowNegative: boolean;
  index: { enabled: boolean; code: string; basePeriod: string };
}

/** A new plan: one open-ended tier, the schema's defaults everywhere else. */
export function newRulesValues(currency = 'CNY'): RulesFormValues {
  return toRulesValues(
    planRules.parse({
      currency,
      period: 'year',
      tiers: [{ from: '0', includesFrom: true, to: null, includesTo: false, rate: '5' }],
    }),
  );
}

const text = (value: string | undefined | null) => (value ?? '').trim();
const orNull = (value: string | undefined | null) => (text(value) === '' ? null : text(value));

/** The form's rules as the API takes them (the server checks them again). */
export function toRules(v: RulesFormValues): PlanRules {
  return {
    currency: text(v.currency),
    period: v.period,
    yearStartMonth: v.yearStartMonth,
    measure: v.measure,
    payOn: v.payOn,
    basis: v.basis,
    returns: v.returns,
    includeOverlay: v.includeOverlay,
    mode: v.mode,
    tierOn: v.tierOn,
    attainment: v.attainment,
    tiers: toTiers(v.tiers ?? []),
    productRates: (v.productRates ?? []).map((r) =>
      r.kind === 'line'
        ? { productLineId: r.id ?? '', rate: text(r.rate) }
        : { productId: r.id ?? '', rate: text(r.rate) },
    ),
    bonuses: (v.bonuses ?? []).map((b) => ({ atLeast: text(b.atLeast), amount: text(b.amount) })),
    cap: orNull(v.cap),
    floor: orNull(v.floor),
    bonusPool: v.pool?.enabled
      ? { amount: text(v.pool.amount), atLeast: text(v.pool.atLeast), split: v.pool.split }
      : null,
    draw: v.draw?.enabled ? { amount: text(v.draw.amount), recoverable: v.draw.recoverable } : null,
    graceDays: v.graceDays,
    clawback: { policy: v.clawbackPolicy, windowDays: v.windowDays },
    allowNegative: v.allowNegative,
    targetIndex: v.index?.enabled ? { code: text(v.index.code), basePeriod: text(v.index.basePeriod) } : null,
  };
}

export const toTiers = (rows: readonly TierRow[]): PlanRules['tiers'] =>
  rows.map((t) => ({
    from: text(t?.from),
    includesFrom: t?.includesFrom ?? true,
    to: orNull(t?.to),
    includesTo: t?.includesTo ?? false,
    rate: text(t?.rate),
  }));

/** A stored version's rules as the form holds them (the start of an amendment or a what-if). */
export function toRulesValues(r: PlanRules): RulesFormValues {
  return {
    currency: r.currency,
    period: r.period,
    yearStartMonth: r.yearStartMonth,
    measure: r.measure,
    payOn: r.payOn,
    basis: r.basis,
    returns: r.returns,
    includeOverlay: r.includeOverlay,
    mode: r.mode,
    tierOn: r.tierOn,
    attainment: r.attainment,
    tiers: r.tiers.map((t) => ({ ...t, to: t.to ?? '' })),
    productRates: r.productRates.map((p) =>
      p.productLineId
        ? { kind: 'line' as const, id: p.productLineId, rate: p.rate }
        : { kind: 'product' as const, id: p.productId, rate: p.rate },
    ),
    bonuses: r.bonuses.map((b) => ({ ...b })),
    cap: r.cap ?? '',
    floor: r.floor ?? '',
    pool: r.bonusPool
      ? { enabled: true, ...r.bonusPool }
      : { enabled: false, amount: '', atLeast: '100', split: 'equal' },
    draw: r.draw ? { enabled: true, ...r.draw } : { enabled: false, amount: '', recoverable: true },
    graceDays: r.graceDays,
    clawbackPolicy: r.clawback.policy,
    windowDays: r.clawback.windowDays,
    allowNegative: r.allowNegative,
    index: r.targetIndex ? { enabled: true, ...r.targetIndex } : { enabled: false, code: '', basePeriod: '' },
  };
}

/** Where the API names a rules field (`rules.tiers.2.from`), as the form's field path. */
export const RULE_FIELD_PATHS = [
  'rules.currency',
  'rules.period',
  'rules.yearStartMonth',
  'rules.measure',
  'rules.payOn',
  'rules.basis',
  'rules.returns',
  'rules.mode',
  'rules.tierOn',
  'rules.attainment',
  'rules.tiers.*.from',
  'rules.tiers.*.to',
  'rules.tiers.*.includesFrom',
  'rules.tiers.*.includesTo',
  'rules.tiers.*.rate',
  'rules.productRates.*.id',
  'rules.productRates.*.rate',
  'rules.bonuses.*.atLeast',
  'rules.bonuses.*.amount',
  'rules.cap',
  'rules.floor',
  'rules.pool.amount',
  'rules.pool.atLeast',
  'rules.draw.amount',
  'rules.graceDays',
  'rules.clawbackPolicy',
  'rules.windowDays',
  'rules.index.code',
  'rules.index.basePeriod',
] as const;

/**
 * An API problem's field as the form names it: the form keeps some rules under other names (the pool, the
 * draw, the index and the clawback are switchable groups), so those paths are renamed first.
 */
export function formFieldOf(path: string): string {
  return path
    .replace(/^rules\.bonusPool\./, 'rules.pool.')
    .replace(/^rules\.productRates\.(\d+)(\.(productId|productLineId))?$/, 'rules.productRates.$1.id')
    .replace(/^rules\.targetIndex\./, 'rules.index.')
    .replace(/^rules\.clawback\.policy$/, 'rules.clawbackPolicy')
    .replace(/^rules\.clawback\.windowDays$/, 'rules.windowDays');
}

/** The tier table's problems by row, from the same check the server makes (`tierProblems`). */
export function tierRowProblems(rows: readonly TierRow[]): Map<number, TierProblem[]> {
  const byRow = new Map<number, TierProblem[]>();
  for (const problem of tierProblems(toTiers(rows))) {
    byRow.set(problem.index, [...(byRow.get(problem.index) ?? []), problem]);
  }
  return byRow;
}

/** What the live example is given, as typed: amounts in the plan currency's major unit. */
export interface ExampleInput {
  target: string;
  sales: string;
  returns: string;
  /** Units sold, for a plan measured in units. */
  units: string;
}

export interface ExampleResult {
  result: PayeeResult;
  digits: number;
}

const EXAMPLE_PERIOD = { start: '2026-01-01', end: '2026-12-31' };
const UNITS_SCALE = 10_000n;
const minorOf = (amount: string, currency: string): bigint | null => {
  const value = toMinor(text(amount) || '0', currency);
  return typeof value === 'bigint' ? value : null;
};

/**
 * One payee's period under the rules being edited: the sales as one invoice, the returns as one return
 * (left out when the plan excludes returns). The amount is both what is measured and what is paid on; a
 * units plan measures the units. Null while the rules or the example do not check.
 */
export function liveExample(values: RulesFormValues, input: ExampleInput): ExampleResult | null {
  const parsed = planRules.safeParse(toRules(values));
  if (!parsed.success) return null;
  const rules = parsed.data;
  const digits = minorDigits(rules.currency);
  if (digits === undefined) return null;
  const sales = minorOf(input.sales, rules.currency);
  const returns = minorOf(input.returns, rules.currency);
  const units = /^\d{1,12}$/.test(text(input.units) || '0') ? BigInt(text(input.units) || '0') : null;
  const byUnits = rules.measure === 'units';
  let target: bigint | null = null;
  if (text(input.target) !== '') {
    target = byUnits
      ? /^\d{1,12}$/.test(text(input.target))
        ? BigInt(text(input.target)) * UNITS_SCALE
        : null
      : minorOf(input.target, rules.currency);
    if (target === null) return null;
  }
  if (sales === null || returns === null || units === null) return null;
  const facts: Fact[] = [
    {
      id: 'sales',
      transactionId: 'sales',
      kind: 'invoice',
      date: EXAMPLE_PERIOD.start,
      measure: byUnits ? units * UNITS_SCALE : sales,
      payOn: sales,
    },
  ];
  if (returns > 0n && rules.returns === 'netted')
    facts.push({
      id: 'returns',
      transactionId: 'returns',
      kind: 'return',
      date: EXAMPLE_PERIOD.start,
      measure: byUnits ? 0n : -returns,
      payOn: -returns,
    });
  const [result] = calculatePeriod({
    rules,
    digits,
    period: EXAMPLE_PERIOD,
    payees: [{ payeeId: 'example', target, targetEvidence: [], facts }],
  });
  return result ? { result, digits } : null;
}

/** Minor units as people read them: grouped digits in the UI language, the currency's decimals, the sign kept. */
export function formatMinor(minor: bigint | string, currency: string, language: string): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const shown = formatAmount(fromMinor(negative ? -value : value, currency), currency, language);
  return negative ? `−${shown}` : shown;
}

/** A major-unit decimal string (as the API sends money) as people read it, sign kept. */
export function formatMajor(amount: string, currency: string, language: string): string {
  const negative = amount.trim().startsWith('-');
  const shown = formatAmount(negative ? amount.trim().slice(1) : amount.trim(), currency, language);
  return negative ? `−${shown}` : shown;
}

/** A line of the example or a statement, with its amounts already in minor units. */
export type ExampleLine = Line;

/** The what-if answer (`POST /plans/:id/what-if`): per period, each payee's current and what-if earned. */
export interface WhatIfAnswer {
  currency: string;
  periods: {
    periodStart: string;
    payees: {
      payeeId: string;
      name: string;
      /** Null for a period never calculated. */
      current: string | null;
      whatIf: string;
      difference: string;
    }[];
  }[];
}

/** One payee in one period. */
export type WhatIfRow = WhatIfAnswer['periods'][number]['payees'][number] & { periodStart: string };

export interface WhatIfPayeeTotal {
  payeeId: string;
  name: string;
  rows: WhatIfRow[];
  current: string;
  whatIf: string;
  difference: string;
}

/**
 * The what-if answer per payee (by name, each with its periods in order) with each payee's sums and the
 * grand total, exactly; a period never calculated counts as nothing earned so far.
 */
export function whatIfTotals(answer: WhatIfAnswer): {
  payees: WhatIfPayeeTotal[];
  current: string;
  whatIf: string;
  difference: string;
} {
  const digits = minorDigits(answer.currency) ?? 2;
  const fixed = (d: Decimal) => d.toFixed(digits);
  const rows = answer.periods.flatMap((p) => p.payees.map((x) => ({ ...x, periodStart: p.periodStart })));
  const byPayee = new Map<string, WhatIfRow[]>();
  for (const row of rows) byPayee.set(row.payeeId, [...(byPayee.get(row.payeeId) ?? []), row]);
  const add = (list: readonly WhatIfRow[], pick: (r: WhatIfRow) => string | null) =>
    list.reduce((total, r) => total.plus(pick(r) ?? 0), new Decimal(0));
  const payees = [...byPayee.entries()]
    .map(([payeeId, list]) => ({
      payeeId,
      name: list[0]!.name,
      rows: [...list].sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1)),
      current: fixed(add(list, (r) => r.current)),
      whatIf: fixed(add(list, (r) => r.whatIf)),
      difference: fixed(add(list, (r) => r.difference)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    payees,
    current: fixed(add(rows, (r) => r.current)),
    whatIf: fixed(add(rows, (r) => r.whatIf)),
    difference: fixed(add(rows, (r) => r.difference)),
  };
}

/** What places dates in a plan's periods. */
export type PlanCalendar = Pick<PlanRules, 'period' | 'yearStartMonth'>;

/**
 * The starts of the plan's periods from the one holding `from` up to the one holding `until` (inclusive),
 * at most `limit` of them: a plan year for the targets grid, the past periods for a what-if.
 */
export function periodStarts(calendar: PlanCalendar, from: string, until: string, limit = 120): string[] {
  const last = periodOf(calendar, until).start;
  const starts: string[] = [];
  let start = periodOf(calendar, from).start;
  while (start <= last && starts.length < limit) {
    starts.push(start);
    start = nextPeriod(calendar, start).start;
  }
  return starts;
}

/** The periods of the plan year that holds `date`. */
export function planYear(calendar: PlanCalendar, date: string): string[] {
  const first = periodOf({ period: 'year', yearStartMonth: calendar.yearStartMonth }, date);
  return periodStarts(calendar, first.start, first.end);
}

/**
 * The targets a version shows: its own, and for the cells it leaves empty the target of the latest earlier
 * published version (what stays in force unless this version changes it).
 */
export function versionTargets(
  versions: readonly {
    version: number;
    status: string;
    targets: readonly { payeeId: string; periodStart: string; target: string }[];
  }[],
  version: number,
): { own: Map<string, string>; inherited: Map<string, string> } {
  const key = (t: { payeeId: string; periodStart: string }) => `${t.payeeId}|${t.periodStart}`;
  const own = new Map<string, string>();
  const inherited = new Map<string, string>();
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    if (v.version === version) for (const t of v.targets) own.set(key(t), t.target);
    else if (v.version < version && v.status === 'published')
      for (const t of v.targets) inherited.set(key(t), t.target);
  }
  return { own, inherited };
}
export const targetKey = (payeeId: string, periodStart: string) => `${payeeId}|${periodStart}`;
