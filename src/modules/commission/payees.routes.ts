import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  acknowledgeBody,
  addPayeeBody,
  myPlanSchema,
  patchPayeeBody,
  payeeIdParams,
  payeeParams,
  payeeSchema,
} from './payees.schema.js';
import * as service from './payees.service.js';

export function payeeRoutes(app: FastifyInstance, db: Db) {
  const tags = ['commission'];
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/commission/plans/:id/payees',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Put a user or a partner on a plan from a start date (to an end date); its type must be the plan’s payee type. 409 PAYEE_EXISTS when already on it',
        params: idParams,
        body: addPayeeBody,
        response: responses({ 201: payeeSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addPayee(db, request.ctx, request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/commission/plans/:id/payees/:payeeId',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary: 'Set or clear the last day a payee is on the plan',
        params: payeeParams,
        body: patchPayeeBody,
        response: responses({ 200: payeeSchema }),
      },
    },
    async (request) =>
      service.setPayeeEnd(db, request.ctx, request.params.id, request.params.payeeId, request.body.endDate),
  );

  r.get(
    '/api/v1/commission/plans/:id/payees',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary: 'The plan’s payees in the caller’s sight, with the version each acknowledged',
        params: idParams,
        response: responses({ 200: z.object({ items: z.array(payeeSchema) }) }),
      },
    },
    async (request) => service.listPayees(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/commission/payees/:payeeId/acknowledge',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'The payee signs off a published version of its plan (the user paid, or a partner admin of the partner paid; anyone else 403)',
        params: payeeIdParams,
        body: acknowledgeBody,
        response: responses({ 200: payeeSchema }),
      },
    },
    async (request) =>
      service.acknowledgePlan(db, request.ctx, request.params.payeeId, request.body.versionId),
  );

  r.get(
    '/api/v1/commission/my/plans',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'The caller’s own plans (as the user paid, or its partner’s): the version in force today, its targets per period, and whether it acknowledged the latest published version',
        response: responses({ 200: z.object({ items: z.array(myPlanSchema) }) }),
      },
    },
    async (request) => service.myPlans(db, request.ctx),
  );
}
