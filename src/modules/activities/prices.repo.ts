import type { Executor } from '../../db/database.js';
import type { PriceEntry } from './pricing.js';

/** Price list entries: the organisation's catalogue, read by every internal role like products. */

const columns = [
  'id',
  'tier_code',
  'currency',
  'price_minor',
  'valid_from',
  'valid_until',
  'product_id',
  'created_at',
] as const;

export type PriceRow = Awaited<ReturnType<typeof pricesOf>>[number];

export async function pricesOf(db: Executor, productId: string) {
  return db
    .selectFrom('price_list_entries')
    .select(columns)
    .where('product_id', '=', productId)
    .orderBy('currency')
    .orderBy('tier_code', (o) => o.nullsFirst())
    .orderBy('valid_from')
    .execute();
}

export const entryOf = (r: PriceRow): PriceEntry => ({
  id: r.id,
  tierCode: r.tier_code,
  currency: r.currency,
  priceMinor: r.price_minor,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

export async function insertPrice(
  db: Executor,
  row: {
    product_id: string;
    tier_code: string | null;
    currency: string;
    price_minor: string;
    valid_from: string;
    valid_until: string | null;
    created_by: string | null;
  },
) {
  return db.insertInto('price_list_entries').values(row).returning(columns).executeTakeFirstOrThrow();
}

export async function deletePrice(db: Executor, productId: string, id: string) {
  return db
    .deleteFrom('price_list_entries')
    .where('id', '=', id)
    .where('product_id', '=', productId)
    .returning(columns)
    .executeTakeFirst();
}
