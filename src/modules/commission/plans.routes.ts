import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  amendBody,
  createPlanBody,
  decideBody,
  listPlansQuery,
  planDetailSchema,
  planSchema,
  versionParams,
} from './plans.schema.js';
import * as service from './plans.service.js';

export function planRoutes(app: FastifyInstance, db: Db) {
  const tags = ['commission'];
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/commission/plans',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Create a commission plan with its version 1 as a draft (reason initial); another person publishes it. Tier tables with gaps or overlaps are refused naming rules.tiers.<i>.<field> and the problem (TIER_GAP, TIER_OVERLAP, …)',
        body: createPlanBody,
        response: responses({ 201: planDetailSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.createPlan(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/commission/plans',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'Commission plans in the caller’s sight (every plan for internal staff and managers; a rep or a partner only the plans paying it), by code',
        querystring: listPlansQuery,
        response: responses({ 200: pageOf(planSchema) }),
      },
    },
    async (request) => service.listPlans(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/commission/plans/:id',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'A plan with every version: rules, status, reason, warnings, targets, who wrote and who decided it and when (warnings and targets only for payees in the caller’s sight)',
        params: idParams,
        response: responses({ 200: planDetailSchema }),
      },
    },
    async (request) => service.getPlan(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/commission/plans/:id/versions',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Amend a plan (补充协议): the next version, a draft, with a reason and optionally targets. 409 VERSION_DRAFT_EXISTS while a draft waits; 409 AMENDMENT_IN_LOCKED_PERIOD when effectiveFrom falls strictly inside a locked or paid period (its first day is allowed); 400 when before version 1',
        params: idParams,
        body: amendBody,
        response: responses({ 201: planDetailSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.amendPlan(db, request.ctx, request.params.id, request.body)),
  );

  for (const verdict of ['publish', 'reject'] as const)
    r.post(
      `/api/v1/commission/plans/:id/versions/:versionId/${verdict}`,
      {
        config: { access: 'commission:approve' },
        schema: {
          tags,
          summary:
            verdict === 'publish'
              ? 'Publish a draft version as a commission.plan decision whose evidence lists its warnings; version 1 makes the plan active. 409 SELF_APPROVAL for its author, VERSION_NOT_DRAFT once decided'
              : 'Reject a draft version (a commission.plan decision). 409 SELF_APPROVAL for its author, VERSION_NOT_DRAFT once decided',
          params: versionParams,
          body: decideBody,
          response: responses({ 200: planDetailSchema }),
        },
      },
      async (request) =>
        service.decideVersion(
          db,
          request.ctx,
          request.params.id,
          request.params.versionId,
          verdict === 'publish' ? 'published' : 'rejected',
          request.body.note,
        ),
    );
}
