import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf, pageQuery } from '../../http/pagination.js';
import { responses } from '../../http/schemas.js';
import type { AuditRow } from './audit.repo.js';
import { browseAudit, verifyAuditChain } from './audit.service.js';

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

const auditQuery = z.strictObject({
  ...pageQuery,
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO-8601'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive, ISO-8601'),
});

const toEntry = (row: AuditRow) => ({
  id: row.id,
  at: row.at,
  actorId: row.actor_id,
  actorLabel: row.actor_label,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  before: row.before,
  after: row.after,
  reason: row.reason,
  requestId: row.request_id,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export function auditRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: 'Browse the audit trail by entity, actor, action and time (newest first)',
        querystring: auditQuery,
        response: responses({ 200: pageOf(auditEntrySchema) }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { items, total } = await browseAudit(db, filter, { limit, offset });
      return { items: items.map(toEntry), total, limit, offset };
    },
  );

  r.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: 'Walk the hash chain and report the first broken row, if any',
        response: responses({
          200: z.object({
            ok: z.boolean(),
            rows: z.number().int(),
            head: z.string().optional(),
            brokenId: z.string().optional(),
            problem: z.string().optional(),
          }),
        }),
      },
    },
    async () => verifyAuditChain(db),
  );
}
