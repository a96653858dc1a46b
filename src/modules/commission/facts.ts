import { allocate, shareOf } from '../../kernel/allocate.js';
import { fieldError } from '../../errors.js';
import { minorDigits } from '../activities/index.js';
import { convertMinor, rateOn } from '../transactions/index.js';
import type { Fact } from './calculate.js';
import type { CreditRow } from './periods.repo.js';
import type { PlanRules } from './rules.js';

/**
 * Credit lines as a plan counts them. Pure.
 *
 * - measure `net`: the credited amount itself (the credit split is exact); `gross` and `margin`: the
 *   transaction's gross or margin × the line's share, half to even; `units`: the transaction's quantity ×
 *   the share in basis points (ten-thousandths of a unit), negative for returns.
 * - a line in another currency is converted to the plan currency at the rate stored with its transaction
 *   when that rate is to the plan currency, else at the exchange rate on the line's date; no rate refuses
 *   the calculation naming the transaction.
 * - with flat product rates, each line is split over its transaction's products by their net amounts
 *   (largest remainder), so every part knows its product and product line.
 */

export interface ProductLineRow {
  transaction_id: string;
  product_id: string;
  product_line_id: string;
  net_minor: string;
}

export interface FactContext {
  rules: PlanRules;
  rates: { base: string; quote: string; onDate: string; rate: string }[];
  products: Map<string, ProductLineRow[]>;
}

function credited(row: CreditRow, what: PlanRules['measure'] | PlanRules['payOn']): bigint {
  const share = row.share_bp;
  switch (what) {
    case 'net':
      return BigInt(row.amount_minor);
    case 'gross':
      return shareOf(BigInt(row.gross_minor ?? '0'), share);
    case 'margin':
      return row.margin_minor === null ? 0n : shareOf(BigInt(row.margin_minor), share);
    case 'units': {
      const units = BigInt(row.units ?? '0') * BigInt(share);
      return BigInt(row.net_minor ?? '0') < 0n ? -units : units;
    }
  }
}

function converter(ctx: FactContext, row: CreditRow): (amount: bigint) => bigint {
  const to = ctx.rules.currency;
  if (row.currency === to) return (a) => a;
  const from = minorDigits(row.currency) ?? 2;
  const toDigits = minorDigits(to) ?? 2;
  if (row.base_currency === to && row.rate !== null) return (a) => convertMinor(a, from, toDigits, row.rate!);
  const found = rateOn(ctx.rates, row.currency, to, row.on_date);
  if (!found)
    throw fieldError(
      'UNPROCESSABLE',
      `No exchange rate from ${row.currency} to ${to} on or before ${row.on_date}`,
      {
        field: 'currency',
        problem: 'no_rate',
        message: `no ${row.currency}→${to} rate on ${row.on_date}`,
      },
      { transactionId: row.transaction_id, from: row.currency, to, date: row.on_date },
    );
  return (a) => convertMinor(a, from, toDigits, found.rate);
}

export function toFacts(ctx: FactContext, rows: readonly CreditRow[]): Fact[] {
  const facts: Fact[] = [];
  for (const row of rows) {
    const convert = converter(ctx, row);
    const measure =
      ctx.rules.measure === 'units' ? credited(row, 'units') : convert(credited(row, ctx.rules.measure));
    const payOn = convert(credited(row, ctx.rules.payOn));
    const base: Fact = {
      id: row.id,
      transactionId: row.transaction_id,
      kind: row.kind,
      date: row.on_date,
      measure,
      payOn,
      payee: (row.user_id ?? row.partner_id)!,
    };
    const products = ctx.rules.productRates.length > 0 ? ctx.products.get(row.transaction_id) : undefined;
    if (!products || products.length === 0) {
      facts.push(base);
      continue;
    }
    const weights = products.map((p) => {
      const w = BigInt(p.net_minor);
      return w < 0n ? -w : w;
    });
    if (weights.every((w) => w === 0n)) {
      facts.push(base);
      continue;
    }
    const measures = allocate(measure, weights);
    const payOns = allocate(payOn, weights);
    products.forEach((p, i) =>
      facts.push({
        ...base,
        measure: measures[i]!,
        payOn: payOns[i]!,
        productId: p.product_id,
        productLineId: p.product_line_id,
      }),
    );
  }
  return facts;
}

/** The transaction kinds a plan counts: its basis's, and returns and credit notes where they are netted. */
export function countedKinds(rules: PlanRules): string[] {
  const own = rules.basis === 'booked' ? 'order' : rules.basis === 'invoiced' ? 'invoice' : 'payment';
  return rules.returns === 'netted' ? [own, 'return', 'credit_note'] : [own];
}
