import { z } from 'zod';
import { REGISTRATION_STATUSES } from '../../db/types.js';
import { checkRange, rangeFields } from './reports.schema.js';

/**
 * The channel report: deal registrations submitted in a window, per partner and in total. Statuses are the
 * registrations' as they stand now; a draft was never submitted and is not counted.
 */
export const SUBMITTED_STATUSES = REGISTRATION_STATUSES.filter((s) => s !== 'draft');
export type SubmittedStatus = (typeof SUBMITTED_STATUSES)[number];

/**
 * What makes a registration a conflict: refused because the customer was already someone else's (a direct
 * customer, a direct rep's recent follow-up, another registration's protection, the partner's own earlier
 * registration), or held for a reviewer because it looked like an account or a registration already there
 * (`LOOKALIKE_REVIEW`). Refusals for the deal's size or by a reviewer's judgement are not collisions.
 */
export const CONFLICT_REFUSALS = [
  'DIRECT_CUSTOMER',
  'RECENT_DIRECT_FOLLOW_UP',
  'PROTECTED_UNTIL',
  'DUPLICATE_OWN_REGISTRATION',
] as const;
export const CONFLICT_REASONS = [...CONFLICT_REFUSALS, 'LOOKALIKE_REVIEW'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

const channelFields = {
  ...rangeFields,
  partnerId: z.uuid().optional().describe('one partner only (out of sight: 404, as a missing one)'),
  tierId: z.uuid().optional().describe('partners of this tier only'),
};

export const channelReportQuery = z.strictObject(channelFields).superRefine(checkRange);
export type ChannelReportQuery = z.infer<typeof channelReportQuery>;

/** The export's query: the report's filters and the file's format and heading language. */
export const channelExportQuery = z
  .strictObject({
    ...channelFields,
    format: z.enum(['xlsx', 'csv']).default('xlsx').describe('Excel (default) or CSV (UTF-8 with BOM)'),
    lang: z.enum(['zh-CN', 'en']).default('zh-CN').describe('language of the column headings'),
  })
  .superRefine(checkRange);

const count = z.number().int().min(0);

export const ratioSchema = z.object({
  part: count,
  whole: count,
  rate: z
    .string()
    .nullable()
    .describe('part / whole as a decimal string with four places, rounded half up; null when whole is 0'),
});
export type Ratio = z.infer<typeof ratioSchema>;

const amountsSchema = z
  .array(z.object({ currency: z.string(), amount: z.string().describe('exact decimal string') }))
  .describe('summed per currency, never converted');

export const approvalTimeSchema = z.object({
  decided: count.describe('registrations approved or rejected, the times below are theirs'),
  medianHours: z.number().nullable().describe('submitted → decided, hours, two decimals'),
  p90Hours: z.number().nullable(),
});

const figures = {
  submitted: count,
  byStatus: z.record(z.enum(SUBMITTED_STATUSES), count).describe('where the submitted ones stand now'),
  approved: count.describe('approved, whatever became of them since (won, lost, expired, withdrawn)'),
  rejected: count,
  approvalRate: ratioSchema.describe('approved / (approved + rejected)'),
  won: count,
  lost: count,
  winRate: ratioSchema.describe('won / (won + lost)'),
  conflicts: count,
  conflictRate: ratioSchema.describe('conflicts / submitted'),
  registered: amountsSchema,
  wonAmount: amountsSchema,
  approvalTime: approvalTimeSchema,
};

export const scorecardSchema = z.object({
  partnerId: z.uuid(),
  name: z.string(),
  tier: z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  ...figures,
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const channelReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  totals: z.object({ ...figures, conflictsByReason: z.record(z.enum(CONFLICT_REASONS), count) }),
  partners: z
    .array(scorecardSchema)
    .describe('a scorecard per partner in sight with registrations submitted in the window'),
});
export type ChannelReport = z.infer<typeof channelReportSchema>;
