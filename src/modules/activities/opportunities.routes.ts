import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  createOpportunityBody,
  listOpportunitiesQuery,
  loseOpportunityBody,
  opportunitySchema,
  updateOpportunityBody,
} from './opportunities.schema.js';
import * as service from './opportunities.service.js';

export function opportunityRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['opportunities'];
  const one = { params: idParams, response: responses({ 200: opportunitySchema }) };

  r.get(
    '/api/v1/opportunities',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Opportunities on customers one sees, or owned by someone in one’s scope; open ones first',
        querystring: listOpportunitiesQuery,
        response: responses({ 200: pageOf(opportunitySchema) }),
      },
    },
    async (request) => service.listOpportunities(db, request.ctx, request.query),
  );

  r.post(
    '/api/v1/opportunities',
    {
      config: { access: 'opportunities:write' },
      schema: {
        tags,
        summary: 'Open an opportunity on a customer one sees; the amount is a decimal string in its currency',
        body: createOpportunityBody,
        response: responses({ 201: opportunitySchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createOpportunity(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/opportunities/:id',
    { config: { access: 'accounts:read' }, schema: { tags, summary: 'One opportunity', ...one } },
    async (request) => service.getOpportunity(db, request.ctx, request.params.id),
  );

  r.patch(
    '/api/v1/opportunities/:id',
    {
      config: { access: 'opportunities:write' },
      schema: {
        tags,
        summary: 'Change an open opportunity (409 OPPORTUNITY_CLOSED once won or lost)',
        body: updateOpportunityBody,
        ...one,
      },
    },
    async (request) => service.updateOpportunity(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/opportunities/:id/won',
    {
      config: { access: 'opportunities:write' },
      schema: { tags, summary: 'Mark an open opportunity won (audited; event opportunity.won)', ...one },
    },
    async (request) => service.closeOpportunity(db, request.ctx, request.params.id, { status: 'won' }),
  );

  r.post(
    '/api/v1/opportunities/:id/lost',
    {
      config: { access: 'opportunities:write' },
      schema: {
        tags,
        summary: 'Mark an open opportunity lost, with the reason (audited; event opportunity.lost)',
        body: loseOpportunityBody,
        ...one,
      },
    },
    async (request) =>
      service.closeOpportunity(db, request.ctx, request.params.id, {
        status: 'lost',
        reason: request.body.reason,
      }),
  );
}
