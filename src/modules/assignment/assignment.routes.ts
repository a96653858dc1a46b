import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import {
  absenceBody,
  applyQuery,
  applySchema,
  publishBody,
  absenceParams,
  absenceSchema,
  capacityBody,
  createRuleSetBody,
  eligibilitySchema,
  listRuleSetsQuery,
  rulesBody,
  ruleSetSchema,
  saveRuleSetBody,
  validationSchema,
  whatIfQuery,
  whatIfSchema,
} from './assignment.schema.js';
import * as service from './assignment.service.js';
import * as eligibility from './eligibility.service.js';

export function assignmentRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assignment'];
  const manage = { access: 'assignment:manage' } as const;
  const absences = { access: 'absences:manage' } as const;
  const base = '/api/v1/assignment';

  r.get(
    `${base}/rule-sets`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rule set versions: drafts first, then published and retired ones, newest first',
        querystring: listRuleSetsQuery,
        response: responses({ 200: pageOf(ruleSetSchema) }),
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      return service.listRuleSets(db, status, { limit, offset });
    },
  );

  r.post(
    `${base}/rule-sets`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Start a draft: a copy of the rules of `basedOn`, or of the published set',
        body: createRuleSetBody,
        response: responses({ 201: ruleSetSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createRuleSet(db, request.ctx, request.body)),
  );

  r.post(
    `${base}/rule-sets/validate`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Check rules without saving: unknown codes, users, teams or pools, contradictions and shadowed rules ' +
          'are a 400 naming each field (details.fields) and each conflict (details.conflicts)',
        body: rulesBody,
        response: responses({ 200: validationSchema }),
      },
    },
    async (request) => service.validateRuleSet(db, request.body.rules),
  );

  r.get(
    `${base}/rule-sets/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'One rule set',
        params: idParams,
        response: responses({ 200: ruleSetSchema }),
      },
    },
    async (request) => service.getRuleSet(db, request.params.id),
  );

  r.put(
    `${base}/rule-sets/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Save a draft’s name and ordered rules; refused whole (400) when any rule is wrong',
        params: idParams,
        body: saveRuleSetBody,
        response: responses({ 200: ruleSetSchema }),
      },
    },
    async (request) => service.saveRuleSet(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    `${base}/rule-sets/:id/publish`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Make a draft the live version (the next number); the one live before is retired. Audited. With ' +
          '`applyToExisting`, a job then moves existing accounts as the what-if shows',
        params: idParams,
        body: publishBody.nullish().describe('optional: a POST without a body publishes without applying'),
        response: responses({ 200: ruleSetSchema }),
      },
    },
    async (request) =>
      service.publishRuleSet(db, request.ctx, request.params.id, {
        applyToExisting: request.body?.applyToExisting ?? false,
      }),
  );

  r.get(
    `${base}/rule-sets/:id/apply`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'The latest run applying a published set to existing accounts: live progress, moved and skipped ' +
          'counts, and a page of the moved or skipped accounts (each skipped one with its reason)',
        params: idParams,
        querystring: applyQuery,
        response: responses({ 200: applySchema }),
      },
    },
    async (request) => service.applyView(db, request.params.id, request.query),
  );

  r.post(
    `${base}/rule-sets/:id/what-if`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Run a rule set over the active accounts without committing anything: the accounts that would change ' +
          'holder (a page of them), by which rule, and each rep’s load before and after',
        params: idParams,
        querystring: whatIfQuery,
        response: responses({ 200: whatIfSchema }),
      },
    },
    async (request) => service.whatIfView(db, request.params.id, request.query),
  );

  r.get(
    `${base}/users/:id/eligibility`,
    {
      config: absences,
      schema: {
        tags,
        summary: 'A user’s absences, capacity and present load',
        params: idParams,
        response: responses({ 200: eligibilitySchema }),
      },
    },
    async (request) => eligibility.getEligibility(db, request.ctx, request.params.id),
  );

  r.post(
    `${base}/users/:id/absences`,
    {
      config: absences,
      schema: {
        tags,
        summary: 'Record days a user takes no new accounts (organisation-local dates, inclusive)',
        params: idParams,
        body: absenceBody,
        response: responses({ 201: absenceSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await eligibility.addAbsence(db, request.ctx, request.params.id, request.body)),
  );

  r.delete(
    `${base}/users/:id/absences/:absenceId`,
    {
      config: absences,
      schema: {
        tags,
        summary: 'Remove an absence',
        params: absenceParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await eligibility.removeAbsence(db, request.ctx, request.params.id, request.params.absenceId);
      return reply.status(204).send(null);
    },
  );

  r.put(
    `${base}/users/:id/capacity`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'The most open accounts a user may hold before assignment rules pass them by (null: no limit)',
        params: idParams,
        body: capacityBody,
        response: responses({ 200: eligibilitySchema }),
      },
    },
    async (request) => eligibility.setCapacity(db, request.ctx, request.params.id, request.body.maxAccounts),
  );
}
