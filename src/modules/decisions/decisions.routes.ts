import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf, pageQuery } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import { decisionSchema } from './decisions.schema.js';
import { getDecision, listAccountDecisions } from './decisions.service.js';

export function decisionRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];

  r.get(
    '/api/v1/decisions/:id',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'One decision: the rule and version that made it, and its evidence as codes with parameters',
        params: idParams,
        response: responses({ 200: decisionSchema }),
      },
    },
    async (request) => getDecision(db, request.ctx, request.params.id),
  );

  r.get(
    '/api/v1/accounts/:id/decisions',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Decisions about this account, newest first: how it got in, what was merged into it',
        params: idParams,
        querystring: z.strictObject(pageQuery),
        response: responses({ 200: pageOf(decisionSchema) }),
      },
    },
    async (request) => listAccountDecisions(db, request.ctx, request.params.id, request.query),
  );
}
