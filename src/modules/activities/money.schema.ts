import { z } from 'zod';
import { isCurrency, toBasisPoints, toMinor } from './money.js';

/**
 * Money fields in the API: a decimal string and a currency. The schema checks the string's shape; whether
 * its decimals fit the currency is checked by `moneyIssue` where both are known, so one 400 names the
 * amount field and its problem (`too_many_decimals`, `negative`, …) beside every other field's.
 */
export const amountText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('a decimal string in the currency’s major unit, e.g. "12345.67"; never a number (no floats)');

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine(isCurrency, { message: 'is not an ISO 4217 currency', params: { problem: 'unknown_currency' } })
  .describe('ISO 4217, e.g. CNY');

export const percentText = z
  .string()
  .trim()
  .min(1)
  .max(10)
  .describe('a percentage with up to two decimals, e.g. "12.5"');

const problemText = {
  invalid_amount: 'is not a decimal amount',
  negative: 'must not be negative',
  too_many_decimals: 'has more decimals than the currency has',
  too_big: 'is too large',
  unknown_currency: 'has no known currency',
} as const;

/** Adds the problem with `amount` in `currency` to the issues at `path`, if any. */
export function moneyIssue(
  ctx: z.RefinementCtx,
  amount: string,
  currency: string,
  path: (string | number)[],
) {
  // An unknown currency is reported on the currency field itself.
  if (!isCurrency(currency)) return;
  const parsed = toMinor(amount, currency);
  if (typeof parsed === 'bigint') return;
  ctx.addIssue({
    code: 'custom',
    path,
    message: problemText[parsed.problem],
    params: { problem: parsed.problem },
  });
}

export function percentIssue(ctx: z.RefinementCtx, percent: string, path: (string | number)[]) {
  const parsed = toBasisPoints(percent);
  if (typeof parsed === 'number') return;
  ctx.addIssue({
    code: 'custom',
    path,
    message: problemText[parsed.problem],
    params: { problem: parsed.problem },
  });
}

export const person = z.object({ id: z.uuid(), displayName: z.string() });
export const namedAccount = z.object({ id: z.uuid(), legalName: z.string() });
