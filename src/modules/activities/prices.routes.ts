import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import { addPriceBody, priceParams, pricedSchema, priceQuery, priceSchema } from './prices.schema.js';
import * as service from './prices.service.js';

export function priceRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];

  r.get(
    '/api/v1/products/:id/prices',
    {
      config: { access: 'prices:read' },
      schema: {
        tags,
        summary: 'A product’s price list: list and tier prices per currency with their validity',
        params: idParams,
        response: responses({ 200: z.object({ items: z.array(priceSchema) }) }),
      },
    },
    async (request) => service.listPrices(db, request.params.id),
  );

  r.post(
    '/api/v1/products/:id/prices',
    {
      config: { access: 'products:write' },
      schema: {
        tags,
        summary:
          'Add a list price (tierCode null) or a tier price over a span of dates (409 PRICE_OVERLAP when another of the same currency and tier holds on one of them)',
        params: idParams,
        body: addPriceBody,
        response: responses({ 201: priceSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addPrice(db, request.ctx, request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/products/:id/prices/:priceId',
    {
      config: { access: 'products:write' },
      schema: {
        tags,
        summary: 'Remove a price list entry (audited)',
        params: priceParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await service.removePrice(db, request.ctx, request.params.id, request.params.priceId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/products/:id/price',
    {
      config: { access: 'prices:read' },
      schema: {
        tags,
        summary:
          'What the product costs in a currency on a date, for a tier if given (tier price, else list price; 404 NO_PRICE when none holds)',
        params: idParams,
        querystring: priceQuery,
        response: responses({ 200: pricedSchema }),
      },
    },
    async (request) => service.quotePrice(db, request.params.id, request.query),
  );
}
