import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  lockBody,
  mineQuery,
  myCustomerSchema,
  ownershipSchema,
  groupSchema,
  recoveryRuleBody,
  recoveryRulePatch,
  recoveryRuleSchema,
  redateSchema,
  savedRecoveryRuleSchema,
  releaseBody,
  teamBody,
  transferBody,
} from './ownership.schema.js';
import * as service from './ownership.service.js';
import * as rules from './rules.service.js';
import { groupView } from './group.js';

const moved = z.object({ accountId: z.uuid(), decisionId: z.uuid().nullable() }).loose();

export function ownershipRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ownership'];

  r.get(
    '/api/v1/accounts/:id/ownership',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Who holds the customer, why, until when (the deadline as of now), its team and every earlier holder',
        params: idParams,
        response: responses({ 200: ownershipSchema }),
      },
    },
    async (request) => service.ownershipOf(db, request.ctx, request.params.id),
  );

  r.get(
    '/api/v1/accounts/:id/group',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'The group (集团) the customer belongs to: parent and subsidiaries, who holds each, split across teams',
        params: idParams,
        response: responses({ 200: groupSchema }),
      },
    },
    async (request) => groupView(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/accounts/:id/release',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Give the customer back to a pool (the owner, its manager or sales ops)',
        params: idParams,
        body: releaseBody,
        response: responses({ 200: moved }),
      },
    },
    async (request) => service.releaseToPool(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/accounts/:id/lock',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Lock the customer to its owner: no recovery while locked (capped per person: CLAIM_LIMIT)',
        params: idParams,
        body: lockBody,
        response: responses({ 200: moved }),
      },
    },
    async (request) => service.lockAccount(db, request.ctx, request.params.id, request.body.reason),
  );

  r.post(
    '/api/v1/accounts/:id/unlock',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Unlock: the customer is protected again, its deadline counted from now',
        params: idParams,
        body: lockBody,
        response: responses({ 200: moved }),
      },
    },
    async (request) => service.unlockAccount(db, request.ctx, request.params.id, request.body.reason),
  );

  r.put(
    '/api/v1/accounts/:id/team',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary:
          'Replace the account team: collaborators with a role and a default credit share (basis points)',
        params: idParams,
        body: teamBody,
        response: responses({ 200: ownershipSchema }),
      },
    },
    async (request) => service.setAccountTeam(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/ownership/transfer',
    {
      config: { access: 'ownership:transfer' },
      schema: {
        tags,
        summary:
          'Hand customers over with a note: to a person, each to its owner’s manager, or to a pool; open opportunities follow',
        body: transferBody,
        response: responses({
          200: z.object({ moved: z.number().int(), opportunitiesMoved: z.number().int() }),
        }),
      },
    },
    async (request) => service.transferAccounts(db, request.ctx, request.body),
  );

  r.get(
    '/api/v1/ownership/mine',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'The caller’s customers, soonest deadline first, each with its countdown',
        querystring: mineQuery,
        response: responses({ 200: pageOf(myCustomerSchema) }),
      },
    },
    async (request) => service.myCustomers(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/recovery-rules',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Recovery rules, in order',
        response: responses({ 200: z.array(recoveryRuleSchema) }),
      },
    },
    async () => rules.listRecoveryRules(db),
  );

  r.post(
    '/api/v1/recovery-rules',
    {
      config: { access: 'ownership:manage' },
      schema: {
        tags,
        summary:
          'Add a recovery rule; a job recomputes every protected customer’s deadline with it (its progress: ' +
          'GET /recovery-rules/redating)',
        body: recoveryRuleBody,
        response: responses({ 201: savedRecoveryRuleSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rules.createRecoveryRule(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/recovery-rules/:id',
    {
      config: { access: 'ownership:manage' },
      schema: {
        tags,
        summary: 'Change a recovery rule (a new version); a job recomputes the deadlines',
        params: idParams,
        body: recoveryRulePatch,
        response: responses({ 200: savedRecoveryRuleSchema }),
      },
    },
    async (request) => rules.updateRecoveryRule(db, request.ctx, request.params.id, request.body),
  );

  r.get(
    '/api/v1/recovery-rules/redating',
    {
      config: { access: 'ownership:manage' },
      schema: {
        tags,
        summary:
          'The latest recomputation of deadlines after a recovery rule changed: its state and progress',
        response: responses({ 200: redateSchema.nullable() }),
      },
    },
    async () => rules.redateStatus(db),
  );
}
