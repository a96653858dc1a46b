import { Decimal as BaseDecimal } from 'decimal.js';

// Enough significant digits that no product of an amount and a rate is rounded before the one stated rounding.
const Decimal = BaseDecimal.clone({ precision: 60 });
type Decimal = InstanceType<typeof Decimal>;

/**
 * Currency conversion, pure. Rates are exact decimal strings (1 unit of `base` = `rate` units of `quote`),
 * never floats. An amount in minor units of one currency becomes minor units of another by
 * amount ÷ 10^from digits × rate × 10^to digits, rounded once, half to even (banker's rounding), to a whole
 * minor unit of the target currency.
 */

/** A rate as people type it: digits with an optional fraction of up to 12 digits, greater than zero. */
export const RATE_PATTERN = /^\d{1,12}(\.\d{1,12})?$/;

export function validRate(rate: string): boolean {
  return RATE_PATTERN.test(rate) && new Decimal(rate).greaterThan(0);
}

export interface Rate {
  base: string;
  quote: string;
  onDate: string;
  rate: string;
}

/**
 * The rate for `from` → `to` on `date`: the latest on or before the date, taken directly, or the inverse of
 * the opposite pair's (1 ÷ rate, exact to 20 significant digits before the final rounding). Undefined when
 * neither pair has a rate on or before the date.
 */
export function rateOn(
  rates: readonly Rate[],
  from: string,
  to: string,
  date: string,
): { rate: Decimal; onDate: string; inverse: boolean } | undefined {
  const latest = (base: string, quote: string) =>
    rates
      .filter((r) => r.base === base && r.quote === quote && r.onDate <= date)
      .sort((a, b) => (a.onDate < b.onDate ? 1 : -1))[0];
  const direct = latest(from, to);
  const inverse = latest(to, from);
  // The direct pair wins a tie of dates; otherwise the more recent of the two.
  if (direct && (!inverse || direct.onDate >= inverse.onDate))
    return { rate: new Decimal(direct.rate), onDate: direct.onDate, inverse: false };
  if (inverse)
    return {
      rate: new Decimal(1).dividedBy(new Decimal(inverse.rate)).toSignificantDigits(20),
      onDate: inverse.onDate,
      inverse: true,
    };
  return undefined;
}

export function convertMinor(
  amount: bigint,
  fromDigits: number,
  toDigits: number,
  rate: BaseDecimal.Value,
): bigint {
  const value = new Decimal(amount.toString())
    .dividedBy(new Decimal(10).pow(fromDigits))
    .times(rate)
    .times(new Decimal(10).pow(toDigits))
    .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  return BigInt(value.toFixed(0));
}
