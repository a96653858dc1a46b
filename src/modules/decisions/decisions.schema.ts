import { z } from 'zod';
import { DECISION_KINDS } from '../../kernel/index.js';

const params = z
  .record(z.string(), z.unknown())
  .describe('the values the code speaks of: names, counts, ids, dates');

/** A leaf of evidence: a code the UI translates, its parameters, and its weight where weighing applies. */
export const evidenceItemSchema = z.object({
  code: z.string().describe('stable code, e.g. phone.shared, name.equal, region.conflict, owner.creator'),
  params,
  points: z
    .number()
    .optional()
    .describe('log-odds points (matching) or the like; absent where nothing is weighed'),
});

export const evidenceSchema = evidenceItemSchema.extend({
  evidence: z
    .array(evidenceItemSchema)
    .optional()
    .describe('what this evidence is made of (a candidate’s fields)'),
});

const ruleSchema = z.object({ id: z.string(), version: z.number().int(), params });

export const decisionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(DECISION_KINDS),
  subject: z.object({ type: z.string(), id: z.string() }),
  verdict: z.string(),
  rule: ruleSchema,
  evidence: z.array(evidenceSchema),
  notApplied: z
    .array(z.object({ rule: ruleSchema, evidence: z.array(evidenceSchema) }))
    .describe('rules consulted before the one that decided, and why each did not apply'),
  effective: z.object({ from: z.string().optional(), until: z.string().optional() }).nullable(),
  actorId: z
    .uuid()
    .nullable()
    .describe('who decided; null for the system, or someone the caller may not see'),
  at: z.string(),
});
export type DecisionView = z.infer<typeof decisionSchema>;
export type EvidenceView = z.infer<typeof evidenceSchema>;
