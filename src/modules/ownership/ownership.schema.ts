import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';

/** Why an owner named in an imported file is not honoured; the row is imported with the importer as owner. */
export const FILE_OWNER_PROBLEMS = ['OWNER_UNKNOWN', 'OWNER_INACTIVE', 'OWNER_NOT_ALLOWED'] as const;
export type FileOwnerProblem = (typeof FILE_OWNER_PROBLEMS)[number];

export const HOLDER_TYPES = ['user', 'team', 'partner', 'pool'] as const;
export const CLAIM_KINDS = ['protected', 'long_term', 'locked', 'queued', 'pooled'] as const;
export const TEAM_ROLES = [
  'assisting_rep',
  'product_specialist',
  'key_account_manager',
  'former_owner',
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const holder = z.object({
  type: z.enum(HOLDER_TYPES),
  id: z.string(),
  name: z.string().nullable().describe('null where the caller may not see who it is'),
});

export const deadlineSchema = z.object({
  endsAt: z
    .string()
    .describe('the instant the protection ends: the start of returnsOn in the organisation’s zone'),
  returnsOn: z.string().describe('the organisation-local date the customer returns to the pool'),
  poolId: z.uuid(),
  poolName: z.string().nullable(),
  ruleId: z.uuid(),
  ruleName: z.string(),
  trigger: z.enum(['no_follow_up', 'no_opportunity', 'not_won']),
  days: z.number().int(),
  anchor: z
    .string()
    .describe('what the count started from: the claim, the last counted follow-up or opportunity'),
  anchorKind: z.enum(['claim', 'follow_up', 'opportunity']),
  expired: z.boolean().describe('the deadline has passed; the sweep has not yet moved the customer'),
  daysLeft: z.number().int().describe('organisation-local days until returnsOn (0 or less: expired)'),
});
export type DeadlineView = z.infer<typeof deadlineSchema>;

export const claimSchema = z.object({
  id: z.uuid(),
  holder,
  kind: z.enum(CLAIM_KINDS),
  via: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  decisionId: z.uuid().nullable(),
  madeBy: holder.nullable(),
});
export type ClaimView = z.infer<typeof claimSchema>;

export const teamMemberSchema = z.object({
  userId: z.uuid(),
  name: z.string().nullable(),
  role: z.enum(TEAM_ROLES),
  creditBp: z.number().int().describe('default credit share in basis points (10000 = 100 %)'),
  until: z
    .string()
    .nullable()
    .describe('the organisation-local date (YYYY-MM-DD) the member leaves the team'),
});

export const ownershipSchema = z.object({
  accountId: z.uuid(),
  current: claimSchema.nullable(),
  deadline: deadlineSchema.nullable(),
  team: z.array(teamMemberSchema),
  history: z.array(claimSchema).describe('newest first'),
});
export type OwnershipView = z.infer<typeof ownershipSchema>;

export const reasonText = z.string().trim().min(1).max(1000);

export const releaseBody = z.strictObject({
  poolId: z.uuid().optional().describe('default: the pool the customer’s recovery rule returns it to'),
  reason: reasonText,
});
export const lockBody = z.strictObject({ reason: reasonText.optional() });

/** Where handed-over customers go: a person, each one's owner's manager, or a pool. */
export const handoverTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), userId: z.uuid() }),
  z.strictObject({ type: z.literal('manager') }).describe('each customer to its current owner’s manager'),
  z.strictObject({ type: z.literal('pool'), poolId: z.uuid() }),
  z
    .strictObject({ type: z.literal('rule') })
    .describe(
      'each customer where the published assignment rules send it on transfer, its former owner passed by; ' +
        'refused (400, to: no_rule) when no rule takes one',
    ),
]);

export const transferBody = z.strictObject({
  accountIds: z.array(z.uuid()).min(1).max(1000),
  to: handoverTarget,
  note: reasonText.describe('the handover note'),
  keepFormerUntil: z.iso
    .date()
    .optional()
    .describe('keep the former owner on the account team (read-only) until this date'),
});
export type TransferInput = z.infer<typeof transferBody>;

export const teamBody = z.strictObject({
  members: z
    .array(
      z.strictObject({
        userId: z.uuid(),
        role: z.enum(TEAM_ROLES),
        creditBp: z.number().int().min(0).max(10_000).default(0),
        until: z.iso.date().nullable().default(null),
      }),
    )
    .max(50),
  reason: reasonText.optional(),
});
export type TeamInput = z.infer<typeof teamBody>;

export const mineQuery = z.strictObject({ ...pageQuery });

export const myCustomerSchema = z.object({
  id: z.uuid(),
  legalName: z.string(),
  regionCode: z.string().nullable(),
  grade: z.enum(['A', 'B', 'C']).nullable(),
  kind: z.enum(CLAIM_KINDS),
  startedAt: z.string(),
  deadline: deadlineSchema.nullable(),
});

export const recoveryRuleBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(10_000),
  scope: z.enum(['pool', 'global']).default('pool').describe('pool: customers within the pool’s scope'),
  poolId: z.uuid().describe('the pool the customer returns to'),
  trigger: z.enum(['no_follow_up', 'no_opportunity', 'not_won']),
  days: z.number().int().min(1).max(3650),
  grade: z.enum(['A', 'B', 'C']).nullable().default(null),
  followUpKinds: z
    .array(z.enum(['call', 'visit', 'meeting', 'email', 'message']))
    .max(5)
    .default([]),
  minSpacingHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .default(0),
  remindDays: z.array(z.number().int().min(0).max(365)).max(10).default([7, 3, 1]),
  escalateDays: z.number().int().min(0).max(365).nullable().default(null),
  exemptWon: z.boolean().default(true),
  exemptOpenOpportunity: z.boolean().default(true),
  active: z.boolean().default(true),
});
export type RecoveryRuleInput = z.infer<typeof recoveryRuleBody>;
export const recoveryRulePatch = recoveryRuleBody.partial().strict();
export type RecoveryRulePatch = z.infer<typeof recoveryRulePatch>;
export const recoveryRuleSchema = recoveryRuleBody.extend({
  id: z.uuid(),
  version: z.number().int(),
  poolName: z.string().nullable(),
});
export type RecoveryRuleView = z.infer<typeof recoveryRuleSchema>;
export const savedRecoveryRuleSchema = recoveryRuleSchema.extend({
  redateJobId: z.uuid().describe('the job recomputing deadlines under the rules as saved'),
});
export const redateSchema = z.object({
  jobId: z.uuid(),
  status: z.string().describe('queued, running, done, failed or dead'),
  done: z.number().int().describe('protected customers re-dated so far'),
  total: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const groupSchema = z.object({
  accountId: z.uuid(),
  members: z.array(
    z.object({
      id: z.uuid().nullable().describe('null: a member the caller may not see'),
      legalName: z.string().nullable(),
      depth: z.number().int().describe('0: the group’s parent'),
      holder: z.enum(['user', 'pool', 'partner', 'none']),
      ownerName: z.string().nullable(),
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
    }),
  ),
  hidden: z.number().int().describe('members out of the caller’s sight'),
  teamsHolding: z.number().int(),
  split: z.boolean().describe('different teams hold parts of the group'),
});
export type GroupView = z.infer<typeof groupSchema>;
