import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import * as teams from './teams.service.js';
import { createTeamBody, teamSchema, updateTeamBody } from './teams.schema.js';

export function teamRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];

  r.get(
    '/api/v1/teams',
    {
      config: { access: 'teams:read' },
      schema: {
        tags,
        summary: 'All teams (a tree by parentId)',
        response: responses({ 200: z.object({ items: z.array(teamSchema) }) }),
      },
    },
    async (request) => ({ items: await teams.listTeams(db, request.ctx) }),
  );

  r.post(
    '/api/v1/teams',
    {
      config: { access: 'teams:write' },
      schema: {
        tags,
        summary: 'Create a team',
        body: createTeamBody,
        response: responses({ 201: teamSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await teams.createTeam(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/teams/:id',
    {
      config: { access: 'teams:write' },
      schema: {
        tags,
        summary: 'Rename, move or change the manager of a team',
        params: idParams,
        body: updateTeamBody,
        response: responses({ 200: teamSchema }),
      },
    },
    async (request) => teams.updateTeam(db, request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/api/v1/teams/:id',
    {
      config: { access: 'teams:write' },
      schema: {
        tags,
        summary: 'Delete an empty team',
        params: idParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await teams.deleteTeam(db, request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
