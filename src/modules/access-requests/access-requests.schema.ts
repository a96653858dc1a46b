import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';

export const ACCESS_REQUEST_KINDS = ['access', 'conflict'] as const;
export const ACCESS_REQUEST_STATUSES = ['open', 'granted', 'denied', 'withdrawn'] as const;
export const ACCESS_DECISIONS = ['grant', 'deny'] as const;
export type AccessRequestKind = (typeof ACCESS_REQUEST_KINDS)[number];
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
export type AccessDecision = (typeof ACCESS_DECISIONS)[number];

const note = z.string().trim().max(1000);
const person = z.object({ id: z.uuid(), displayName: z.string() });

export const createAccessRequestBody = z.strictObject({
  accountRef: z
    .string()
    .min(1)
    .max(512)
    .describe('the `accessRef` the duplicate check returned to this caller for a customer it may not see'),
  kind: z
    .enum(ACCESS_REQUEST_KINDS)
    .describe('access: let me work this customer; conflict: this customer is mine (I was first, I hold it)'),
  customerName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('the customer as the caller typed it: what the request is about, in the caller’s words'),
  note: note.optional(),
});
export type CreateAccessRequestInput = z.infer<typeof createAccessRequestBody>;

export const decideAccessRequestBody = z.strictObject({
  decision: z.enum(ACCESS_DECISIONS),
  note: note.optional().describe('the reason: shown to the requester and kept in the decision'),
  keepFormerUntil: z.iso
    .date()
    .optional()
    .describe('on a grant: keep the former owner on the account team, read-only, until this date'),
});
export type DecideAccessRequestInput = z.infer<typeof decideAccessRequestBody>;

export const listAccessRequestsQuery = z.strictObject({
  status: z.enum(ACCESS_REQUEST_STATUSES).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only the caller’s own requests'),
  ...pageQuery,
});
export type ListAccessRequestsQuery = z.infer<typeof listAccessRequestsQuery>;

export const accessRequestSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ACCESS_REQUEST_KINDS),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  customerName: z.string(),
  note: z.string().nullable(),
  requester: person.describe(
    'who asks: always shown to whoever may see the request, as it is addressed to them',
  ),
  mine: z.boolean().describe('the caller made this request (and may withdraw it while it is open)'),
  account: z
    .object({ id: z.uuid(), legalName: z.string(), owner: person.nullable() })
    .nullable()
    .describe(
      'the customer asked about, only for callers who may see it (never for the requester who may not)',
    ),
  decidedBy: person.nullable().describe('who decided, where the caller may see that user'),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decisionId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccessRequestView = z.infer<typeof accessRequestSchema>;

export const decidedAccessRequestSchema = z.object({
  request: accessRequestSchema,
  ownershipChanged: z
    .boolean()
    .describe(
      'a grant hands the customer to the requester in the same transaction (decision, audit, ' +
        '`ownership.changed` event, both sides notified); false for a denial, or when the customer cannot ' +
        'move (archived or merged away, requester inactive, requester already the owner)',
    ),
});
