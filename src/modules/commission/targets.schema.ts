import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';

/**
 * Targets per payee and period, and the index values dynamic targets follow.
 *
 * In the API a target is a decimal string ≥ 0: in the plan currency's major unit ("5000000.00") for money
 * measures, a whole number of units for measure `units`. Stored (`commission_targets.target`, numeric) as an
 * integer in the currency's MINOR unit for money measures, as units for `units` — so the calculation
 * compares like with like (credit lines are in minor units) without converting.
 */

const DECIMAL = /^\d{1,15}(\.\d{1,8})?$/;

export const targetText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .superRefine((value, ctx) => {
    if (value.startsWith('-'))
      ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { problem: 'negative' } });
    else if (!DECIMAL.test(value))
      ctx.addIssue({
        code: 'custom',
        message: 'is not a decimal amount',
        params: { problem: 'invalid_amount' },
      });
  })
  .describe(
    'a decimal string ≥ 0: the plan currency’s major unit for money measures ("5000000.00"), whole units for measure units',
  );

export const targetInput = z.strictObject({
  payeeId: z.uuid(),
  periodStart: z.iso.date().describe('the first day of one of the plan’s periods'),
  target: targetText,
});
export type TargetInput = z.infer<typeof targetInput>;

export const putTargetsBody = z.strictObject({
  versionId: z.uuid().describe('a draft version of the plan'),
  targets: z.array(targetInput).min(1).max(5000),
});

export const targetSchema = z.object({
  payeeId: z.uuid(),
  periodStart: z.string(),
  target: z.string().describe('major unit for money measures, units for measure units'),
});
export type TargetView = z.infer<typeof targetSchema>;

export const INDEX_CODE = /^[A-Za-z0-9_.-]{1,40}$/;

export const indexParams = z.strictObject({
  code: z.string().regex(INDEX_CODE, { message: 'use 1–40 letters, digits, “_”, “.” or “-”' }),
  periodStart: z.iso.date().describe('the first day of a month'),
});

export const indexBody = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,8})?$/, { message: 'is not a decimal such as "103.2"' })
    .describe('the index value, a decimal string greater than zero'),
});

export const indexSchema = z.object({
  code: z.string(),
  periodStart: z.string(),
  value: z.string(),
  setAt: z.string(),
});

export const listIndexesQuery = z.strictObject({
  code: z.string().regex(INDEX_CODE).optional(),
  ...pageQuery,
});
