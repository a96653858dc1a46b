import { z } from 'zod';

/**
 * Every event the product emits, with its payload schema: the contract webhooks and notifications read.
 * Events are facts for the outside world, apart from the audit trail (which records who changed what and
 * why). `w.emit` refuses a name that is not here and a payload that does not fit.
 */
const id = z.uuid();
export const EVENT_SCHEMAS = {
  'account.created': z.object({ accountId: id, ownerId: id.nullable() }),
  'account.updated': z.object({ accountId: id }),
  'account.merged': z.object({ survivorId: id, mergedId: id.nullable(), mergeId: id }),
  'account.unmerged': z.object({ survivorId: id, restoredId: id.nullable(), mergeId: id }),
  'account.archived': z.object({ accountId: id }),
  'account.restored': z.object({ accountId: id }),
  'import.analyzed': z.object({ importId: id }),
  'import.completed': z.object({ importId: id }),
  'import.failed': z.object({ importId: id }),
  'user.created': z.object({ userId: id }),
  'user.updated': z.object({ userId: id }),
  // A rep asked for a customer held out of its sight, or flagged it as theirs; then someone settled it.
  // A grant moves the customer in the same transaction (`ownership.changed` via `request` goes out too).
  'access_request.created': z.object({
    requestId: id,
    accountId: id,
    requesterId: id,
    kind: z.enum(['access', 'conflict']),
  }),
  'access_request.decided': z.object({
    requestId: id,
    accountId: id,
    requesterId: id,
    decision: z.enum(['granted', 'denied']),
    ownershipChanged: z.boolean(),
    decisionId: id,
  }),
  'access_request.withdrawn': z.object({ requestId: id, accountId: id, requesterId: id }),
  // Every change of holder (claim, release, recovery, transfer, distribution, lock), and each reminder.
  'ownership.changed': z.object({
    accountId: id,
    fromUserId: id.nullable(),
    toUserId: id.nullable(),
    poolId: id.nullable(),
    via: z.string(),
    decisionId: id,
  }),
  'ownership.reminder': z.object({
    accountId: id,
    userId: id,
    returnsOn: z.string(),
    escalated: z.boolean(),
  }),
  // A rule set went live; the ownership module may reassign what its what-if named.
  'assignment.rule_set_published': z.object({
    ruleSetId: id,
    version: z.number().int(),
    retiredId: id.nullable(),
  }),
  // Activities. A follow-up by someone other than the owner is also an overlap: another party touched the
  // customer. Amounts travel as strings of minor units.
  'follow_up.logged': z.object({ followUpId: id, accountId: id, userId: id, byOwner: z.boolean() }),
  'follow_up.overlap': z.object({ followUpId: id, accountId: id, userId: id, ownerId: id.nullable() }),
  'opportunity.created': z.object({ opportunityId: id, accountId: id, ownerId: id.nullable() }),
  'opportunity.won': z.object({
    opportunityId: id,
    accountId: id,
    ownerId: id.nullable(),
    amountMinor: z.string().regex(/^\d+$/),
    currency: z.string().length(3),
  }),
  'opportunity.lost': z.object({
    opportunityId: id,
    accountId: id,
    ownerId: id.nullable(),
    reason: z.string(),
  }),
  'quote.sent': z.object({ quoteId: id, opportunityId: id, accountId: id }),
  'overlap.quote_concurrent': z.object({
    alertId: id,
    accountId: id,
    otherAccountId: id,
    quoteId: id,
    otherQuoteId: id,
  }),
  // Channel partners: every lifecycle step, and registration rights lost or regained.
  'partner.status_changed': z.object({
    partnerId: id,
    from: z.string().nullable(),
    to: z.string(),
    decisionId: id,
  }),
  'partner.registration_suspended': z.object({ partnerId: id, reason: z.string(), decisionId: id }),
  'partner.registration_restored': z.object({ partnerId: id, decisionId: id }),
  // Deal registration: every submission and verdict (screening's or a reviewer's), extensions, the end of a
  // protection and how the deal closed, and the warnings before a protection ends. `code` is the refusal
  // code of a rejection; dates are organisation-local.
  'registration.submitted': z.object({
    registrationId: id,
    partnerId: id,
    resubmitted: z.boolean(),
    decisionId: id,
  }),
  'registration.decided': z.object({
    registrationId: id,
    partnerId: id,
    verdict: z.enum(['approved', 'step_approved', 'rejected', 'returned']),
    automatic: z.boolean(),
    code: z.string().nullable(),
    protectedUntil: z.string().nullable(),
    decisionId: id,
  }),
  'registration.withdrawn': z.object({ registrationId: id, partnerId: id, decisionId: id }),
  'registration.extension_requested': z.object({ registrationId: id, partnerId: id, days: z.number().int() }),
  'registration.extension_decided': z.object({
    registrationId: id,
    partnerId: id,
    approved: z.boolean(),
    protectedUntil: z.string(),
    decisionId: id,
  }),
  'registration.expiring': z.object({
    registrationId: id,
    partnerId: id,
    protectedUntil: z.string(),
    daysLeft: z.number().int(),
  }),
  'registration.expired': z.object({
    registrationId: id,
    partnerId: id,
    accountId: id.nullable(),
    decisionId: id,
  }),
  'registration.won': z.object({ registrationId: id, partnerId: id, accountId: id, decisionId: id }),
  'registration.lost': z.object({
    registrationId: id,
    partnerId: id,
    accountId: id.nullable(),
    decisionId: id,
  }),
  // Conflict cases: opened (by a collision, a partner's dispute or the channel), taken up, escalated past
  // its SLA, decided (with the outcome applied in the same transaction) or withdrawn.
  'case.opened': z.object({
    caseId: id,
    registrationId: id,
    partnerId: id,
    kind: z.enum(['collision', 'dispute', 'raised']),
  }),
  'case.taken_up': z.object({ caseId: id, registrationId: id }),
  'case.escalated': z.object({ caseId: id, registrationId: id, to: z.array(id) }),
  'case.decided': z.object({
    caseId: id,
    registrationId: id,
    outcome: z.enum(['partner_wins', 'direct_wins', 'dismissed']),
    decisionId: id,
  }),
  'case.withdrawn': z.object({ caseId: id, registrationId: id }),
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventPayload<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
export const EVENT_NAMES = Object.keys(EVENT_SCHEMAS) as EventName[];

/** A subscriber runs inside the dispatching transaction, in a savepoint: its writes stand or fall with it. */
export type EventSubscriber = (event: { id: string; name: EventName; payload: unknown }) => Promise<void>;

export function checkEventPayload<N extends EventName>(name: N, payload: EventPayload<N>): EventPayload<N> {
  const schema = EVENT_SCHEMAS[name] as unknown as z.ZodType<EventPayload<N>> | undefined;
  if (!schema) throw new Error(`unknown event ${String(name)}`);
  return schema.parse(payload);
}

/** How long delivered (and dead) events are kept before the purge removes them. */
export const EVENT_RETENTION_DAYS = { delivered: 7, dead: 30 } as const;
