import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import { disputeSchema, listDisputesQuery, raiseDisputeBody, resolveDisputeBody } from './disputes.schema.js';
import * as service from './disputes.service.js';
import { commissionExportRoutes } from './exports.routes.js';
import { attainmentRoutes } from './attainment.routes.js';

export function disputeRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commission'];

  r.post(
    '/api/v1/commission/lines/:lineId/disputes',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'Dispute one line of a locked statement: the payee only (a partner’s admins for a partner), one open dispute per line (409 DISPUTE_OPEN; 409 DISPUTE_NOT_LOCKED before the lock)',
        params: z.strictObject({ lineId: z.uuid() }),
        body: raiseDisputeBody,
        response: responses({ 201: disputeSchema }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.raiseDispute(db, request.ctx, request.params.lineId, request.body.reason)),
  );

  r.get(
    '/api/v1/commission/disputes',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'Disputes in the caller’s sight, newest first: finance and sales ops all, a manager its team’s, a payee its own',
        querystring: listDisputesQuery,
        response: responses({ 200: pageOf(disputeSchema) }),
      },
    },
    async (request) => {
      const { status, periodId, limit, offset } = request.query;
      return service.listDisputes(db, request.ctx, { status, periodId }, { limit, offset });
    },
  );

  r.post(
    '/api/v1/commission/disputes/:id/review',
    {
      config: { access: 'commission:approve' },
      schema: {
        tags,
        summary: 'Take an open dispute up for review (open → in_review; 409 DISPUTE_CLOSED otherwise)',
        params: idParams,
        response: responses({ 200: disputeSchema }),
      },
    },
    async (request) => service.reviewDispute(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/commission/disputes/:id/resolve',
    {
      config: { access: 'commission:approve' },
      schema: {
        tags,
        summary:
          'Resolve a dispute, upheld or rejected, with a note to the payee; upheld with a non-zero amount books a dispute adjustment in the plan’s next open period. Resolved disputes never change (409 DISPUTE_CLOSED)',
        params: idParams,
        body: resolveDisputeBody,
        response: responses({ 200: disputeSchema }),
      },
    },
    async (request) => service.resolveDispute(db, request.ctx, request.params.id, request.body),
  );
}

/** Disputes, exports and attainment (the commission extras), registered beside the plan and period routes. */
export function commissionExtraRoutes(app: FastifyInstance, db: Db) {
  disputeRoutes(app, db);
  commissionExportRoutes(app, db);
  attainmentRoutes(app, db);
}
