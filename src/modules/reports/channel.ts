import { Decimal } from 'decimal.js';
import { SUBMITTED_STATUSES, type Ratio, type SubmittedStatus } from './channel.schema.js';

/**
 * The channel report's arithmetic, pure. A rate travels as its two counts and a decimal string with four
 * places rounded half up, so a reader can check it and nothing depends on how a float rounds.
 */
export function ratio(part: number, whole: number): Ratio {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || part > whole)
    throw new RangeError(`not a share: ${part} of ${whole}`);
  return {
    part,
    whole,
    rate: whole === 0 ? null : new Decimal(part).dividedBy(whole).toFixed(4, Decimal.ROUND_HALF_UP),
  };
}

/** Every submitted status with its count, zero where none. */
export function byStatus(counts: readonly { status: string; count: number }[]) {
  const out = Object.fromEntries(SUBMITTED_STATUSES.map((s) => [s, 0])) as Record<SubmittedStatus, number>;
  for (const c of counts)
    if ((SUBMITTED_STATUSES as readonly string[]).includes(c.status))
      out[c.status as SubmittedStatus] += c.count;
  return out;
}

/** Minor-unit sums per currency (strings, any size) added up across groups, exactly. */
export function sumByCurrency(rows: readonly { currency: string; minor: string | null }[]) {
  const sums = new Map<string, bigint>();
  for (const r of rows)
    if (r.minor !== null) sums.set(r.currency, (sums.get(r.currency) ?? 0n) + BigInt(r.minor));
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, minor]) => ({ currency, minor }));
}
