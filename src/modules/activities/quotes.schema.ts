import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { amountText, namedAccount, percentIssue, percentText, person } from './money.schema.js';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const createQuoteBody = z
  .strictObject({
    opportunityId: z.uuid(),
    validFrom: z.iso.date().optional().describe('defaults to today in the organisation’s time zone'),
    validUntil: z.iso.date(),
    note: z.string().trim().max(2000).optional(),
    lines: z
      .array(
        z.strictObject({
          productId: z.uuid(),
          quantity: z.number().int().min(1).max(1_000_000),
          unitPrice: amountText
            .optional()
            .describe('in the opportunity’s currency; defaults to the list price when that is in it'),
          discountPercent: percentText.optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .superRefine((body, ctx) => {
    if (body.validFrom && body.validFrom > body.validUntil)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'ends before the quote is valid',
        params: { problem: 'before_valid_from' },
      });
    body.lines.forEach((line, i) => {
      if (line.discountPercent !== undefined)
        percentIssue(ctx, line.discountPercent, ['lines', i, 'discountPercent']);
    });
  });
export type CreateQuoteInput = z.infer<typeof createQuoteBody>;

export const listQuotesQuery = z.strictObject({ opportunityId: z.uuid().optional(), ...pageQuery });

const party = z.object({
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  byPartner: z.boolean().describe('quoted by a partner’s people'),
});

export const quoteSchema = z.object({
  id: z.uuid(),
  opportunityId: z.uuid(),
  account: namedAccount.nullable(),
  status: z.enum(QUOTE_STATUSES).describe('a sent quote past its validity reads as expired'),
  currency: z.string(),
  total: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: z.uuid(),
      code: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      unitPrice: z.string(),
      discountPercent: z.string(),
      total: z.string(),
    }),
  ),
  ...party.shape,
  createdBy: person.nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type QuoteView = z.infer<typeof quoteSchema>;

const alertSide = z
  .object({ id: z.uuid().nullable(), account: namedAccount.nullable(), ...party.shape })
  .describe('a quote and its customer, each only where the caller may see it');

export const overlapAlertSchema = z.object({
  id: z.uuid(),
  kind: z.literal('quote.concurrent'),
  window: z.object({ from: z.string(), until: z.string() }).describe('when both quotes are valid'),
  quote: alertSide.describe('the quote whose sending found the overlap'),
  other: alertSide.describe('the quote it overlaps'),
  sameAccount: z.boolean().describe('both quote one customer (otherwise two customers of one group)'),
  createdAt: z.string(),
});
export type OverlapAlertView = z.infer<typeof overlapAlertSchema>;

export const sentQuoteSchema = z.object({
  quote: quoteSchema,
  alerts: z.array(overlapAlertSchema).describe('overlaps this sending found'),
});

export const listOverlapAlertsQuery = z.strictObject({ ...pageQuery });
