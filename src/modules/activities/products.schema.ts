import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { amountText, currencyCode, moneyIssue } from './money.schema.js';

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/)
  .describe('letters, digits, _ . -; unique without regard to case');

export const createProductLineBody = z.strictObject({
  code,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
});
export type CreateProductLineInput = z.infer<typeof createProductLineBody>;

export const productLineSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  products: z.number().int().describe('active products in the line'),
});
export type ProductLineView = z.infer<typeof productLineSchema>;

export const createProductBody = z
  .strictObject({
    code,
    name: z.string().trim().min(1).max(200),
    productLineId: z.uuid(),
    listPrice: amountText,
    currency: currencyCode,
    active: z.boolean().default(true),
  })
  .superRefine((body, ctx) => moneyIssue(ctx, body.listPrice, body.currency, ['listPrice']));
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    productLineId: z.uuid().optional(),
    listPrice: amountText.optional(),
    currency: currencyCode.optional(),
    active: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.listPrice === undefined) !== (body.currency === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.listPrice === undefined ? 'listPrice' : 'currency'],
        message: 'a price and its currency change together',
        params: { problem: 'required' },
      });
    if (body.listPrice !== undefined && body.currency !== undefined)
      moneyIssue(ctx, body.listPrice, body.currency, ['listPrice']);
  });
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const listProductsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('code or name contains'),
  productLineId: z.uuid().optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const productSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  productLine: z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  listPrice: z.string(),
  currency: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type ProductView = z.infer<typeof productSchema>;
