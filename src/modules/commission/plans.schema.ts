import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { planRules } from './rules.js';
import { targetInput, targetSchema } from './targets.schema.js';

/**
 * Commission plans and their versions in the API. A plan's rules live in effective-dated versions: version 1
 * is the plan as first written, later versions are amendments (补充协议) with a reason. Every version is a
 * draft until someone other than its author publishes (or rejects) it; published versions never change.
 */

export const PLAN_CODE = /^[A-Za-z0-9_.-]{1,40}$/;
export const AMENDMENT_REASONS = [
  'force_majeure',
  'market_change',
  'arbitration',
  'correction',
  'other',
] as const;
export const REASON_CODES = ['initial', ...AMENDMENT_REASONS] as const;
export const VERSION_STATUSES = ['draft', 'published', 'rejected'] as const;

export const createPlanBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(PLAN_CODE, { message: 'use 1–40 letters, digits, “_”, “.” or “-”' })
    .describe('unique short code, e.g. "SALES-2026"'),
  name: z.string().trim().min(1).max(200),
  payeeType: z.enum(['user', 'partner']).describe('who the plan pays: internal people or partners'),
  effectiveFrom: z.iso.date().describe('the first day version 1 applies to'),
  rules: planRules,
});
export type CreatePlanInput = z.infer<typeof createPlanBody>;

export const amendBody = z.strictObject({
  effectiveFrom: z.iso
    .date()
    .describe(
      'the first day the amendment applies to: not before version 1, and not strictly inside a locked or paid period (its first day is allowed: that period is recalculated with adjustment lines)',
    ),
  rules: planRules,
  reasonCode: z.enum(AMENDMENT_REASONS),
  reasonNote: z.string().trim().min(1).max(2000),
  targets: z
    .array(targetInput)
    .max(5000)
    .optional()
    .describe('targets this amendment sets (same rules as PUT …/targets)'),
});
export type AmendInput = z.infer<typeof amendBody>;

export const decideBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });

export const versionParams = z.strictObject({ id: z.uuid(), versionId: z.uuid() });

export const listPlansQuery = z.strictObject({
  status: z.enum(['draft', 'active', 'retired']).optional(),
  ...pageQuery,
});
export type ListPlansQuery = z.infer<typeof listPlansQuery>;

const person = z
  .object({ id: z.uuid(), name: z.string() })
  .nullable()
  .describe('null where nobody is named, or the reader may not see that person');

export const warningSchema = z
  .object({ code: z.string(), params: z.record(z.string(), z.unknown()) })
  .describe(
    'a warning found when the version was saved, e.g. plan.target_above_history {payeeId, periodStart, target, best, bestPeriodStart, ratio}',
  );

export const versionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  status: z.enum(VERSION_STATUSES),
  reasonCode: z.enum(REASON_CODES).nullable(),
  reasonNote: z.string().nullable(),
  rules: planRules,
  warnings: z.array(warningSchema).describe('only those about payees the caller may see'),
  targets: z.array(targetSchema).describe('the targets this version sets, for payees the caller may see'),
  createdBy: person,
  createdAt: z.string(),
  decidedBy: person,
  decidedAt: z.string().nullable(),
  decisionId: z.uuid().nullable(),
});
export type VersionView = z.infer<typeof versionSchema>;

export const planSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  payeeType: z.enum(['user', 'partner']),
  status: z.enum(['draft', 'active', 'retired']),
  currentVersion: z
    .number()
    .int()
    .nullable()
    .describe('the published version in force today (latest effective date on or before today)'),
  latestVersion: z.number().int(),
  payeeCount: z.number().int().describe('payees the caller may see'),
  createdAt: z.string(),
});
export type PlanView = z.infer<typeof planSchema>;

export const planDetailSchema = planSchema.extend({ versions: z.array(versionSchema) });
