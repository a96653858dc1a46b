import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { PRIORITY_MEASURES } from './priority.js';

export const POOL_KINDS = ['new', 'returned', 'general'] as const;
const regionCode = z.string().regex(/^\d{6}$/, 'a GB/T 2260 code: six digits');
const limit = z.number().int().min(0).max(100_000).nullable();

const priorityFields = {
  hours: z
    .number()
    .int()
    .min(1)
    .max(720)
    .describe('how long after a customer enters the pool the window lasts'),
  measure: z
    .enum(PRIORITY_MEASURES)
    .describe('what ranks members, over the previous calendar month in the organisation’s time zone'),
  topN: z.number().int().min(1).max(10_000).nullable().describe('members ranked this high or better qualify'),
  topPercent: z.number().int().min(1).max(100).nullable().describe('or: the top per cent of the members'),
};
export const priorityWindowSchema = z
  .strictObject({
    ...priorityFields,
    topN: priorityFields.topN.default(null),
    topPercent: priorityFields.topPercent.default(null),
  })
  .refine((w) => (w.topN === null) !== (w.topPercent === null), {
    message: 'give exactly one of topN and topPercent',
    path: ['topN'],
  })
  .describe(
    'only members ranked highest may claim a newly pooled customer for a while (refused: POOL_PRIORITY_WINDOW)',
  );

export const poolBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(POOL_KINDS).default('general').describe('new leads, returned customers, or both'),
  regionCodes: z
    .array(regionCode)
    .max(200)
    .default([])
    .describe('customers under these divisions; empty: all'),
  excludedRegionCodes: z.array(regionCode).max(200).default([]),
  teamId: z.uuid().nullable().default(null).describe('serves this team’s subtree (its holders and members)'),
  productLine: z.string().trim().max(100).nullable().default(null),
  adminIds: z.array(z.uuid()).max(50).default([]).describe('may distribute from the pool, besides sales ops'),
  memberTeamIds: z.array(z.uuid()).max(200).default([]).describe('who may claim; empty: every internal user'),
  claimsPerDay: limit
    .default(null)
    .describe('claims per person per day, reset at the organisation’s midnight'),
  maxOwned: limit.default(null).describe('customers a person may hold (owned, not locked) to claim more'),
  maxLocked: limit.default(null).describe('locked customers a person may hold to claim more'),
  countWon: z.boolean().default(false).describe('whether won customers count toward maxOwned'),
  cooldownDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(0)
    .describe('before a former holder may claim again'),
  embargoHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .default(0)
    .describe('before a newly pooled customer may be claimed'),
  dailyViewCap: limit.default(null).describe('pool records a person may open per day'),
  maskContacts: z.boolean().default(true).describe('hide phones and e-mails until claimed'),
  priorityWindow: priorityWindowSchema.nullable().default(null),
});
export type PoolInput = z.infer<typeof poolBody>;
export const poolPatch = poolBody.partial().strict();
export type PoolPatch = z.infer<typeof poolPatch>;

export const poolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(POOL_KINDS),
  regionCodes: z.array(z.string()),
  excludedRegionCodes: z.array(z.string()),
  teamId: z.uuid().nullable(),
  productLine: z.string().nullable(),
  adminIds: z.array(z.uuid()),
  memberTeamIds: z.array(z.uuid()),
  claimsPerDay: z.number().int().nullable(),
  maxOwned: z.number().int().nullable(),
  maxLocked: z.number().int().nullable(),
  countWon: z.boolean(),
  cooldownDays: z.number().int(),
  embargoHours: z.number().int(),
  dailyViewCap: z.number().int().nullable(),
  maskContacts: z.boolean(),
  priorityWindow: z.object(priorityFields).nullable(),
  version: z.number().int(),
  size: z.number().int().describe('customers in the pool now'),
  member: z.boolean().describe('the caller may claim from it'),
  admin: z.boolean().describe('the caller may distribute from it'),
});
export type PoolView = z.infer<typeof poolSchema>;

export const poolAccountsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('part of the name'),
  regionCode: regionCode.optional(),
  ...pageQuery,
});
export type PoolAccountsQuery = z.infer<typeof poolAccountsQuery>;

export const pooledAccountSchema = z.object({
  id: z.uuid(),
  legalName: z.string(),
  regionCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  grade: z.enum(['A', 'B', 'C']).nullable(),
  pooledAt: z.string(),
  claimableFrom: z.string().describe('when the embargo ends (the pooling time when there is none)'),
  priorityUntil: z
    .string()
    .nullable()
    .describe('until then only the members ranked highest may claim it (null: no window)'),
  formerHolder: z.boolean().describe('the caller held it before (a cool-down may apply)'),
  phones: z.array(z.string()).describe('masked (138****5678) unless the pool shows contacts'),
  emails: z.array(z.string()),
});
export type PooledAccountView = z.infer<typeof pooledAccountSchema>;

export const claimBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export const distributeBody = z.strictObject({
  accountIds: z.array(z.uuid()).min(1).max(500),
  userId: z.uuid(),
  note: z.string().trim().max(500).optional(),
});
export type DistributeInput = z.infer<typeof distributeBody>;
