import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  createProductBody,
  createProductLineBody,
  listProductsQuery,
  productLineSchema,
  productSchema,
  updateProductBody,
} from './products.schema.js';
import * as service from './products.service.js';

export function productRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];

  r.get(
    '/api/v1/product-lines',
    {
      config: { access: 'products:read' },
      schema: {
        tags,
        summary: 'Every product line, with how many active products it has',
        response: responses({ 200: z.object({ items: z.array(productLineSchema) }) }),
      },
    },
    async () => service.listProductLines(db),
  );

  r.post(
    '/api/v1/product-lines',
    {
      config: { access: 'products:write' },
      schema: {
        tags,
        summary: 'Add a product line (409 PRODUCT_CODE_TAKEN for a code in use)',
        body: createProductLineBody,
        response: responses({ 201: productLineSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createProductLine(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/products',
    {
      config: { access: 'products:read' },
      schema: {
        tags,
        summary: 'The catalogue: products with their line and list price (a decimal string)',
        querystring: listProductsQuery,
        response: responses({ 200: pageOf(productSchema) }),
      },
    },
    async (request) => service.listProducts(db, request.query),
  );

  r.post(
    '/api/v1/products',
    {
      config: { access: 'products:write' },
      schema: {
        tags,
        summary: 'Add a product (409 PRODUCT_CODE_TAKEN for a code in use)',
        body: createProductBody,
        response: responses({ 201: productSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createProduct(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/products/:id',
    {
      config: { access: 'products:write' },
      schema: {
        tags,
        summary: 'Rename, move, re-price or retire a product (a price and its currency change together)',
        params: idParams,
        body: updateProductBody,
        response: responses({ 200: productSchema }),
      },
    },
    async (request) => service.updateProduct(db, request.ctx, request.params.id, request.body),
  );
}
