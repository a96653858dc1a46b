import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  createQuoteBody,
  listOverlapAlertsQuery,
  listQuotesQuery,
  overlapAlertSchema,
  quoteSchema,
  sentQuoteSchema,
} from './quotes.schema.js';
import * as service from './quotes.service.js';

export function quoteRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quotes'];

  r.get(
    '/api/v1/quotes',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Quotes on opportunities one sees, latest first',
        querystring: listQuotesQuery,
        response: responses({ 200: pageOf(quoteSchema) }),
      },
    },
    async (request) => {
      const { opportunityId, limit, offset } = request.query;
      return service.listQuotes(db, request.ctx, { opportunityId }, { limit, offset });
    },
  );

  r.post(
    '/api/v1/quotes',
    {
      config: { access: 'opportunities:write' },
      schema: {
        tags,
        summary:
          'Draft a quote on an open opportunity: lines priced in its currency (list price by default), totals ' +
          'computed exactly in minor units',
        body: createQuoteBody,
        response: responses({ 201: quoteSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createQuote(db, request.ctx, request.body)),
  );

  r.post(
    '/api/v1/quotes/:id/send',
    {
      config: { access: 'opportunities:write' },
      schema: {
        tags,
        summary:
          'Send a draft: fixes the quoting party (team or partner) and reports any other party’s quote on the ' +
          'same customer or group valid at the same time (stored as overlap alerts)',
        params: idParams,
        response: responses({ 200: sentQuoteSchema }),
      },
    },
    async (request) => service.sendQuote(db, request.ctx, request.params.id),
  );

  for (const [path, outcome] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
  ] as const)
    r.post(
      `/api/v1/quotes/:id/${path}`,
      {
        config: { access: 'opportunities:write' },
        schema: {
          tags,
          summary: `Record that the customer ${outcome} a sent quote still valid (409 QUOTE_WRONG_STATE otherwise)`,
          params: idParams,
          response: responses({ 200: quoteSchema }),
        },
      },
      async (request) => service.decideQuote(db, request.ctx, request.params.id, outcome),
    );

  r.get(
    '/api/v1/overlap-alerts',
    {
      config: { access: 'overlaps:read' },
      schema: {
        tags: ['overlaps'],
        summary:
          'Concurrent quotes: two parties quoting one customer or group in overlapping windows, latest first; ' +
          'each side named only where the caller may see it',
        querystring: listOverlapAlertsQuery,
        response: responses({ 200: pageOf(overlapAlertSchema) }),
      },
    },
    async (request) => service.listOverlapAlerts(db, request.ctx, request.query),
  );
}
