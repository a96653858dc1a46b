import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { responses } from '../../http/schemas.js';
import type { AuditSetup } from './audit.config.js';
import type { AuditListRow } from './audit.repo.js';
import { auditPageSchema, auditQuery, auditReportSchema } from './audit.schema.js';
import { browseAudit, verifyAuditTrail } from './audit.service.js';

type NamedRow = AuditListRow & {
  entityName: string | null;
  actorName: string | null;
  refs: Record<string, string>;
};

const toEntry = (row: NamedRow) => ({
  id: row.id,
  at: row.at,
  actorId: row.actor_id,
  actorLabel: row.actor_label,
  actorName: row.actorName,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  entityName: row.entityName,
  refs: row.refs,
  before: row.before,
  after: row.after,
  reason: row.reason,
  requestId: row.request_id,
  decisionId: row.decision_id,
  chain:
    row.seq && row.prev_hash && row.hash ? { seq: row.seq, prevHash: row.prev_hash, hash: row.hash } : null,
});

export function auditRoutes(app: FastifyInstance, db: Db, setup: AuditSetup) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary:
          'Browse the audit trail by entity, actor, action and time (newest first), with the names of the records in the reader’s sight',
        querystring: auditQuery,
        response: responses({ 200: auditPageSchema }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { items, total, timeZone } = await browseAudit(db, request.ctx, filter, { limit, offset });
      return { items: items.map(toEntry), total, limit, offset, timeZone };
    },
  );

  r.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary:
          'Recompute the hash chain, check every signed checkpoint, and list what does not hold (edits, deletions, insertions, truncation)',
        response: responses({ 200: auditReportSchema }),
      },
    },
    async () => verifyAuditTrail(db, setup),
  );
}
