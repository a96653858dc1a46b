import type { Db } from '../../db/database.js';
import { fieldError, isUniqueViolation, notFound } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { checkedMinor, fromMinor } from './money.js';
import * as repo from './products.repo.js';
import type {
  CreateProductInput,
  CreateProductLineInput,
  ListProductsQuery,
  ProductLineView,
  ProductView,
  UpdateProductInput,
} from './products.schema.js';

/** The product catalogue: product lines and products with list prices. Sales ops and admins keep it. */

export const productView = (p: repo.ProductRow): ProductView => ({
  id: p.id,
  code: p.code,
  name: p.name,
  productLine: { id: p.line_id, code: p.line_code, nameZh: p.line_name_zh, nameEn: p.line_name_en },
  listPrice: fromMinor(p.list_price_minor, p.currency),
  currency: p.currency,
  active: p.active,
  updatedAt: p.updated_at,
});

const codeTaken = (code: string) =>
  fieldError(
    'PRODUCT_CODE_TAKEN',
    `The code ${code} is taken`,
    { field: 'code', problem: 'taken', message: 'is taken' },
    { code },
  );

const unknownLine = () =>
  fieldError('VALIDATION_FAILED', 'productLineId: no such product line', {
    field: 'productLineId',
    problem: 'not_found',
    message: 'is no product line',
  });

async function unique<T>(code: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(code);
    throw error;
  }
}

export async function createProductLine(db: Db, ctx: RequestContext, input: CreateProductLineInput) {
  return unique(input.code, () =>
    runWork(db, ctx, async (w): Promise<ProductLineView> => {
      if (await repo.codeTaken(w.tx, 'product_lines', input.code)) throw codeTaken(input.code);
      const row = await repo.insertProductLine(w.tx, {
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
      });
      w.audit({ action: 'product_line.created', entityType: 'product_line', entityId: row.id, after: input });
      return { id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en, products: 0 };
    }),
  );
}

export async function listProductLines(db: Db) {
  const rows = await repo.listProductLines(db);
  return {
    items: rows.map((r): ProductLineView => ({
      id: r.id,
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      products: Number(r.products),
    })),
  };
}

export async function createProduct(db: Db, ctx: RequestContext, input: CreateProductInput) {
  return unique(input.code, () =>
    runWork(db, ctx, async (w) => {
      if (!(await repo.productLineExists(w.tx, input.productLineId))) throw unknownLine();
      if (await repo.codeTaken(w.tx, 'products', input.code)) throw codeTaken(input.code);
      const { id } = await repo.insertProduct(w.tx, {
        code: input.code,
        name: input.name,
        product_line_id: input.productLineId,
        list_price_minor: checkedMinor(input.listPrice, input.currency),
        currency: input.currency,
        active: input.active,
      });
      w.audit({ action: 'product.created', entityType: 'product', entityId: id, after: input });
      const [row] = await repo.productsByIds(w.tx, [id]);
      return productView(row!);
    }),
  );
}

export async function updateProduct(db: Db, ctx: RequestContext, id: string, input: UpdateProductInput) {
  return runWork(db, ctx, async (w) => {
    const current = await repo.lockProduct(w.tx, id);
    if (!current) throw notFound('product', id);
    if (input.productLineId && !(await repo.productLineExists(w.tx, input.productLineId)))
      throw unknownLine();
    const price =
      input.listPrice !== undefined && input.currency !== undefined
        ? { list_price_minor: checkedMinor(input.listPrice, input.currency), currency: input.currency }
        : {};
    await repo.updateProduct(w.tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.productLineId !== undefined && { product_line_id: input.productLineId }),
      ...(input.active !== undefined && { active: input.active }),
      ...price,
    });
    w.audit({
      action: 'product.updated',
      entityType: 'product',
      entityId: id,
      before: {
        name: current.name,
        productLineId: current.product_line_id,
        listPrice: fromMinor(current.list_price_minor, current.currency),
        currency: current.currency,
        active: current.active,
      },
      after: input,
    });
    const [row] = await repo.productsByIds(w.tx, [id]);
    return productView(row!);
  });
}

export async function listProducts(db: Db, query: ListProductsQuery) {
  const { limit, offset, ...filter } = query;
  const { items, total } = await repo.listProducts(db, filter, { limit, offset });
  return { items: items.map(productView), total, limit, offset };
}
