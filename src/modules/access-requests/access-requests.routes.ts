import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  accessRequestSchema,
  createAccessRequestBody,
  decideAccessRequestBody,
  decidedAccessRequestSchema,
  listAccessRequestsQuery,
} from './access-requests.schema.js';
import * as service from './access-requests.service.js';

export function accessRequestRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access requests'];

  r.post(
    '/api/v1/access-requests',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary:
          'Ask for access to a customer the duplicate check says exists out of sight, or flag it as a conflict. ' +
          'One open request per caller and customer (409 ACCESS_REQUEST_OPEN)',
        body: createAccessRequestBody,
        response: responses({ 201: accessRequestSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createAccessRequest(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/access-requests',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Access requests: one’s own; a manager’s, on customers its team holds; all for admins and sales ops. Open ones first',
        querystring: listAccessRequestsQuery,
        response: responses({ 200: pageOf(accessRequestSchema) }),
      },
    },
    async (request) => {
      const { status, mine, limit, offset } = request.query;
      return service.listAccessRequests(db, request.ctx, { status, mine }, { limit, offset });
    },
  );

  r.post(
    '/api/v1/access-requests/:id/decide',
    {
      config: { access: 'access:decide' },
      schema: {
        tags,
        summary:
          'Grant or deny an open request. Recorded (decision, audit, event); a grant does not move the customer yet',
        params: idParams,
        body: decideAccessRequestBody,
        response: responses({ 200: decidedAccessRequestSchema }),
      },
    },
    async (request) => service.decideAccessRequest(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/access-requests/:id/withdraw',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Withdraw one’s own open request',
        params: idParams,
        response: responses({ 200: accessRequestSchema }),
      },
    },
    async (request) => service.withdrawAccessRequest(db, request.ctx, request.params.id),
  );
}
