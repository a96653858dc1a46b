import { Decimal as BaseDecimal } from 'decimal.js';

// Enough significant digits that no product of an amount and a rate is rounded before the one stated rounding.
const Decimal = BaseDecimal.clone({ precision: 60 });
type Decimal = InstanceType<typeof Decimal>;

/**
 * Splitting an amount exactly, in integers. Pure.
 *
 * Largest remainder (Hamilton): each payee first gets the floor of its exact quota |amount| × weight ÷ Σweights;
 * the minor units left over (fewer than the number of payees) go one each to the largest remainders. Ties
 * between equal remainders go to the larger weight, then to the payee listed first — so the same inputs give
 * the same split on every machine, and the last cent of 100.00 split in thirds goes to the first payee
 * (33.34 / 33.33 / 33.33). The sign is applied after splitting the magnitude, so a return's split mirrors the
 * sale's exactly. The parts always sum to the amount.
 */
export function allocate(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new Error('allocate: no payees');
  if (weights.some((w) => w < 0n)) throw new Error('allocate: negative weight');
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n) throw new Error('allocate: weights sum to zero');
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const parts = weights.map((w) => (magnitude * w) / total);
  const remainders = weights.map((w, i) => ({ i, w, r: (magnitude * w) % total }));
  let left = magnitude - parts.reduce((s, p) => s + p, 0n);
  remainders.sort((a, b) =>
    a.r !== b.r ? (b.r > a.r ? 1 : -1) : a.w !== b.w ? (b.w > a.w ? 1 : -1) : a.i - b.i,
  );
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => p * sign);
}

/**
 * amount × bp ÷ 10 000, rounded half to even to a whole minor unit (overlay credit, which is not split but
 * computed on its own for each payee). The sign follows the amount.
 */
export function shareOf(amount: bigint, bp: number): bigint {
  return BigInt(
    new Decimal(amount.toString())
      .times(bp)
      .dividedBy(10_000)
      .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN)
      .toFixed(0),
  );
}
