import { z } from 'zod';
import { poolSchema } from '../ownership/pools.schema.js';

/** The longest window a report covers: a year and a bit, so a report stays one quick query. */
export const MAX_RANGE_DAYS = 400;

const day = z.iso.date().describe('YYYY-MM-DD, a date in the organisation’s time zone');

/**
 * A window of organisation-local dates, both inclusive. Without `from` a report starts 29 days before `to`;
 * without `to` it ends today.
 */
export const rangeFields = { from: day.optional(), to: day.optional() };

/** `from` after `to`, or a window longer than MAX_RANGE_DAYS: a problem named on `from`. */
export function checkRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (!q.from || !q.to) return;
  if (q.from > q.to)
    ctx.addIssue({
      code: 'custom',
      path: ['from'],
      message: 'must not be after to',
      params: { problem: 'after_to' },
    });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_RANGE_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['from'],
      message: `must be at most ${MAX_RANGE_DAYS} days before to`,
      params: { problem: 'range_too_long' },
    });
}

export const reportRangeQuery = z.strictObject(rangeFields).superRefine(checkRange);
export type ReportRangeQuery = z.infer<typeof reportRangeQuery>;

const count = z.number().int().min(0);

export const distributionRowSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  teamName: z.string().nullable(),
  received: count.describe('handed to them: admission, assignment, distribution, transfer'),
  claimed: count.describe('claimed from a pool'),
  released: count.describe('released by them or their manager'),
  recovered: count.describe('returned to a pool by a recovery rule'),
  held: count.describe('held now'),
});
export type DistributionRow = z.infer<typeof distributionRowSchema>;

/** A pool's claim rules, as the pools API shows them. */
export const poolRuleSchema = poolSchema
  .pick({
    name: true,
    kind: true,
    claimsPerDay: true,
    maxOwned: true,
    maxLocked: true,
    countWon: true,
    cooldownDays: true,
    embargoHours: true,
    version: true,
  })
  .extend({ poolId: z.uuid() });

export const recoveryRuleSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  trigger: z.enum(['no_follow_up', 'no_opportunity', 'not_won']),
  days: z.number().int(),
  grade: z.enum(['A', 'B', 'C']).nullable(),
  poolName: z.string(),
  version: z.number().int(),
});

export const distributionReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  rows: z.array(distributionRowSchema).describe('every active internal rep and manager; no customer details'),
  totals: distributionRowSchema.pick({
    received: true,
    claimed: true,
    released: true,
    recovered: true,
    held: true,
  }),
  pools: z.array(poolRuleSchema).describe('the claim rules in force'),
  recoveryRules: z.array(recoveryRuleSummarySchema).describe('the active recovery rules'),
});
export type DistributionReport = z.infer<typeof distributionReportSchema>;

export const OVERLAP_REASONS = [
  'non_owner_follow_up',
  'hands_changed',
  'transfer_or_request',
  'access_request',
  'duplicate_check',
] as const;
export type OverlapReason = (typeof OVERLAP_REASONS)[number];

export const overlapWeekSchema = z.object({
  week: z.iso.date().describe('the Monday the week starts, organisation-local'),
  overlapping: count,
  active: count.describe('accounts with any activity: follow-ups, claims, access requests'),
  rate: z.number().min(0).max(1),
});

export const overlapReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  overlapping: count,
  active: count,
  rate: z.number().min(0).max(1),
  byReason: z.record(z.enum(OVERLAP_REASONS), count),
  weeks: z.array(overlapWeekSchema),
  accounts: z
    .array(
      z.object({
        id: z.uuid(),
        legalName: z.string(),
        reasons: z.array(z.enum(OVERLAP_REASONS)),
        events: count,
      }),
    )
    .describe('the 100 overlapping accounts with the most events'),
});
export type OverlapReport = z.infer<typeof overlapReportSchema>;

export const kpisSchema = z.object({
  timeZone: z.string(),
  expiring: z.object({
    overdue: count.describe('past their deadline, not yet swept'),
    within3: count,
    within7: count,
    within30: count,
    byDay: z.array(z.object({ day: z.iso.date(), count })).describe('the next 30 days'),
  }),
  pools: z.array(z.object({ poolId: z.uuid(), name: z.string(), size: count })),
  flow: z
    .array(z.object({ day: z.iso.date(), in: count, out: count }))
    .describe('accounts entering and leaving pools per day, the last 30 days'),
  releaseToClaim: z.object({
    medianHours: z.number().nullable(),
    pairs: count.describe('pool stays ended by a claim in the last 90 days'),
  }),
});
export type Kpis = z.infer<typeof kpisSchema>;
