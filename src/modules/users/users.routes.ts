import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import * as users from './users.service.js';
import {
  createdUserSchema,
  createUserBody,
  listUsersQuery,
  updateUserBody,
  userSchema,
} from './users.schema.js';

export function userRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/v1/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags,
        summary: 'Users within the caller’s data scope',
        querystring: listUsersQuery,
        response: responses({ 200: pageOf(userSchema) }),
      },
    },
    async (request) => users.listUsers(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/users/:id',
    {
      config: { access: 'users:read' },
      schema: { tags, summary: 'One user', params: idParams, response: responses({ 200: userSchema }) },
    },
    async (request) => users.getUser(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/users',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Create a user',
        body: createUserBody,
        response: responses({ 201: createdUserSchema }),
      },
    },
    async (request, reply) => reply.status(201).send(await users.createUser(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Change a user (role, team, status …); inactive users are signed out',
        params: idParams,
        body: updateUserBody,
        response: responses({ 200: userSchema }),
      },
    },
    async (request) => users.updateUser(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Give a user a new generated password; ends all their sessions',
        params: idParams,
        response: responses({ 200: z.object({ generatedPassword: z.string() }) }),
      },
    },
    async (request) => ({
      generatedPassword: await users.resetUserPassword(db, request.ctx, request.params.id),
    }),
  );
}
