import { z } from 'zod';
import { matchSchema, reasonSchema } from '../accounts/accounts.schema.js';
import { INPUT_PROBLEM_CODES } from '../matching/input-problems.schema.js';

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

/** The reader's problem codes, and JOB_EXHAUSTED: the process analysing the file died on every attempt. */
export const IMPORT_PROBLEM_CODES = [...INPUT_PROBLEM_CODES, 'JOB_EXHAUSTED'] as const;
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

export const resolveClusterBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('merge'),
    accountId: z.uuid().describe('the customer these rows are'),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  z.strictObject({
    action: z.literal('create'),
    reason: z.string().trim().min(1).max(500).describe('why a new customer although look-alikes exist'),
  }),
  z.strictObject({ action: z.literal('skip'), reason: z.string().trim().min(1).max(500).optional() }),
]);

export const listClustersQuery = {
  verdict: z.enum(CLUSTER_VERDICTS).optional(),
  outcome: z.enum(CLUSTER_OUTCOMES).optional(),
};
