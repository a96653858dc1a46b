import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  caseSchema,
  caseSettingsSchema,
  decideBody,
  disputeBody,
  listCasesQuery,
  raiseBody,
  updateCaseSettingsBody,
  withdrawBody,
} from './cases.schema.js';
import * as service from './cases.service.js';

export function caseRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const one = { params: idParams, response: responses({ 200: caseSchema }) };

  r.get(
    '/api/v1/cases',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Conflict cases in sight: every one for the channel, a partner’s own (its side only), a direct rep’s about its customers. Open and most urgent first',
        querystring: listCasesQuery,
        response: responses({ 200: pageOf(caseSchema) }),
      },
    },
    async (request) => service.listCases(db, request.ctx, request.query),
  );
  r.post(
    '/api/v1/cases',
    {
      config: { access: 'cases:decide' },
      schema: {
        tags,
        summary: 'The channel opens a case on a registration (409 CASE_OPEN when one is open)',
        body: raiseBody,
        response: responses({ 201: caseSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.raiseCase(db, request.ctx, request.body)),
  );
  r.post(
    '/api/v1/cases/disputes',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary: 'A partner disputes the refusal of its own registration, with a reason: a case opens',
        body: disputeBody,
        response: responses({ 201: caseSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.disputeRefusal(db, request.ctx, request.body)),
  );
  r.get(
    '/api/v1/cases/settings',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'The SLA: hours to a first response and to a decision; whether collisions open cases',
        response: responses({ 200: caseSettingsSchema }),
      },
    },
    async () => service.getSettings(db),
  );
  r.patch(
    '/api/v1/cases/settings',
    {
      config: { access: 'partners:configure' },
      schema: {
        tags,
        summary: 'Change the SLA (audited)',
        body: updateCaseSettingsBody,
        response: responses({ 200: caseSettingsSchema }),
      },
    },
    async (request) => service.updateSettings(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/cases/:id',
    {
      config: { access: 'accounts:read' },
      schema: { tags, summary: 'One case, as the reader’s side may read it', ...one },
    },
    async (request) => service.getCase(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/cases/:id/take-up',
    {
      config: { access: 'cases:decide' },
      schema: { tags, summary: 'Take an open case up for review: the SLA’s first response', ...one },
    },
    async (request) => service.takeUpCase(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/cases/:id/decide',
    {
      config: { access: 'cases:decide' },
      schema: {
        tags,
        summary:
          'Decide with a reason; the outcome is applied to registrations and ownership in the same transaction. A decided case answers 409 CASE_CLOSED',
        body: decideBody,
        ...one,
      },
    },
    async (request) => service.decideCase(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/cases/:id/withdraw',
    {
      config: { access: 'registrations:submit' },
      schema: { tags, summary: 'The claiming partner withdraws its open case', body: withdrawBody, ...one },
    },
    async (request) => service.withdrawCase(db, request.ctx, request.params.id, request.body.reason ?? null),
  );
}
