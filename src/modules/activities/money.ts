import { Decimal } from 'decimal.js';

/**
 * Money at the edge: the API speaks decimal strings ("12345.67") with a currency, storage speaks integer
 * minor units (bigint). Parsing goes through decimal.js, never a float, and refuses rather than rounds: an
 * amount with more decimals than its currency has is a mistake to report, not a value to guess.
 */

export type MoneyProblem =
  'invalid_amount' | 'negative' | 'too_many_decimals' | 'too_big' | 'unknown_currency';

/** A decimal number as people type it: digits, an optional point and fraction; a leading minus is read. */
const AMOUNT = /^-?\d{1,15}(\.\d+)?$/;
/** What a bigint column holds, with room to sum lines. */
const MAX_MINOR = 10n ** 15n;

/** ISO 4217 codes as the runtime knows them (Intl formats any three letters, so it cannot say). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Decimals per currency code, asked of Intl once each: building a NumberFormat costs more than the rest of a view. */
const DIGITS = new Map<string, number>();

/** How many decimals a currency has (CNY 2, JPY 0), or undefined for a code that is no currency. */
export function minorDigits(currency: string): number | undefined {
  const known = DIGITS.get(currency);
  if (known !== undefined) return known;
  if (!CURRENCIES.has(currency)) return undefined;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  if (digits !== undefined) DIGITS.set(currency, digits);
  return digits;
}

export function isCurrency(currency: string): boolean {
  return minorDigits(currency) !== undefined;
}

/** "12345.67" CNY → 1234567n, or the problem with it. */
export function toMinor(amount: string, currency: string): bigint | { problem: MoneyProblem } {
  const digits = minorDigits(currency);
  if (digits === undefined) return { problem: 'unknown_currency' };
  if (!AMOUNT.test(amount)) return { problem: 'invalid_amount' };
  const value = new Decimal(amount);
  if (value.isNegative() && !value.isZero()) return { problem: 'negative' };
  if (value.decimalPlaces() > digits) return { problem: 'too_many_decimals' };
  const minor = BigInt(value.times(new Decimal(10).pow(digits)).toFixed(0));
  if (minor >= MAX_MINOR) return { problem: 'too_big' };
  return minor;
}

/** Minor units, as text for a bigint column, of an amount the schema already checked. */
export function checkedMinor(amount: string, currency: string): string {
  const minor = toMinor(amount, currency);
  if (typeof minor !== 'bigint') throw new Error(`unchecked amount ${amount} ${currency}: ${minor.problem}`);
  return minor.toString();
}

/** 1234567n CNY → "12345.67" (always the currency's decimals). */
export function fromMinor(minor: string | bigint, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  return new Decimal(minor.toString()).dividedBy(new Decimal(10).pow(digits)).toFixed(digits);
}

/** A percentage with up to two decimals ("12.5") → basis points (1250), or the problem with it. */
export function toBasisPoints(percent: string): number | { problem: 'invalid_amount' | 'too_many_decimals' } {
  if (!/^\d{1,3}(\.\d+)?$/.test(percent)) return { problem: 'invalid_amount' };
  const value = new Decimal(percent);
  if (value.decimalPlaces() > 2) return { problem: 'too_many_decimals' };
  if (value.greaterThan(100)) return { problem: 'invalid_amount' };
  return value.times(100).toNumber();
}

export const fromBasisPoints = (bp: number): string => new Decimal(bp).dividedBy(100).toString();

/**
 * One quote line's total in minor units: quantity × unit price, less the discount, rounded half up to a
 * whole minor unit — in integers, so the same inputs give the same total everywhere.
 */
export function lineTotal(quantity: number, unitPriceMinor: bigint, discountBp: number): bigint {
  const gross = BigInt(quantity) * unitPriceMinor * BigInt(10_000 - discountBp);
  return (gross + 5_000n) / 10_000n;
}
