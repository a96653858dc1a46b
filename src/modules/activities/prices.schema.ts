import { z } from 'zod';
import { amountText, currencyCode, moneyIssue } from './money.schema.js';

export const tierCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/)
  .describe('a partner tier’s code, e.g. gold (tiers are kept by the partners module)');

export const addPriceBody = z
  .strictObject({
    tierCode: tierCode.nullable().default(null).describe('null or absent: the list price'),
    currency: currencyCode,
    price: amountText,
    validFrom: z.iso.date(),
    validUntil: z.iso.date().nullable().default(null).describe('inclusive; null: until further notice'),
  })
  .superRefine((body, ctx) => {
    moneyIssue(ctx, body.price, body.currency, ['price']);
    if (body.validUntil !== null && body.validUntil < body.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'is before validFrom',
        params: { problem: 'before_valid_from' },
      });
  });
export type AddPriceInput = z.infer<typeof addPriceBody>;

export const priceSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  tierCode: z.string().nullable(),
  currency: z.string(),
  price: z.string().describe('decimal string in the currency’s major unit'),
  priceMinor: z.string().describe('integer minor units'),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});
export type PriceView = z.infer<typeof priceSchema>;

export const priceParams = z.strictObject({ id: z.uuid(), priceId: z.uuid() });

export const priceQuery = z.strictObject({
  currency: currencyCode,
  date: z.iso.date().optional().describe('defaults to today in the organisation’s time zone'),
  tierCode: tierCode.optional(),
});

export const pricedSchema = z.object({
  productId: z.uuid(),
  currency: z.string(),
  date: z.string(),
  tierCode: z.string().nullable(),
  source: z.enum(['tier', 'list', 'catalogue']).describe('catalogue: the product’s own list price, no entry'),
  priceId: z.uuid().nullable(),
  price: z.string(),
  priceMinor: z.string(),
});
export type PricedView = z.infer<typeof pricedSchema>;
