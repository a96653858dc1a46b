import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Page } from '../../http/pagination.js';
import type { ListProductsQuery } from './products.schema.js';

/** The catalogue is the organisation's, read by every internal role: no per-row visibility. */

export async function insertProductLine(
  db: Executor,
  row: { code: string; name_zh: string; name_en: string },
) {
  return db.insertInto('product_lines').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listProductLines(db: Executor) {
  return db
    .selectFrom('product_lines')
    .leftJoin('products', (join) =>
      join.onRef('products.product_line_id', '=', 'product_lines.id').on('products.active', '=', true),
    )
    .select(['product_lines.id', 'product_lines.code', 'product_lines.name_zh', 'product_lines.name_en'])
    .select((eb) => eb.fn.count<string>('products.id').as('products'))
    .groupBy('product_lines.id')
    .orderBy('product_lines.code')
    .execute();
}

export async function productLineExists(db: Executor, id: string) {
  return !!(await db.selectFrom('product_lines').select('id').where('id', '=', id).executeTakeFirst());
}

export async function codeTaken(db: Executor, table: 'products' | 'product_lines', code: string) {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where(sql<string>`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

export async function insertProduct(
  db: Executor,
  row: {
    code: string;
    name: string;
    product_line_id: string;
    list_price_minor: string;
    currency: string;
    active: boolean;
  },
) {
  return db.insertInto('products').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function lockProduct(db: Executor, id: string) {
  return db.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateProduct(
  db: Executor,
  id: string,
  patch: Partial<{
    name: string;
    product_line_id: string;
    list_price_minor: string;
    currency: string;
    active: boolean;
  }>,
) {
  await db
    .updateTable('products')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

const productColumns = [
  'products.id',
  'products.code',
  'products.name',
  'products.list_price_minor',
  'products.currency',
  'products.active',
  'products.updated_at',
  'product_lines.id as line_id',
  'product_lines.code as line_code',
  'product_lines.name_zh as line_name_zh',
  'product_lines.name_en as line_name_en',
] as const;

export type ProductRow = Awaited<ReturnType<typeof productsByIds>>[number];

export async function productsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('products')
    .innerJoin('product_lines', 'product_lines.id', 'products.product_line_id')
    .select(productColumns)
    .where('products.id', 'in', [...new Set(ids)])
    .execute();
}

export async function listProducts(
  db: Executor,
  filter: Pick<ListProductsQuery, 'q' | 'productLineId' | 'active'>,
  page: Page,
) {
  let query = db
    .selectFrom('products')
    .innerJoin('product_lines', 'product_lines.id', 'products.product_line_id');
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('products.code', 'ilike', like), eb('products.name', 'ilike', like)]),
    );
  }
  if (filter.productLineId) query = query.where('products.product_line_id', '=', filter.productLineId);
  if (filter.active !== undefined) query = query.where('products.active', '=', filter.active);
  const [items, count] = await Promise.all([
    query.select(productColumns).orderBy('products.code').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
