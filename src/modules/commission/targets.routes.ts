import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import { warningSchema } from './plans.schema.js';
import {
  indexBody,
  indexParams,
  indexSchema,
  listIndexesQuery,
  putTargetsBody,
  targetSchema,
} from './targets.schema.js';
import * as service from './targets.service.js';

export function targetRoutes(app: FastifyInstance, db: Db) {
  const tags = ['commission'];
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/v1/commission/plans/:id/targets',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Set targets on a draft version, per payee and period start (a first day of the plan’s periods): money in the plan currency’s major unit, stored in minor units; units as whole units. Targets above 120 % of the payee’s best earlier period are saved with a warning (plan.target_above_history). 409 VERSION_NOT_DRAFT on a decided version',
        params: idParams,
        body: putTargetsBody,
        response: responses({
          200: z.object({
            versionId: z.uuid(),
            targets: z.array(targetSchema).describe('every target the version sets'),
            warnings: z.array(warningSchema),
          }),
        }),
      },
    },
    async (request) => service.putTargets(db, request.ctx, request.params.id, request.body),
  );

  r.put(
    '/api/v1/commission/indexes/:code/:periodStart',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Set an index value (> 0) for the month starting periodStart, for targets that follow an index; replaces that month’s value (audited with the old one)',
        params: indexParams,
        body: indexBody,
        response: responses({ 200: indexSchema }),
      },
    },
    async (request) =>
      service.setIndex(db, request.ctx, request.params.code, request.params.periodStart, request.body.value),
  );

  r.get(
    '/api/v1/commission/indexes',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary: 'Index values, by code and newest period first',
        querystring: listIndexesQuery,
        response: responses({ 200: pageOf(indexSchema) }),
      },
    },
    async (request) => service.listIndexes(db, request.query.code, request.query),
  );
}
