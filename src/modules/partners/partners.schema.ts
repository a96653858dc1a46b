import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { optionalPhoneText } from '../matching/phone.schema.js';

export const PARTNER_STATUSES = ['applicant', 'onboarding', 'active', 'suspended', 'terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export const PARTNER_USER_ROLES = ['partner_admin', 'partner_user'] as const;

const reason = z.string().trim().min(1).max(1000);
const name = z.string().trim().min(1).max(200);
const uscc = z.string().trim().min(1).max(40);
const website = z.string().trim().min(1).max(200);
const regionCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code');

/** The company and its contact: what a partner is admitted by (the identity engine reads the company). */
const company = {
  legalName: name.describe('the company’s registered name'),
  uscc: uscc.nullable().optional().describe('unified social credit code (统一社会信用代码)'),
  website: website.nullable().optional(),
  phones: z.array(z.string().trim().min(1).max(40)).max(5).optional(),
  regionCode: regionCode.nullable().optional(),
  contactName: z.string().trim().min(1).max(100),
  contactEmail: z.email().max(200),
  contactPhone: optionalPhoneText(40),
};

export const createPartnerBody = z.strictObject({
  ...company,
  tierId: z.uuid().optional().describe('default: the lowest tier'),
  managerId: z.uuid().nullable().optional().describe('the channel manager; default: the caller'),
  confirm: z.strictObject({ reason }).optional().describe('create despite look-alike companies'),
});
export type CreatePartnerInput = z.infer<typeof createPartnerBody>;

export const applicationBody = z.strictObject({
  ...company,
  message: z.string().trim().max(2000).optional(),
});
export type ApplicationInput = z.infer<typeof applicationBody>;

export const applicationReply = z.object({
  status: z.literal('received').describe('the same answer whatever the company: we will be in touch'),
});

export const updatePartnerBody = z.strictObject({
  tierId: z.uuid().optional(),
  managerId: z.uuid().nullable().optional(),
  contactName: z.string().trim().min(1).max(100).nullable().optional(),
  contactEmail: z.email().max(200).nullable().optional(),
  contactPhone: optionalPhoneText(40),
  reason: reason.optional().describe('why (required when the tier changes)'),
});
export type UpdatePartnerInput = z.infer<typeof updatePartnerBody>;

export const handoverBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pool'), poolId: z.uuid() }),
  z.strictObject({ type: z.literal('team'), teamId: z.uuid() }),
  z.strictObject({ type: z.literal('user'), userId: z.uuid() }),
  z.strictObject({ type: z.literal('partner'), partnerId: z.uuid() }),
]);

export const statusBody = z.strictObject({
  to: z.enum(PARTNER_STATUSES),
  reason,
  handover: handoverBody
    .optional()
    .describe('terminating: where the partner’s open customers go (required when it holds any)'),
});
export type StatusInput = z.infer<typeof statusBody>;

export const checklistBody = z.strictObject({
  done: z.boolean(),
  note: z.string().trim().max(1000).optional(),
});

export const certificationBody = z.strictObject({
  typeId: z.uuid(),
  reference: z.string().trim().min(1).max(200).optional(),
  issuedOn: z.iso.date().optional(),
  expiresOn: z.iso.date(),
});
export type CertificationInput = z.infer<typeof certificationBody>;

export const inviteBody = z.strictObject({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, '3–64 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
  role: z.enum(PARTNER_USER_ROLES),
});
export type InviteInput = z.infer<typeof inviteBody>;

export const listPartnersQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(PARTNER_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListPartnersQuery = z.infer<typeof listPartnersQuery>;

export const tierSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  protectionDays: z.number().int(),
  autoApprove: z.object({
    maxAmountMinor: z.string().nullable().describe('integer minor units, as a string'),
    currency: z.string().nullable(),
    productLineIds: z.array(z.uuid()),
  }),
});
export type Tier = z.infer<typeof tierSchema>;

export const updateTierBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  protectionDays: z.number().int().min(1).max(3650).optional(),
  autoApprove: z
    .strictObject({
      maxAmountMinor: z
        .string()
        .regex(/^\d{1,18}$/, 'integer minor units')
        .nullable(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .nullable(),
      productLineIds: z.array(z.uuid()).max(100),
    })
    .optional(),
  reason: reason.optional(),
});
export type UpdateTierInput = z.infer<typeof updateTierBody>;

export const checklistItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  required: z.boolean(),
});

export const createChecklistItemBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(1000).default(0),
  required: z.boolean().default(true),
});
export type CreateChecklistItemInput = z.infer<typeof createChecklistItemBody>;

export const certificationTypeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  required: z.boolean(),
});

export const partnerSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid().describe('the company, as admitted by the identity engine'),
  name: z.string(),
  status: z.enum(PARTNER_STATUSES),
  statusChangedAt: z.string(),
  tierId: z.uuid(),
  tierCode: z.string(),
  managerId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  source: z.enum(['staff', 'application']),
  registrationRights: z.object({
    suspended: z.boolean(),
    since: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerDetailSchema = partnerSchema.extend({
  decisionId: z.uuid().nullable().describe('the admission decision (create only)').optional(),
  allowedTransitions: z.array(z.enum(PARTNER_STATUSES)),
  checklist: z.array(
    z.object({
      itemId: z.uuid(),
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      required: z.boolean(),
      doneAt: z.string().nullable(),
      doneBy: z.uuid().nullable(),
      note: z.string().nullable(),
    }),
  ),
  certifications: z.array(
    z.object({
      id: z.uuid(),
      typeId: z.uuid(),
      typeCode: z.string(),
      required: z.boolean(),
      reference: z.string().nullable(),
      issuedOn: z.string().nullable(),
      expiresOn: z.string(),
      lapsed: z.boolean(),
    }),
  ),
  history: z.array(
    z.object({
      from: z.enum(PARTNER_STATUSES).nullable(),
      to: z.enum(PARTNER_STATUSES),
      reason: z.string(),
      at: z.string(),
      by: z.uuid().nullable(),
      decisionId: z.uuid().nullable(),
    }),
  ),
});
export type PartnerDetail = z.infer<typeof partnerDetailSchema>;

export const statusReply = partnerDetailSchema.extend({
  handedOver: z.number().int().describe('customers handed over on termination'),
});

export const inviteReply = z.object({
  id: z.uuid(),
  login: z.string(),
  role: z.enum(PARTNER_USER_ROLES),
  partnerId: z.uuid(),
  generatedPassword: z.string().describe('shown once; the user must choose their own at first sign-in'),
});
