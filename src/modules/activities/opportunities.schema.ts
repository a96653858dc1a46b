import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { amountText, currencyCode, moneyIssue, namedAccount, person } from './money.schema.js';

export const OPPORTUNITY_STAGES = ['qualify', 'propose', 'negotiate', 'commit'] as const;
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

const lines = z
  .array(z.strictObject({ productId: z.uuid(), quantity: z.number().int().min(1).max(1_000_000) }))
  .max(50);

export const createOpportunityBody = z
  .strictObject({
    accountId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    stage: z.enum(OPPORTUNITY_STAGES).default('qualify'),
    amount: amountText,
    currency: currencyCode,
    expectedClose: z.iso.date().optional(),
    ownerId: z.uuid().optional().describe('defaults to the customer’s owner, else the caller'),
    lines: lines.default([]),
  })
  .superRefine((body, ctx) => moneyIssue(ctx, body.amount, body.currency, ['amount']));
export type CreateOpportunityInput = z.infer<typeof createOpportunityBody>;

export const updateOpportunityBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    stage: z.enum(OPPORTUNITY_STAGES).optional(),
    amount: amountText.optional(),
    currency: currencyCode.optional(),
    expectedClose: z.iso.date().nullable().optional(),
    lines: lines.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.amount === undefined) !== (body.currency === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.amount === undefined ? 'amount' : 'currency'],
        message: 'an amount and its currency change together',
        params: { problem: 'required' },
      });
    if (body.amount !== undefined && body.currency !== undefined)
      moneyIssue(ctx, body.amount, body.currency, ['amount']);
  });
export type UpdateOpportunityInput = z.infer<typeof updateOpportunityBody>;

export const loseOpportunityBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const listOpportunitiesQuery = z.strictObject({
  accountId: z.uuid().optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only those the caller owns'),
  ...pageQuery,
});
export type ListOpportunitiesQuery = z.infer<typeof listOpportunitiesQuery>;

export const opportunitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  account: namedAccount.nullable().describe('the customer, where the caller may see it'),
  owner: person.nullable(),
  stage: z.enum(OPPORTUNITY_STAGES),
  status: z.enum(OPPORTUNITY_STATUSES),
  amount: z.string().describe('decimal string in the currency’s major unit'),
  currency: z.string(),
  expectedClose: z.string().nullable(),
  lines: z.array(
    z.object({ productId: z.uuid(), code: z.string(), name: z.string(), quantity: z.number().int() }),
  ),
  lostReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpportunityView = z.infer<typeof opportunitySchema>;
