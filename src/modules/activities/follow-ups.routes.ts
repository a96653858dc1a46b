import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  createFollowUpBody,
  followUpPageSchema,
  followUpSchema,
  listFollowUpsQuery,
} from './follow-ups.schema.js';
import * as service from './follow-ups.service.js';

export function followUpRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['follow-ups'];

  r.get(
    '/api/v1/accounts/:id/follow-ups',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'The customer’s follow-ups, latest first, with how many were logged by others than its owner',
        params: idParams,
        querystring: listFollowUpsQuery,
        response: responses({ 200: followUpPageSchema }),
      },
    },
    async (request) => service.listFollowUps(db, request.ctx, request.params.id, request.query),
  );

  r.post(
    '/api/v1/accounts/:id/follow-ups',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary:
          'Log a call, visit, meeting, e-mail or message on a customer one may see. Not in the future (5 minutes ' +
          'of clock skew allowed), not before the customer was entered. Updates its protection deadline',
        params: idParams,
        body: createFollowUpBody,
        response: responses({ 201: followUpSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.logFollowUp(db, request.ctx, request.params.id, request.body)),
  );
}
