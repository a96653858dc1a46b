import { z } from 'zod';
import { pageOf, pageQuery } from '../../http/pagination.js';
import { AUDIT_PROBLEM_CODES } from '../../kernel/index.js';

/** The audit API's contract: an entry with its link in the hash chain, and the verify report. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string().describe('the login, or the system process, that acted'),
  actorName: z
    .string()
    .nullable()
    .describe('the acting user’s display name; null for a system process or a user out of sight'),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityName: z
    .string()
    .nullable()
    .describe(
      'the record’s name (legal name, display name, file name …); null when out of the reader’s sight',
    ),
  refs: z
    .record(z.string(), z.string())
    .describe('names of the records the before/after states refer to by id, those the reader may see'),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  decisionId: z.uuid().nullable().describe('the decision that explains this change'),
  chain: z
    .object({ seq: z.string(), prevHash: z.string(), hash: z.string() })
    .nullable()
    .describe('its link in the hash chain; null for a second or so, until the chainer links it'),
});

export const auditPageSchema = pageOf(auditEntrySchema).extend({
  timeZone: z.string().describe('the organisation’s IANA time zone, in which times are shown'),
});

export const auditProblemSchema = z.object({
  code: z.enum(AUDIT_PROBLEM_CODES),
  seq: z.string().optional(),
  auditId: z.string().optional(),
  checkpointId: z.string().optional(),
});

export const auditReportSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  chained: z.number().int(),
  head: z.string(),
  pending: z.number().int().describe('rows not linked yet: normal for about a second after a write'),
  checkpoints: z.number().int(),
  latestCheckpoint: z.object({ chainLength: z.string(), at: z.string() }).nullable(),
  unanchored: z.number().int().describe('linked rows after the latest signed checkpoint'),
  problems: z.array(auditProblemSchema),
});

export const auditQuery = z.strictObject({
  ...pageQuery,
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO-8601'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive, ISO-8601'),
});
