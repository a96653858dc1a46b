import { z } from 'zod';
import { REGISTRATION_STATUSES } from '../../db/types.js';
import { pageQuery } from '../../http/pagination.js';
import { checkAccountBody, createAccountBody } from '../accounts/accounts.schema.js';
import { amountText, currencyCode, moneyIssue } from '../activities/money.schema.js';
import { OPPORTUNITY_STAGES } from '../activities/opportunities.schema.js';

export { REGISTRATION_STATUSES };
export type { RegistrationStatus } from '../../db/types.js';

/**
 * Why a registration was refused, in words a partner can act on — and nothing about anyone else: never
 * which partner holds the customer, nor its deal. `OUTSIDE_TERRITORY` comes from the registration policy
 * port (the territories module's fence, wired in at merge); `REVIEWER_REJECTED` is a reviewer's refusal.
 */
export const REFUSAL_CODES = [
  'DIRECT_CUSTOMER',
  'PROTECTED_UNTIL',
  'DUPLICATE_OWN_REGISTRATION',
  'BELOW_MINIMUM',
  'RECENT_DIRECT_FOLLOW_UP',
  'OUTSIDE_TERRITORY',
  'REVIEWER_REJECTED',
  'CASE_DECIDED',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** The end customer, as the accounts module takes a new customer (no group links: the channel sets those). */
export const registrationCustomer = createAccountBody.omit({ confirm: true, parentId: true, isBranch: true });
export type RegistrationCustomer = z.infer<typeof registrationCustomer>;

const lineInput = z.strictObject({
  productId: z.uuid(),
  quantity: z.number().int().min(1).max(1_000_000),
  amount: amountText.describe('this line’s amount, a decimal string in the registration’s currency'),
});

const contactInput = z.strictObject({
  name: text(100),
  mobile: text(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  title: text(100).nullable().optional(),
});

const dealFields = {
  name: text(200).describe('what the deal is called'),
  currency: currencyCode,
  lines: z
    .array(lineInput)
    .min(1)
    .max(50)
    .describe('products with quantities and amounts; the amount is their sum'),
  expectedClose: z.iso.date().describe('an organisation-local date, today or later'),
  stage: z.enum(OPPORTUNITY_STAGES).default('qualify'),
  competitors: z.array(text(100)).max(20).default([]),
  customerContact: contactInput.nullable().optional(),
  note: text(2000).nullable().optional(),
};

function linesMoney(
  body: { lines?: { amount: string }[] | undefined; currency?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (!body.currency) return;
  body.lines?.forEach((l, i) => moneyIssue(ctx, l.amount, body.currency!, ['lines', i, 'amount']));
}

export const createRegistrationBody = z
  .strictObject({ customer: registrationCustomer, ...dealFields })
  .superRefine(linesMoney);
export type CreateRegistrationInput = z.infer<typeof createRegistrationBody>;

export const updateRegistrationBody = z
  .strictObject({
    customer: registrationCustomer.optional(),
    name: dealFields.name.optional(),
    currency: currencyCode.optional(),
    lines: dealFields.lines.optional(),
    expectedClose: dealFields.expectedClose.optional(),
    stage: z.enum(OPPORTUNITY_STAGES).optional(),
    competitors: z.array(text(100)).max(20).optional(),
    customerContact: contactInput.nullable().optional(),
    note: text(2000).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.lines === undefined) !== (body.currency === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.lines === undefined ? 'lines' : 'currency'],
        message: 'lines and their currency change together',
        params: { problem: 'required' },
      });
    linesMoney(body, ctx);
  });
export type UpdateRegistrationInput = z.infer<typeof updateRegistrationBody>;

export const reasonBody = z.strictObject({ reason: text(1000) });
/** Why a reviewer refuses a registration, as a code the partner reads in its language; the note says more. */
export const REVIEW_REJECTION_CODES = [
  'INSUFFICIENT_INFORMATION',
  'NOT_A_QUALIFIED_DEAL',
  'CUSTOMER_DECLINED_PARTNER',
  'CONFLICTS_WITH_EXISTING_DEAL',
  'OTHER',
] as const;
export type ReviewRejectionCode = (typeof REVIEW_REJECTION_CODES)[number];
export const rejectBody = reasonBody.extend({
  code: z
    .enum(REVIEW_REJECTION_CODES)
    .default('OTHER')
    .describe('the reason as a code; `reason` is the note'),
});
export const approveBody = z.strictObject({ note: text(1000).optional() });
export const extensionBody = z.strictObject({
  days: z.number().int().min(1).max(3650),
  reason: text(1000),
});
export const decideExtensionBody = z.strictObject({ approve: z.boolean(), reason: text(1000) });

/** The duplicate check's input (the accounts module's), and the product lines the partner would register. */
export const availabilityBody = checkAccountBody.extend({ productIds: z.array(z.uuid()).max(50).optional() });
export type AvailabilityInput = z.infer<typeof availabilityBody>;

export const listRegistrationsQuery = z.strictObject({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  queue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: waiting for a reviewer (submitted or resubmitted), oldest first'),
  ...pageQuery,
});
export type ListRegistrationsQuery = z.infer<typeof listRegistrationsQuery>;

const refusalSchema = z.object({
  code: z.enum(REFUSAL_CODES),
  until: z.string().nullable().describe('an organisation-local date, where the refusal has an end'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const registrationSchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  submittedBy: z.uuid(),
  status: z.enum(REGISTRATION_STATUSES),
  customer: registrationCustomer,
  accountId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
  name: z.string(),
  lines: z.array(
    z.object({
      productId: z.uuid(),
      productLineId: z.uuid(),
      quantity: z.number().int(),
      amount: z.string(),
    }),
  ),
  amount: z.string().describe('decimal string in the currency’s major unit'),
  currency: z.string(),
  expectedClose: z.string(),
  stage: z.enum(OPPORTUNITY_STAGES),
  competitors: z.array(z.string()),
  customerContact: contactInput.nullable(),
  note: z.string().nullable(),
  refusal: refusalSchema.nullable(),
  protectedUntil: z.string().nullable().describe('the last protected organisation-local date'),
  daysLeft: z.number().int().nullable().describe('protected days left, today included'),
  approvals: z.array(z.object({ by: z.uuid(), at: z.string() })),
  stepsRequired: z.number().int(),
  extension: z
    .object({
      days: z.number().int(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'declined']),
      requestedAt: z.string(),
    })
    .nullable(),
  decisionId: z.uuid().nullable().describe('the latest verdict; readable by the channel only'),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistrationView = z.infer<typeof registrationSchema>;

export const availabilitySchema = z.object({
  available: z.boolean(),
  refusal: refusalSchema.nullable(),
});

export const approvalStep = z.strictObject({
  fromMinor: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .describe('deal amounts from this many minor units up'),
  steps: z.number().int().min(1).max(5),
});

export const registrationSettingsSchema = z.strictObject({
  protectionScope: z.enum(['customer', 'customer_product_line']),
  currency: currencyCode.describe('the currency of the limits below'),
  autoApproveMax: amountText
    .nullable()
    .describe('up to this amount a clean registration needs no reviewer; null: always a reviewer'),
  minimumAmount: amountText,
  directFollowUpDays: z.number().int().min(0).max(3650),
  approvalSteps: z.array(approvalStep).min(1).max(10),
  extensionMaxDays: z.number().int().min(0).max(3650),
  lookupsPerMinute: z.number().int().min(1).max(1000),
  reminderDays: z
    .array(z.number().int().min(1).max(365))
    .max(5)
    .describe('days before a protection ends that the partner is warned, once each; [] warns never'),
  attachmentQuotaMiB: z
    .number()
    .int()
    .min(1)
    .max(1_048_576)
    .describe('what one partner may keep in registration attachments, all its registrations together'),
});
export type RegistrationSettings = z.infer<typeof registrationSettingsSchema>;
export const updateSettingsBody = registrationSettingsSchema.partial().superRefine((body, ctx) => {
  if (body.currency && body.autoApproveMax)
    moneyIssue(ctx, body.autoApproveMax, body.currency, ['autoApproveMax']);
  if (body.currency && body.minimumAmount)
    moneyIssue(ctx, body.minimumAmount, body.currency, ['minimumAmount']);
});

export const TIMELINE_ACTIONS = [
  'registration.created',
  'registration.updated',
  'registration.submitted',
  'registration.returned',
  'registration.approved',
  'registration.rejected',
  'registration.withdrawn',
  'registration.expired',
  'registration.won',
  'registration.lost',
  'registration.extension_requested',
  'registration.extension_decided',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export const timelineSchema = z.object({
  items: z.array(
    z.object({
      action: z.enum(TIMELINE_ACTIONS),
      at: z.string(),
      status: z.enum(REGISTRATION_STATUSES).nullable().describe('the status the step left'),
      protectedUntil: z.string().nullable(),
      stepsGiven: z
        .number()
        .int()
        .nullable()
        .describe('approval steps given after this step, where the step recorded them'),
      reason: z
        .string()
        .nullable()
        .describe('what the partner was told or said (a return’s question, a withdrawal, an extension)'),
      decisionId: z.uuid().nullable().describe('the decision behind the step; the channel’s to read only'),
    }),
  ),
});
export type Timeline = z.infer<typeof timelineSchema>;
