import { z } from 'zod';
import { CASE_KINDS, CASE_OUTCOMES, CASE_STATUSES } from '../../db/types.js';
import { pageQuery } from '../../http/pagination.js';

export { CASE_KINDS, CASE_OUTCOMES, CASE_STATUSES };
export type { CaseKind, CaseOutcome, CaseStatus } from '../../db/types.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the timeline shows: each step of the case, dated. */
export const CASE_EVENT_KINDS = ['opened', 'taken_up', 'escalated', 'decided', 'withdrawn'] as const;

export const disputeBody = z.strictObject({
  registrationId: z.uuid().describe('the partner’s own refused registration'),
  reason: text(2000).describe('why the refusal is wrong, for the channel manager'),
});
export type DisputeInput = z.infer<typeof disputeBody>;

export const raiseBody = z.strictObject({
  registrationId: z.uuid().describe('the registration the case is about'),
  reason: text(2000),
});
export type RaiseInput = z.infer<typeof raiseBody>;

export const decideBody = z.strictObject({
  outcome: z
    .enum(CASE_OUTCOMES)
    .describe(
      'partner_wins: the claiming registration is approved and protected, the customer moves to its partner; ' +
        'direct_wins: whoever holds the customer keeps it, the registration stays refused; dismissed: nothing changes',
    ),
  reason: text(2000).describe('shown to both parties with the outcome'),
});
export type DecideInput = z.infer<typeof decideBody>;

export const withdrawBody = z.strictObject({ reason: text(1000).optional() });

export const listCasesQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: open or under review'),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: open cases past a due instant'),
  ...pageQuery,
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

const activity = z.object({
  count: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
});

/**
 * One side of a case as the evidence stood when it opened: the claiming registration, the registration
 * holding the customer, or the direct owner. Each party reads only its own side.
 */
export const caseSideSchema = z.object({
  type: z.enum(['registration', 'direct', 'partner_hold']),
  registrationId: z.uuid().nullable(),
  partner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  owner: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  account: z.object({ id: z.uuid(), legalName: z.string() }).nullable(),
  createdAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  holdsSince: z.string().nullable().describe('when this side’s hold on the customer started'),
  protectedUntil: z.string().nullable(),
  amount: z.string().nullable().describe('decimal string in the currency’s major unit'),
  currency: z.string().nullable(),
  refusalCode: z.string().nullable(),
  followUps: activity,
  quotes: activity,
});
export type CaseSideView = z.infer<typeof caseSideSchema>;

export const caseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  /** Which side the reader stands on: the channel reads both. */
  viewer: z.enum(['channel', 'claimant', 'holder']),
  registrationId: z
    .uuid()
    .nullable()
    .describe('the reader’s own registration in the case (the channel: the claimant’s)'),
  refusalCode: z.string().nullable(),
  reason: z
    .string()
    .nullable()
    .describe('why the case was opened (a dispute’s reason to its partner and the channel)'),
  claimant: caseSideSchema.nullable(),
  holder: caseSideSchema.nullable(),
  match: z
    .object({ decisionId: z.uuid().nullable(), codes: z.array(z.string()) })
    .nullable()
    .describe('the matching decision that refused the registration (the channel only)'),
  timeZone: z.string().describe('the organisation’s time zone, in which the due instants are shown'),
  respondBy: z.string(),
  decideBy: z.string(),
  firstResponseAt: z.string().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionId: z.uuid().nullable().describe('the channel only'),
  timeline: z.array(z.object({ kind: z.enum(CASE_EVENT_KINDS), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof caseSchema>;

export const caseSettingsSchema = z.strictObject({
  responseHours: z.number().int().min(1).max(8760).describe('hours from opening to a first response'),
  decisionHours: z.number().int().min(1).max(8760).describe('hours from opening to a decision'),
  openOnCollision: z.boolean().describe('a refusal by collision opens a case by itself'),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;
export const updateCaseSettingsBody = caseSettingsSchema.partial();
