import { z } from 'zod';
import { planRules } from './rules.js';

/** Payees on a plan, their sign-off (acknowledgement), and a payee's own view of its plans. */

export const addPayeeBody = z.strictObject({
  userId: z.uuid().optional().describe('an internal user, for a plan paying users'),
  partnerId: z.uuid().optional().describe('a partner, for a plan paying partners'),
  startDate: z.iso.date(),
  endDate: z.iso
    .date()
    .optional()
    .describe('the last day on the plan; mid-period joiners and leavers are prorated'),
});
export type AddPayeeInput = z.infer<typeof addPayeeBody>;

export const patchPayeeBody = z.strictObject({
  endDate: z.iso.date().nullable().describe('the last day on the plan; null: open-ended'),
});

export const payeeParams = z.strictObject({ id: z.uuid(), payeeId: z.uuid() });
export const payeeIdParams = z.strictObject({ payeeId: z.uuid() });

export const acknowledgeBody = z.strictObject({
  versionId: z.uuid().describe('the published version the payee read and accepts'),
});

export const payeeSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  payee: z.object({ type: z.enum(['user', 'partner']), id: z.uuid(), name: z.string() }),
  startDate: z.string(),
  endDate: z.string().nullable(),
  acknowledged: z
    .object({ versionId: z.uuid(), version: z.number().int(), at: z.string() })
    .nullable()
    .describe('the version the payee signed off, and when'),
  acknowledgedLatest: z
    .boolean()
    .describe('whether the payee signed off the latest published version (false while none is published)'),
});
export type PayeeView = z.infer<typeof payeeSchema>;

const versionRef = z.object({ id: z.uuid(), version: z.number().int(), effectiveFrom: z.string() });

export const myPlanSchema = z.object({
  planId: z.uuid(),
  code: z.string(),
  name: z.string(),
  payeeId: z.uuid(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  inForce: versionRef
    .extend({ rules: planRules })
    .nullable()
    .describe('the published version in force today'),
  latestPublished: versionRef.nullable(),
  acknowledged: payeeSchema.shape.acknowledged,
  acknowledgedLatest: z.boolean(),
  targets: z
    .array(z.object({ periodStart: z.string(), target: z.string(), versionId: z.uuid() }))
    .describe('per period, the target set by the latest published version that applies to it'),
});
