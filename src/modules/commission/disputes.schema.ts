import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';

export const DISPUTE_STATUSES = ['open', 'in_review', 'upheld', 'rejected'] as const;

/** A signed amount in the plan currency's major unit: what an upheld dispute adds (or takes back). */
export const signedAmount = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, { message: 'is not an amount such as "120.00" or "-35.50"' })
  .describe('an amount in the plan currency’s major unit, may be negative, e.g. "120.00"');

export const raiseDisputeBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000).describe('what the payee questions about the line'),
});

export const listDisputesQuery = z.strictObject({
  status: z.enum(DISPUTE_STATUSES).optional(),
  periodId: z.uuid().optional().describe('disputes on lines of this period'),
  ...pageQuery,
});

export const reviewDisputeBody = z.strictObject({}).optional();

export const resolveDisputeBody = z.strictObject({
  outcome: z.enum(['upheld', 'rejected']),
  amount: signedAmount
    .optional()
    .describe(
      'upheld only: the correction, booked as an adjustment in the plan’s next open period; zero or left out books none',
    ),
  note: z.string().trim().min(1).max(2000).describe('why, shown to the payee'),
});
export type ResolveDisputeInput = z.infer<typeof resolveDisputeBody>;

const money = z.string().describe('decimal string in the plan currency’s major unit');

export const disputeSchema = z.object({
  id: z.uuid(),
  status: z.enum(DISPUTE_STATUSES),
  reason: z.string(),
  planId: z.uuid(),
  periodId: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  payeeId: z.uuid(),
  payee: z.object({
    type: z.enum(['user', 'partner']),
    id: z.uuid(),
    name: z.string().nullable(),
  }),
  line: z.object({
    id: z.uuid(),
    lineNo: z.number().int(),
    kind: z.string(),
    amount: money,
    formula: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }),
  }),
  currency: z.string(),
  raisedBy: z.uuid(),
  raisedAt: z.string(),
  resolvedBy: z.uuid().nullable(),
  resolvedAt: z.string().nullable(),
  note: z.string().nullable(),
  adjustment: z
    .object({ id: z.uuid(), periodId: z.uuid(), periodStart: z.string(), amount: money })
    .nullable(),
  decisionId: z.uuid().nullable(),
});
export type DisputeView = z.infer<typeof disputeSchema>;
