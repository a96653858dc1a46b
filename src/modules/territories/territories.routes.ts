import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import * as fence from './fence.service.js';
import {
  addAuthorisationBody,
  authorisationSchema,
  comparisonQuery,
  comparisonSchema,
  createModelBody,
  exceptionSchema,
  fenceQuery,
  fenceSchema,
  grantExceptionBody,
  listExceptionsQuery,
  mapSchema,
  modelAuthorisationParams,
  modelSchema,
  modelTerritoryParams,
  saveTerritoryBody,
} from './territories.schema.js';
import * as service from './territories.service.js';

export function territoryRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['territories'];

  r.get(
    '/api/v1/territories',
    {
      config: { access: 'territories:read' },
      schema: {
        tags,
        summary:
          'The active territory model: its tree and the authorisations the caller may see (a partner its own; staff by scope)',
        response: responses({ 200: mapSchema }),
      },
    },
    async (request) => service.activeMap(db, request.ctx.actor),
  );

  r.get(
    '/api/v1/fence',
    {
      config: { access: 'territories:read' },
      schema: {
        tags,
        summary:
          'The electronic fence: may this partner (or team) act in this region × industry × product line on this date? Refused answers carry OUTSIDE_TERRITORY and what it is authorised for',
        querystring: fenceQuery,
        response: responses({ 200: fenceSchema }),
      },
    },
    async (request) => fence.fenceFor(db, request.ctx.actor, request.query),
  );

  r.get(
    '/api/v1/territory-models',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'Territory models: the active one, drafts and retired ones, newest first',
        response: responses({ 200: z.object({ items: z.array(modelSchema) }) }),
      },
    },
    async () => service.listModels(db),
  );

  r.post(
    '/api/v1/territory-models',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'Make a draft: a copy of the active model (or of basedOn)',
        body: createModelBody,
        response: responses({ 201: modelSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createDraft(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/territory-models/:id',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'A model’s tree and every authorisation in it',
        params: idParams,
        response: responses({ 200: mapSchema }),
      },
    },
    async (request) => service.modelMap(db, request.params.id),
  );

  r.put(
    '/api/v1/territory-models/:id/territories',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary:
          'Add or change a territory of a draft by its code (409 TERRITORY_MODEL_NOT_DRAFT; 409 EXCLUSIVE_CONFLICT when wider areas make exclusive authorisations collide)',
        params: idParams,
        body: saveTerritoryBody,
        response: responses({ 200: mapSchema }),
      },
    },
    async (request) => service.saveTerritory(db, request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/api/v1/territory-models/:id/territories/:code',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary:
          'Remove a territory of a draft (409 TERRITORY_IN_USE while it has children or authorisations)',
        params: modelTerritoryParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await service.removeTerritory(db, request.ctx, request.params.id, request.params.code);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/territory-models/:id/authorisations',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary:
          'Authorise a partner or a direct team on a territory of a draft (409 EXCLUSIVE_CONFLICT naming what it collides with)',
        params: idParams,
        body: addAuthorisationBody,
        response: responses({ 201: authorisationSchema }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addAuthorisation(db, request.ctx, request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/territory-models/:id/authorisations/:authorisationId',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'Remove an authorisation from a draft',
        params: modelAuthorisationParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await service.removeAuthorisation(db, request.ctx, request.params.id, request.params.authorisationId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/territory-models/:id/comparison',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary:
          'Compare a model with the active one: which parties gain and lose which cells, which partners’ customers fall outside',
        params: idParams,
        querystring: comparisonQuery,
        response: responses({ 200: comparisonSchema }),
      },
    },
    async (request) => service.compareModel(db, request.params.id, request.query.date),
  );

  r.post(
    '/api/v1/territory-models/:id/activate',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'Activate a draft (the active model retires); the decision records what changed',
        params: idParams,
        response: responses({ 200: modelSchema }),
      },
    },
    async (request) => service.activateModel(db, request.ctx, request.params.id),
  );

  r.get(
    '/api/v1/territory-exceptions',
    {
      config: { access: 'territories:read' },
      schema: {
        tags,
        summary: 'Fence exceptions (a partner sees its own)',
        querystring: listExceptionsQuery,
        response: responses({ 200: z.object({ items: z.array(exceptionSchema) }) }),
      },
    },
    async (request) => fence.listExceptions(db, request.ctx.actor, request.query),
  );

  r.post(
    '/api/v1/territory-exceptions',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'Let a partner past the fence for one customer or one region until a date (audited)',
        body: grantExceptionBody,
        response: responses({ 201: exceptionSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fence.grantException(db, request.ctx, request.body)),
  );

  r.post(
    '/api/v1/territory-exceptions/:id/revoke',
    {
      config: { access: 'territories:manage' },
      schema: {
        tags,
        summary: 'End an exception now',
        params: idParams,
        response: responses({ 200: exceptionSchema }),
      },
    },
    async (request) => fence.revokeException(db, request.ctx, request.params.id),
  );
}
