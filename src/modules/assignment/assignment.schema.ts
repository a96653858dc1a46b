import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { ACCOUNT_SIZES } from '../accounts/accounts.schema.js';

/**
 * Assignment rule sets: the API contract and the shapes the pure engine works on. A rule set is a list of
 * rules tried in order; a rule has conditions (all that are given must hold; within one, any value will
 * do) and a target. Rules carry a `key` that survives new versions, so a round-robin cursor keeps its place
 * when the set is republished.
 */

export const RULE_SET_STATUSES = ['draft', 'published', 'retired'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];
export const GROUP_CONDITIONS = ['any', 'group', 'standalone'] as const;
export const WEIGHT_SOURCES = ['manual', 'last_period'] as const;
export const ASSIGN_TRIGGERS = ['create', 'import', 'release', 'transfer'] as const;
export type AssignTrigger = (typeof ASSIGN_TRIGGERS)[number];

const code = z.string().trim().min(1).max(12);
const word = z.string().trim().min(1).max(50);
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max).default([]);

export const ruleConditionsSchema = z.strictObject({
  regions: list(code).describe('GB/T 2260 codes; a province or city stands for everything under it'),
  excludeRegions: list(code).describe('GB/T 2260 codes taken out of `regions` (or out of everywhere)'),
  industries: list(code).describe('GB/T 4754 section letters (A–T) or two-digit divisions'),
  sizes: list(z.enum(ACCOUNT_SIZES)),
  sources: list(word),
  tags: list(word).describe('the account carries any of these tags'),
  productLines: list(word).describe('free text until the product catalogue arrives'),
  group: z
    .enum(GROUP_CONDITIONS)
    .default('any')
    .describe('group: the account has a parent or subsidiaries; standalone: neither'),
  triggers: list(z.enum(ASSIGN_TRIGGERS)).describe(
    'the occasions the rule runs on; none listed: create, import and transfer. A released customer is ' +
      'routed only by rules that list release (otherwise it goes to its recovery rule’s pool)',
  ),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;
/** A rule without conditions: it matches every account. */
export const NO_CONDITIONS: RuleConditions = {
  regions: [],
  excludeRegions: [],
  industries: [],
  sizes: [],
  sources: [],
  tags: [],
  productLines: [],
  group: 'any',
  triggers: [],
};
/** The occasions a rule without a `triggers` condition runs on: release is opted into rule by rule. */
export const DEFAULT_TRIGGERS: readonly AssignTrigger[] = ['create', 'import', 'transfer'];

const teamPick = {
  teamId: z.uuid(),
  includeManagers: z
    .boolean()
    .default(false)
    .describe('besides the reps of the team and its sub-teams, their managers take accounts too'),
};

export const ruleTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), userId: z.uuid() }),
  z.strictObject({ type: z.literal('team_queue'), teamId: z.uuid() }),
  z.strictObject({ type: z.literal('round_robin'), ...teamPick }),
  z.strictObject({ type: z.literal('least_loaded'), ...teamPick }),
  z.strictObject({
    type: z.literal('weighted'),
    ...teamPick,
    weightSource: z.enum(WEIGHT_SOURCES),
    weights: z
      .array(z.strictObject({ userId: z.uuid(), weight: z.number().int().min(0).max(100) }))
      .max(200)
      .default([])
      .describe('manual: the weight of each rep (a team member left out weighs 0)'),
  }),
  z.strictObject({ type: z.literal('pool'), poolId: z.uuid() }),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;
export type TargetType = RuleTarget['type'];

export const ruleSchema = z.strictObject({
  key: z.uuid().optional().describe('kept across versions (and so is the rule’s cursor); new rules get one'),
  name: z.string().trim().min(1).max(100),
  conditions: ruleConditionsSchema.default(NO_CONDITIONS),
  target: ruleTargetSchema,
});
export type RuleInput = z.input<typeof ruleSchema>;
export type Rule = z.infer<typeof ruleSchema> & { key: string };

export const rulesBody = z.strictObject({ rules: z.array(ruleSchema).max(200) });
const keyAccountManagerFirst = z
  .boolean()
  .describe(
    'a group customer (one with a parent or subsidiaries) goes first to the key-account manager on the ' +
      'account team of the group’s topmost parent, when eligible; otherwise the rules run',
  );
export const saveRuleSetBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  rules: z.array(ruleSchema).max(200),
  keyAccountManagerFirst: keyAccountManagerFirst.optional().describe('unchanged when left out'),
});
export type SaveRuleSetInput = z.infer<typeof saveRuleSetBody>;
export const createRuleSetBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  basedOn: z.uuid().optional().describe('copy the rules of this set; by default, of the published one'),
});
export type CreateRuleSetInput = z.infer<typeof createRuleSetBody>;

const storedRule = ruleSchema.extend({ key: z.uuid() });
const person = z.object({ id: z.uuid(), displayName: z.string() });

export const ruleSetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(RULE_SET_STATUSES),
  version: z.number().int().nullable().describe('given at publishing; a draft has none'),
  rules: z.array(storedRule),
  keyAccountManagerFirst,
  createdBy: person.nullable(),
  publishedBy: person.nullable(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  decisionId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleSetView = z.infer<typeof ruleSetSchema>;

export const listRuleSetsQuery = z.strictObject({
  status: z.enum(RULE_SET_STATUSES).optional(),
  ...pageQuery,
});

export const validationSchema = z.object({ valid: z.literal(true), rules: z.number().int() });

const evidenceSchema: z.ZodType<{ code: string; params: Record<string, unknown> }> = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
});
const ruleRefSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  params: z.record(z.string(), z.unknown()),
});
export const targetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.uuid() }),
  z.object({ type: z.literal('team'), teamId: z.uuid() }),
  z.object({ type: z.literal('pool'), poolId: z.uuid() }),
]);

export const whatIfQuery = z.strictObject({ ...pageQuery });
const named = z.object({ id: z.uuid(), name: z.string() });
export const whatIfSchema = z.object({
  ruleSetId: z.uuid(),
  accounts: z.number().int().describe('active accounts the draft was run against'),
  skipped: z
    .object({ locked: z.number().int(), partner: z.number().int() })
    .describe('accounts the draft would move that stay where they are: locked, or held by a partner'),
  moves: z.object({
    items: z.array(
      z.object({
        account: named,
        from: targetSchema.nullable().describe('today’s holder; null for an account nobody holds'),
        to: targetSchema,
        fromName: z.string().nullable(),
        toName: z.string(),
        rule: ruleRefSchema.extend({ name: z.string() }),
        evidence: z.array(evidenceSchema),
      }),
    ),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  loads: z
    .array(z.object({ user: named, before: z.number().int(), after: z.number().int() }))
    .describe('open accounts each rep holds today and would hold after the moves; reps whose load changes'),
});
export type WhatIfView = z.infer<typeof whatIfSchema>;

export const absenceBody = z.strictObject({
  from: z.iso.date().describe('first day away, in the organisation’s calendar'),
  to: z.iso.date().describe('last day away (inclusive)'),
  note: z.string().trim().max(200).optional(),
});
export type AbsenceInput = z.infer<typeof absenceBody>;
export const absenceSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  from: z.string(),
  to: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const capacityBody = z.strictObject({
  maxAccounts: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .nullable()
    .describe('most open accounts the user may hold before rules pass them by; null: no limit'),
});
export const eligibilitySchema = z.object({
  userId: z.uuid(),
  maxAccounts: z.number().int().nullable(),
  held: z.number().int().describe('open accounts the user holds now'),
  absences: z.array(absenceSchema),
});
export type EligibilityView = z.infer<typeof eligibilitySchema>;
export const absenceParams = z.strictObject({ id: z.uuid(), absenceId: z.uuid() });

export const publishBody = z.strictObject({
  applyToExisting: z
    .boolean()
    .default(false)
    .describe(
      'also move existing accounts as the what-if shows (a background job; locked and partner-held ones ' +
        'stay); progress at GET …/rule-sets/:id/apply',
    ),
});

export const APPLY_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const applyQuery = z.strictObject({
  outcome: z.enum(['moved', 'skipped']).default('skipped'),
  ...pageQuery,
});
export const applySchema = z.object({
  id: z.uuid(),
  ruleSetId: z.uuid(),
  status: z.enum(APPLY_STATUSES),
  total: z.number().int().nullable().describe('accounts to go through; known once the job starts'),
  decided: z.number().int().describe('accounts gone through so far'),
  moved: z.number().int(),
  skipped: z.number().int(),
  error: z.string().nullable().describe('an error code when it stopped (RULE_SET_NOT_LIVE, JOB_EXHAUSTED)'),
  job: z.object({ status: z.string(), attempts: z.number().int(), error: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  items: z.object({
    items: z.array(
      z.object({
        account: named,
        outcome: z.enum(['moved', 'skipped']),
        reason: z.enum(['locked', 'partner']).nullable().describe('why a skipped account stayed'),
        decisionId: z.uuid().nullable(),
      }),
    ),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
});
export type ApplyView = z.infer<typeof applySchema>;
