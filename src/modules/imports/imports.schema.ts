import { z } from 'zod';
import { matchSchema, reasonSchema } from '../accounts/accounts.schema.js';
import { INPUT_PROBLEM_CODES } from '../matching/input-problems.schema.js';
import { FILE_OWNER_PROBLEMS } from '../ownership/ownership.schema.js';

export const IMPORT_STATUSES = ['analyzing', 'review', 'importing', 'done', 'failed'] as const;
export const CLUSTER_VERDICTS = ['same', 'possible', 'unique'] as const;
export const CLUSTER_DECISIONS = ['accept', 'split', 'skip'] as const;
export const CLUSTER_OUTCOMES = ['created', 'merged', 'needs_review', 'skipped'] as const;
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export type ClusterVerdict = (typeof CLUSTER_VERDICTS)[number];
export type ClusterDecision = (typeof CLUSTER_DECISIONS)[number];
export type ClusterOutcome = (typeof CLUSTER_OUTCOMES)[number];
export type ImportProblem = z.infer<typeof importProblemSchema>;

/**
 * The reader's problem codes; an owner column the import does not honour on that row (OWNER_*); and
 * JOB_EXHAUSTED: the process analysing the file died on every attempt.
 */
export const IMPORT_PROBLEM_CODES = [
  ...INPUT_PROBLEM_CODES,
  ...FILE_OWNER_PROBLEMS,
  'JOB_EXHAUSTED',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/**
 * A row of the file that could not be used, or a note about the file as a whole (line 1) — also why a
 * failed import failed.
 */
export const importProblemSchema = z.object({
  line: z.number(),
  code: z.enum(IMPORT_PROBLEM_CODES),
  message: z.string().describe('in English, for logs; the UI shows the code translated'),
  id: z.string().optional(),
  column: z.string().optional(),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('values the translated text names, e.g. the encoding a file was read in'),
});

export const importJobSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES),
  progress: z
    .object({
      phase: z.string().optional().describe('read, cluster, match (analysing) or import'),
      done: z.number().optional(),
      total: z.number().optional(),
      message: z
        .object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })
        .optional(),
    })
    .describe('live, from the job that runs the import'),
  job: z
    .object({
      status: z.enum(JOB_STATUSES),
      attempts: z.number().int(),
      error: z.string().nullable().describe('the last failure, while it is retried'),
    })
    .nullable()
    .describe('the job that analyses or imports this list; null before the first'),
  summary: z
    .record(z.string(), z.unknown())
    .describe('rows, problems, clusters, duplicateRowsInFile, clustersMatchingExisting; imported when done'),
  problems: z.array(importProblemSchema).describe('per-row problems with line numbers (first 1000)'),
  error: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** One row of the uploaded list, as the file had it. */
export const importRecordSchema = z.object({
  line: z.number(),
  id: z.string(),
  name: z.string(),
  phone: z.array(z.string()),
  email: z.array(z.string()),
  website: z.string().nullable(),
  uscc: z.string().nullable(),
  address: z.string().nullable(),
  owner: z.string().nullable().optional().describe("the owner column as the file has it: a user's login"),
  ownerId: z
    .uuid()
    .nullable()
    .optional()
    .describe('the user that login names, where the importer may assign to them; else the importer owns it'),
  problems: z
    .array(z.enum(IMPORT_PROBLEM_CODES))
    .optional()
    .describe("this row's problems (cells left out, owner not honoured): the import's problems say more"),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

/** Why a row sits in its cluster: the row it was compared with, and the evidence. */
export const clusterReasonSchema = z.object({
  rowId: z.string(),
  partnerId: z.string(),
  partnerClusterId: z.string(),
  verdict: z.enum(['same', 'possible']),
  score: z.number(),
  notMerged: z.boolean().describe("scored 'same' but kept apart: the clusters disagree"),
  reasons: z.array(reasonSchema),
});
export type ClusterReason = z.infer<typeof clusterReasonSchema>;

export const importClusterSchema = z.object({
  clusterId: z.string(),
  verdict: z.enum(CLUSTER_VERDICTS),
  records: z.array(importRecordSchema),
  reasons: z
    .array(clusterReasonSchema)
    .describe('why rows are in this cluster: one entry per row with a partner, pairs shown from both sides'),
  existing: z.array(matchSchema).describe('matches among accounts already in Fairshare'),
  decision: z.enum(CLUSTER_DECISIONS),
  outcome: z.enum(CLUSTER_OUTCOMES).nullable(),
  accountIds: z.array(z.uuid()),
  decisionId: z
    .uuid()
    .nullable()
    .describe(
      'why this part waits for a person (needs_review), or what settled it: GET /api/v1/decisions/:id',
    ),
});

const reasonText = z.string().trim().min(1).max(500);
const resolutions = {
  merge: {
    action: z.literal('merge'),
    accountId: z.uuid().describe('the customer these rows are'),
    reason: reasonText.optional(),
  },
  create: {
    action: z.literal('create'),
    reason: reasonText.describe('why a new customer although look-alikes exist'),
  },
  skip: { action: z.literal('skip'), reason: reasonText.optional() },
};

export const resolveClusterBody = z.discriminatedUnion('action', [
  z.strictObject(resolutions.merge),
  z.strictObject(resolutions.create),
  z.strictObject(resolutions.skip),
]);

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const listClustersQuery = {
  verdict: z.enum(CLUSTER_VERDICTS).optional(),
  outcome: z.enum(CLUSTER_OUTCOMES).optional(),
  pending: flag.describe('true: only clusters not imported yet; false: only those with an outcome'),
  problems: flag.describe('true: only clusters with a row that has a problem (a cell left out, an owner)'),
  existing: flag.describe('true: only clusters that look like customers already in Fairshare'),
  q: z.string().trim().min(1).max(100).optional().describe('part of a row’s name, as typed in the file'),
  sort: z
    .enum(['risk', 'file'])
    .default('risk')
    .describe(
      'risk: waiting for a person, then look-alikes of customers here, possible duplicates, duplicates, single rows; file: file order',
    ),
};
export type ClusterFilter = {
  verdict?: ClusterVerdict | undefined;
  outcome?: ClusterOutcome | undefined;
  pending?: boolean | undefined;
  problems?: boolean | undefined;
  existing?: boolean | undefined;
  q?: string | undefined;
  sort: 'risk' | 'file';
};

const clusterId = z.string().min(1).max(200);

export const decideClustersBody = z.union([
  z.strictObject({
    decision: z.enum(CLUSTER_DECISIONS),
    clusterIds: z
      .array(clusterId)
      .min(1)
      .max(1000)
      .describe('every one is decided, or none: an unknown id is named in the error'),
  }),
  z.strictObject({
    acceptSuggested: z
      .literal(true)
      .describe('every cluster matching the filters below takes the suggestion: accept it as grouped'),
    verdict: z.enum(CLUSTER_VERDICTS).optional(),
    problems: z.boolean().optional(),
    existing: z.boolean().optional(),
    q: z.string().trim().min(1).max(100).optional(),
  }),
]);

export const resolveClustersBody = z.strictObject({
  items: z
    .array(
      z.discriminatedUnion('action', [
        z.strictObject({ clusterId, ...resolutions.merge }),
        z.strictObject({ clusterId, ...resolutions.create }),
        z.strictObject({ clusterId, ...resolutions.skip }),
      ]),
    )
    .min(1)
    .max(200)
    .describe('settled together in one unit of work: one refused item (named in the error) settles none'),
});

export const bulkDecisionResult = z.object({
  decided: z.number().int().describe('clusters whose decision was set'),
  clusterIds: z.array(z.string()),
});

export const bulkResolveResult = z.object({
  items: z.array(
    z.object({
      clusterId: z.string(),
      outcome: z.enum(CLUSTER_OUTCOMES),
      accountIds: z.array(z.uuid()),
      decisionId: z.uuid().nullable(),
    }),
  ),
});
