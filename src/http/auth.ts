import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Permission, RequestContext } from '../modules/access/permissions.js';
import { authenticateBearer, authenticateSession } from '../modules/auth/auth.service.js';

/** What a route requires: a permission, any signed-in caller, or nothing (health, login, docs). */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    sessionId: string | undefined;
  }
}

export const SESSION_COOKIE = 'fairshare_session';

/** What a user whose password someone else set may do before choosing one: see who they are, choose, leave. */
const BEFORE_NEW_PASSWORD = new Set(['/api/v1/me', '/api/v1/me/password', '/api/v1/auth/logout']);

/** What the people of a partner that cannot act (suspended, terminated) may still do: see why, and leave. */
const AFTER_PARTNER_ENDS = new Set(['/api/v1/me', '/api/v1/auth/logout']);

/**
 * Routes that need no declaration: the docs UI and the web UI's static files, which plugins register and
 * which are public by nature. Everything under /api/ and the health checks must declare their access.
 */
export function isPluginRoute(url: string): boolean {
  if (url.startsWith('/api/docs')) return true;
  return !url.startsWith('/api/') && url !== '/healthz' && url !== '/readyz';
}

export function registerAuth(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('sessionId', undefined);

  app.addHook('onRoute', (route) => {
    if (!route.config?.access && !isPluginRoute(route.url)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) {
        throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"', {
          reason: 'authorization_malformed',
        });
      }
      request.ctx = { actor: await authenticateBearer(db, match[1]), requestId: request.id };
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) throw new AppError('UNAUTHENTICATED', 'Please sign in', { reason: 'no_credentials' });
      if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) {
        throw new AppError('UNAUTHENTICATED', 'The session cookie is malformed; please sign in again', {
          reason: 'session_malformed',
        });
      }
      const { actor, sessionId, mustChangePassword, partnerBlock } = await authenticateSession(
        db,
        config,
        cookie,
      );
      request.ctx = { actor, requestId: request.id };
      request.sessionId = sessionId;
      // A suspended or terminated partner's people may still see who they are and sign out, nothing else.
      if (partnerBlock && !AFTER_PARTNER_ENDS.has(request.routeOptions.url ?? '')) throw partnerBlock;
      if (mustChangePassword && !BEFORE_NEW_PASSWORD.has(request.routeOptions.url ?? '')) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose your own password first', {
          reason: 'password_set_by_someone_else',
        });
      }
    }
    if (access !== 'authenticated' && !request.ctx.actor.permissions.has(access)) {
      throw new AppError('FORBIDDEN', `This needs the ${access} permission`, { permission: access });
    }
  });
}
