import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { SESSION_COOKIE } from '../../http/auth.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import type { Actor } from '../access/index.js';
import { getOwnUser, setOwnLanguage, toUser } from '../users/index.js';
import { LANGUAGES, type User } from '../users/users.schema.js';
import * as auth from './auth.service.js';
import {
  apiTokenSchema,
  changePasswordBody,
  createdTokenSchema,
  createTokenBody,
  loginBody,
  loginReply,
  meSchema,
} from './auth.schema.js';

type TokenRow = Awaited<ReturnType<typeof auth.listOwnApiTokens>>[number];
const toToken = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  lastUsedAt: t.last_used_at,
  revokedAt: t.revoked_at,
});

function me(user: User, actor: Actor) {
  return {
    user,
    permissions: [...actor.permissions].sort(),
    scope: actor.scope,
    viaToken: !!actor.tokenId,
  };
}

export function authRoutes(app: FastifyInstance, db: Db, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure:
      config.COOKIE_SECURE === 'always' || (config.COOKIE_SECURE === 'auto' && request.protocol === 'https'),
  });
  const clearCookie = (request: FastifyRequest, reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with login and password; sets an HTTP-only session cookie',
        body: loginBody,
        response: responses({ 200: loginReply }),
      },
    },
    async (request, reply) => {
      const result = await auth.login(db, config, request.id, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        ...cookieOptions(request),
        expires: new Date(result.expiresAt),
      });
      return { ...me(toUser(result.user), auth.actorFromUser(result.user)), expiresAt: result.expiresAt };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the current session', response: responses({ 204: noContent }) },
    },
    async (request, reply) => {
      if (request.sessionId) await auth.logout(db, request.ctx, request.sessionId);
      clearCookie(request, reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Who am I: user, permissions and data scope',
        response: responses({ 200: meSchema }),
      },
    },
    async (request) => me(await getOwnUser(db, request.ctx), request.ctx.actor),
  );

  r.patch(
    '/api/v1/me',
    {
      config: { access: 'profile:write' },
      schema: {
        tags: ['auth'],
        summary: 'Save my preferences (the UI language), for every device I sign in on',
        body: z.strictObject({ language: z.enum(LANGUAGES) }),
        response: responses({ 200: meSchema }),
      },
    },
    async (request) => me(await setOwnLanguage(db, request.ctx, request.body.language), request.ctx.actor),
  );

  r.post(
    '/api/v1/me/password',
    {
      config: { access: 'profile:write' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password; ends my other sessions',
        body: changePasswordBody,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await auth.changePassword(db, request.ctx, request.body, request.sessionId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me/tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'My API tokens',
        response: responses({ 200: z.object({ items: z.array(apiTokenSchema) }) }),
      },
    },
    async (request) => ({ items: (await auth.listOwnApiTokens(db, request.ctx)).map(toToken) }),
  );

  r.post(
    '/api/v1/me/tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is in this reply only',
        body: createTokenBody,
        response: responses({ 201: createdTokenSchema }),
      },
    },
    async (request, reply) => {
      const created = await auth.createApiToken(db, request.ctx, request.body);
      return reply.status(201).send({ ...toToken(created), token: created.token });
    },
  );

  r.delete(
    '/api/v1/me/tokens/:id',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: idParams,
        response: responses({ 200: apiTokenSchema }),
      },
    },
    async (request) => toToken(await auth.revokeApiToken(db, request.ctx, request.params.id)),
  );
}
