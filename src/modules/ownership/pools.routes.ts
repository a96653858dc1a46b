import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf, pageQuery } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import { markNotificationsRead } from './notifications.js';
import * as notifications from './notifications.repo.js';
import {
  claimBody,
  distributeBody,
  poolAccountsQuery,
  poolBody,
  pooledAccountSchema,
  poolPatch,
  poolSchema,
} from './pools.schema.js';
import * as service from './pools.service.js';

const poolAccountParams = z.strictObject({ id: z.uuid(), accountId: z.uuid() });

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('a code the web translates, with params'),
  params: z.record(z.string(), z.unknown()),
  accountId: z.uuid().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export function poolRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pools'];

  r.get(
    '/api/v1/pools',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Pools the caller may claim from or distribute from',
        response: responses({ 200: z.array(poolSchema) }),
      },
    },
    async (request) => service.listPools(db, request.ctx),
  );

  r.post(
    '/api/v1/pools',
    {
      config: { access: 'ownership:manage' },
      schema: {
        tags,
        summary: 'Create a pool (公海) with its scope and claim rules',
        body: poolBody,
        response: responses({ 201: poolSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.createPool(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/pools/:id',
    {
      config: { access: 'ownership:manage' },
      schema: {
        tags,
        summary: 'Change a pool (a new version)',
        params: idParams,
        body: poolPatch,
        response: responses({ 200: poolSchema }),
      },
    },
    async (request) => service.updatePool(db, request.ctx, request.params.id, request.body),
  );

  r.get(
    '/api/v1/pools/:id/accounts',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Customers in the pool, newest first; contacts masked where the pool says so',
        params: idParams,
        querystring: poolAccountsQuery,
        response: responses({ 200: pageOf(pooledAccountSchema) }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return service.poolAccounts(db, request.ctx, request.params.id, filter, { limit, offset });
    },
  );

  r.get(
    '/api/v1/pools/:id/accounts/:accountId',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Open one pool record (counted against the pool’s daily view cap: CLAIM_LIMIT daily_views)',
        params: poolAccountParams,
        response: responses({ 200: pooledAccountSchema }),
      },
    },
    async (request) =>
      service.viewPooledAccount(db, request.ctx, request.params.id, request.params.accountId),
  );

  r.post(
    '/api/v1/pools/:id/accounts/:accountId/claim',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary:
          'Claim a pooled customer. Exactly one of several simultaneous claimants wins; the others get 409 ALREADY_CLAIMED. ' +
          'Limits: CLAIM_LIMIT, CLAIM_COOLDOWN, POOL_EMBARGO',
        params: poolAccountParams,
        body: claimBody,
        response: responses({
          200: z.object({
            accountId: z.uuid(),
            claimId: z.uuid(),
            endsAt: z.string().nullable(),
            decisionId: z.uuid(),
          }),
        }),
      },
    },
    async (request) =>
      service.claimFromPool(db, request.ctx, request.params.id, request.params.accountId, request.body.note),
  );

  r.post(
    '/api/v1/pools/:id/distribute',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'A pool admin hands pooled customers to a person, within that person’s holding cap',
        params: idParams,
        body: distributeBody,
        response: responses({ 200: z.object({ moved: z.number().int() }) }),
      },
    },
    async (request) => service.distributeFromPool(db, request.ctx, request.params.id, request.body),
  );

  r.get(
    '/api/v1/notifications',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notices, newest first, with the unread count',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pageQuery }),
        response: responses({ 200: pageOf(notificationSchema).extend({ unread: z.number().int() }) }),
      },
    },
    async (request) => {
      const { unread, limit, offset } = request.query;
      const userId = request.ctx.actor.id;
      if (!userId) return { items: [], total: 0, unread: 0, limit, offset };
      const page = await notifications.listNotifications(db, userId, unread === 'true', { limit, offset });
      return {
        items: page.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          params: n.params as Record<string, unknown>,
          accountId: n.account_id,
          readAt: n.read_at,
          createdAt: n.created_at,
        })),
        total: page.total,
        unread: page.unread,
        limit,
        offset,
      };
    },
  );

  r.post(
    '/api/v1/notifications/read',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark notices read: the ones named, or all',
        body: z.strictObject({ ids: z.array(z.uuid()).max(500).optional(), all: z.boolean().optional() }),
        response: responses({ 200: z.object({ marked: z.number().int() }) }),
      },
    },
    async (request) => ({
      marked: await markNotificationsRead(
        db,
        request.ctx,
        request.body.all ? 'all' : (request.body.ids ?? []),
      ),
    }),
  );
}
