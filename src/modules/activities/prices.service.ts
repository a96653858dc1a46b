import type { Db, Executor } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { checkedMinor, fromMinor } from './money.js';
import { orgTimeZone } from './names.repo.js';
import * as repo from './prices.repo.js';
import type { AddPriceInput, PricedView, PriceView } from './prices.schema.js';
import { overlappingPrice, pickPrice } from './pricing.js';
import { lockProduct, productsByIds } from './products.repo.js';
import { businessDay } from './quotes.service.js';

/**
 * Price lists: list prices per currency over validity spans, and tier prices beside them. A product's
 * entries change under its row lock, so two overlapping entries saved at once cannot both pass the check.
 */

const view = (r: repo.PriceRow): PriceView => ({
  id: r.id,
  productId: r.product_id,
  tierCode: r.tier_code,
  currency: r.currency,
  price: fromMinor(r.price_minor, r.currency),
  priceMinor: r.price_minor,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

export async function listPrices(db: Db, productId: string) {
  if (!(await productsByIds(db, [productId])).length) throw notFound('product', productId);
  return { items: (await repo.pricesOf(db, productId)).map(view) };
}

export async function addPrice(db: Db, ctx: RequestContext, productId: string, input: AddPriceInput) {
  return runWork(db, ctx, async (w) => {
    if (!(await lockProduct(w.tx, productId))) throw notFound('product', productId);
    const entries = (await repo.pricesOf(w.tx, productId)).map(repo.entryOf);
    const clash = overlappingPrice(entries, input);
    if (clash)
      throw new AppError(
        'PRICE_OVERLAP',
        'Another price of this product, currency and tier holds on some of these dates',
        {
          conflictId: clash.id,
          tierCode: clash.tierCode,
          currency: clash.currency,
          validFrom: clash.validFrom,
          validUntil: clash.validUntil,
        },
      );
    const row = await repo.insertPrice(w.tx, {
      product_id: productId,
      tier_code: input.tierCode,
      currency: input.currency,
      price_minor: checkedMinor(input.price, input.currency),
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      created_by: w.actor.id,
    });
    w.audit({ action: 'price.added', entityType: 'product', entityId: productId, after: view(row) });
    return view(row);
  });
}

export async function removePrice(db: Db, ctx: RequestContext, productId: string, priceId: string) {
  return runWork(db, ctx, async (w) => {
    if (!(await lockProduct(w.tx, productId))) throw notFound('product', productId);
    const row = await repo.deletePrice(w.tx, productId, priceId);
    if (!row) throw notFound('price', priceId);
    w.audit({ action: 'price.removed', entityType: 'product', entityId: productId, before: view(row) });
  });
}

/**
 * What a product costs in a currency on a business date, for a tier if given: the tier's price, else the
 * list price of the price list, else the catalogue's own list price when it is in that currency; null when
 * none holds. Amounts in integer minor units. Deal registration and ordering call this (with their `tx`).
 */
export async function priceFor(
  db: Executor,
  productId: string,
  currency: string,
  date: string,
  tierCode?: string | null,
): Promise<PricedView | null> {
  const [product] = await productsByIds(db, [productId]);
  if (!product) return null;
  const picked = pickPrice((await repo.pricesOf(db, productId)).map(repo.entryOf), {
    currency,
    date,
    tierCode,
  });
  const base = { productId, currency, date, tierCode: tierCode ?? null };
  if (picked)
    return {
      ...base,
      source: picked.source,
      priceId: picked.entry.id,
      price: fromMinor(picked.entry.priceMinor, currency),
      priceMinor: picked.entry.priceMinor,
    };
  if (product.currency !== currency) return null;
  return {
    ...base,
    source: 'catalogue',
    priceId: null,
    price: fromMinor(product.list_price_minor, currency),
    priceMinor: product.list_price_minor,
  };
}

export async function quotePrice(
  db: Db,
  productId: string,
  query: { currency: string; date?: string | undefined; tierCode?: string | undefined },
) {
  if (!(await productsByIds(db, [productId])).length) throw notFound('product', productId);
  const date = query.date ?? businessDay(await orgTimeZone(db));
  const priced = await priceFor(db, productId, query.currency, date, query.tierCode);
  if (!priced)
    throw new AppError('NO_PRICE', `No price in ${query.currency} holds on ${date}`, {
      productId,
      currency: query.currency,
      date,
    });
  return priced;
}
