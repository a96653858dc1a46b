import type { FieldProblem } from '../../errors.js';
import { toMinor } from '../activities/index.js';
import type { TransactionInput, TransactionKindName } from './transactions.schema.js';

/**
 * A transaction's amounts as the caller sent them, checked and turned into signed minor units. Pure.
 *
 * The sign rule (`SIGN_RULE`): orders, invoices and payments carry zero or positive gross, discount and net;
 * returns and credit notes zero or negative ones — a return of 100.00 is sent as "-100.00", so sums over a
 * period net returns against sales without anyone remembering to flip a sign. The discount carries the sign
 * of the gross (net = gross − discount is smaller in magnitude). Margin may be either sign (a sale at a
 * loss). Every problem names its field, under `prefix`.
 */

export interface CheckedLine {
  productId?: string | undefined;
  productCode?: string | undefined;
  quantity: number;
  gross: bigint;
  discount: bigint;
  net: bigint;
  margin: bigint | null;
}

export const isCredit = (kind: TransactionKindName) => kind === 'return' || kind === 'credit_note';

function signedMinor(text: string, currency: string): bigint | { problem: string } {
  const negative = text.startsWith('-');
  const parsed = toMinor(negative ? text.slice(1) : text, currency);
  if (typeof parsed !== 'bigint') return parsed;
  return negative ? -parsed : parsed;
}

const MESSAGES: Record<string, string> = {
  invalid_amount: 'is not a decimal amount',
  too_many_decimals: 'has more decimals than the currency has',
  too_big: 'is too large',
  unknown_currency: 'has no known currency',
  negative: 'must not be negative',
  must_be_negative_or_zero: 'must be zero or negative for a return or credit note',
  must_be_positive_or_zero: 'must be zero or positive for this kind',
  mismatch: 'is not gross − discount',
  required: 'is required',
  ambiguous: 'give productId or productCode, not both',
  discount_exceeds_gross: 'is larger than the gross amount',
  only_for_returns: 'only a return or a credit note reverses a sale',
};

export function checkTransactionInput(
  input: TransactionInput,
  prefix = '',
): { lines: CheckedLine[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string) =>
    problems.push({ field: `${prefix}${field}`, problem, message: MESSAGES[problem] ?? problem });
  const credit = isCredit(input.kind);
  const c = input.customer;
  if (!c.accountId && !c.uscc && !c.name) add('customer', 'required');
  if (input.reversesExternalId && !credit) add('reversesExternalId', 'only_for_returns');
  const lines: CheckedLine[] = [];
  input.lines.forEach((line, i) => {
    const at = `lines.${i}.`;
    const before = problems.length;
    if (!line.productId && !line.productCode) add(`${at}productId`, 'required');
    if (line.productId && line.productCode) add(`${at}productCode`, 'ambiguous');
    const amount = (name: 'gross' | 'discount' | 'net' | 'margin', text: string | undefined) => {
      if (text === undefined) return undefined;
      const parsed = signedMinor(text, input.currency);
      if (typeof parsed !== 'bigint') {
        add(`${at}${name}`, parsed.problem);
        return null;
      }
      if (name !== 'margin') {
        if (credit && parsed > 0n) add(`${at}${name}`, 'must_be_negative_or_zero');
        if (!credit && parsed < 0n) add(`${at}${name}`, 'must_be_positive_or_zero');
      }
      return parsed;
    };
    const gross = amount('gross', line.gross);
    const discount = amount('discount', line.discount) ?? (line.discount === undefined ? 0n : null);
    const net = amount('net', line.net);
    const margin = amount('margin', line.margin);
    if (gross === null || gross === undefined || discount === null || net === null || margin === null) return;
    const computed = gross - discount;
    if (net !== undefined && net !== computed) add(`${at}net`, 'mismatch');
    else if (problems.length === before && (credit ? computed > 0n : computed < 0n))
      add(`${at}discount`, 'discount_exceeds_gross');
    lines.push({
      productId: line.productId,
      productCode: line.productCode,
      quantity: line.quantity,
      gross,
      discount,
      net: computed,
      margin: margin ?? null,
    });
  });
  return { lines, problems };
}
