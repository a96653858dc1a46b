import { Decimal } from 'decimal.js';
import { formatAmount } from '../activities/money.js';
import type {
  CommissionPeriod,
  Dispute,
  DisputeStatus,
  LineKind,
  PeriodAction,
  PeriodStatus,
  StatementCredit,
  StatementLine,
} from './statements.api.js';

/** Below this attainment (percent) a figure is shown in red: the alert threshold. */
export const ATTAINMENT_ALERT = '80';

/** The tag colour of an attainment: red below 80 %, green from 100 %, blue between, none without a target. */
export function attainmentColor(attainment: string | null | undefined): 'red' | 'blue' | 'green' | undefined {
  if (attainment === null || attainment === undefined || attainment === '') return undefined;
  const value = new Decimal(attainment);
  if (value.lessThan(ATTAINMENT_ALERT)) return 'red';
  if (value.greaterThanOrEqualTo(100)) return 'green';
  return 'blue';
}

/** An attainment as read: two decimals of a percent at most, rounded down as the engine states. */
export function attainmentText(attainment: string | null | undefined): string {
  if (attainment === null || attainment === undefined || attainment === '') return '—';
  return `${new Decimal(attainment).toDecimalPlaces(2, Decimal.ROUND_DOWN).toString()} %`;
}

/** A signed amount in the UI language ("-1,234.50 CNY"), its decimals kept as the server sent them. */
export function formatMoney(amount: string | null | undefined, currency: string, language: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const negative = amount.startsWith('-');
  const text = formatAmount(negative ? amount.slice(1) : amount, currency, language);
  return negative && /[1-9]/.test(amount) ? `-${text}` : text;
}

/** The exact sum of signed decimal strings, with as many decimals as the longest of them. */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  const scale = Math.max(0, ...present.map((v) => v.split('.')[1]?.length ?? 0));
  return present.reduce((sum, v) => sum.plus(v), new Decimal(0)).toFixed(scale);
}

/** The buttons of a period's close flow, by its status. */
export function periodActions(status: PeriodStatus): PeriodAction[] {
  switch (status) {
    case 'open':
      return ['calculate'];
    case 'calculated':
      return ['calculate', 'approve'];
    case 'approved':
      return ['lock'];
    case 'locked':
      return ['calculate', 'pay'];
    case 'paid':
      return ['calculate'];
  }
}

/** A closed period: calculating it again adds adjustment lines to the next open period instead of editing. */
export const isClosed = (status: PeriodStatus) => status === 'locked' || status === 'paid';

export const STATUS_COLORS: Record<PeriodStatus, string> = {
  open: 'default',
  calculated: 'blue',
  approved: 'cyan',
  locked: 'purple',
  paid: 'green',
};

/** A payee disputes a line of its own statement once the period is locked (or paid). */
export const canDispute = (period: Pick<CommissionPeriod, 'status'>, own: boolean, line: StatementLine) =>
  own && isClosed(period.status) && !(line.dispute && ['open', 'in_review'].includes(line.dispute.status));

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Why an adjustment line is there: its kind, the amendment's version and reason code, its source period. */
export interface AdjustmentReason {
  kind: string;
  reasonCode: string | null;
  note: string | null;
  version: number | null;
  sourcePeriodStart: string | null;
}

export function adjustmentReason(line: StatementLine): AdjustmentReason | null {
  const a = line.adjustment;
  if (!a && line.formula.code !== 'commission.adjustment') return null;
  // The adjustment's reason, and the line's formula, which carries the same reason among its parameters.
  const sources = [a?.reason ?? {}, line.formula.params];
  const pick = <T>(read: (v: unknown) => T | null, ...keys: string[]): T | null => {
    for (const source of sources)
      for (const key of keys) {
        const value = read(source[key]);
        if (value !== null) return value;
      }
    return null;
  };
  return {
    kind: a?.kind ?? text(line.formula.params.kind) ?? line.kind,
    reasonCode: pick(text, 'reasonCode'),
    note: pick(text, 'reasonNote', 'note'),
    version: pick(num, 'version'),
    sourcePeriodStart: pick(text, 'sourcePeriod', 'sourcePeriodStart', 'periodStart'),
  };
}

/** The lines whose amount is spread over the credit lines that counted (what "how was this computed" adds up). */
const PER_FACT: readonly LineKind[] = ['earning', 'returns', 'tier_slice', 'product_rate'];
const isLineKind = (kind: string): kind is LineKind => (PER_FACT as readonly string[]).includes(kind);
export const isPerFact = (line: StatementLine) =>
  isLineKind(line.kind) || (line.kind === 'clawback' && !line.adjustment);

export interface CreditTotals {
  measure: string;
  payOn: string;
  commission: string;
  /** The sum of the lines spread over credit lines: equal to `commission` when every credit line is listed. */
  lines: string;
  matches: boolean;
}

export function creditTotals(
  credits: readonly StatementCredit[],
  lines: readonly StatementLine[],
): CreditTotals {
  const commission = sumDecimals(credits.map((c) => c.commission));
  const fromLines = sumDecimals(lines.filter(isPerFact).map((l) => l.amount));
  return {
    measure: sumDecimals(credits.map((c) => c.measure)),
    payOn: sumDecimals(credits.map((c) => c.payOn)),
    commission,
    lines: fromLines,
    matches: new Decimal(commission).equals(fromLines),
  };
}

export const customerName = (customer: StatementCredit['customer']): string => customer?.legalName ?? '';

/** A period as people name it: "2026-03" for a month, "2026-01 – 2026-03" for a longer one. */
export function periodLabel(period: { periodStart?: string; periodEnd?: string | undefined }): string {
  const start = period.periodStart?.slice(0, 7) ?? '';
  const end = period.periodEnd?.slice(0, 7);
  return end && end !== start ? `${start} – ${end}` : start;
}

export const DISPUTE_COLORS: Record<DisputeStatus, string> = {
  open: 'gold',
  in_review: 'blue',
  upheld: 'green',
  rejected: 'default',
};

/** An adjustment amount as typed: signed, digits with an optional decimal part (the server checks the currency). */
export const SIGNED_AMOUNT = /^-?\d+(\.\d+)?$/;

const OPEN_DISPUTE: readonly DisputeStatus[] = ['open', 'in_review'];

/** Each line's dispute as its statement shows it: an undecided one first, else the latest decided. */
export function disputesByLine(
  disputes: readonly Pick<Dispute, 'id' | 'status' | 'raisedAt' | 'line'>[],
): Map<string, { id: string; status: DisputeStatus }> {
  const byLine = new Map<string, Pick<Dispute, 'id' | 'status' | 'raisedAt'>>();
  for (const d of disputes) {
    const held = byLine.get(d.line.id);
    const better =
      !held ||
      (OPEN_DISPUTE.includes(d.status) && !OPEN_DISPUTE.includes(held.status)) ||
      (OPEN_DISPUTE.includes(d.status) === OPEN_DISPUTE.includes(held.status) && d.raisedAt > held.raisedAt);
    if (better) byLine.set(d.line.id, d);
  }
  return new Map([...byLine].map(([lineId, d]) => [lineId, { id: d.id, status: d.status }]));
}
