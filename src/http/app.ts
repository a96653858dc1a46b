import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { accountRoutes } from '../modules/accounts/accounts.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { decisionRoutes } from '../modules/decisions/decisions.routes.js';
import { exportRoutes } from '../modules/exports/exports.routes.js';
import { auditSetup, type AuditSetup } from '../modules/audit/index.js';
import { importRoutes } from '../modules/imports/imports.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { industryRoutes } from '../modules/industries/index.js';
import { orgRoutes } from '../modules/org/org.routes.js';
import { regionRoutes } from '../modules/regions/index.js';
import { teamRoutes } from '../modules/teams/teams.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { accessRequestRoutes } from '../modules/access-requests/index.js';
import { ownershipRoutes, poolRoutes } from '../modules/ownership/index.js';
import { assignmentRoutes } from '../modules/assignment/index.js';
import { activityRoutes } from '../modules/activities/index.js';
import { attachmentRoutes, registrationRoutes } from '../modules/registrations/index.js';
import { caseRoutes } from '../modules/cases/index.js';
import { territoryRoutes } from '../modules/territories/index.js';
import { reportRoutes } from '../modules/reports/index.js';
import { partnerRoutes } from '../modules/partners/index.js';
import { transactionRoutes } from '../modules/transactions/index.js';
import { commissionPeriodRoutes, commissionPlanRoutes } from '../modules/commission/index.js';
import { commissionExtraRoutes } from '../modules/commission/disputes.routes.js';
import { registerAuth, type RouteAccess } from './auth.js';
import { errorHandler } from './errors.js';
import { registerSecurityHeaders } from './security-headers.js';
import { badTextProblem } from './text-guard.js';
import { invalid } from '../errors.js';
import { loggerOptions } from './logger.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

function requestId(request: { headers: Record<string, unknown> }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export async function buildApp(
  db: Db,
  config: Config,
  audit: AuditSetup = auditSetup(config),
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  app.decorate('registeredRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        app.registeredRoutes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const problem =
      badTextProblem(request.params, '') ??
      badTextProblem(request.query, '') ??
      badTextProblem(request.body, '');
    done(problem ? invalid([problem]) : undefined);
  });
  // Graceful shutdown: requests in flight finish; their keep-alive connections then close instead of
  // holding the process open until the client's idle timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    if (closing) app.server.closeIdleConnections();
    done();
  });

  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fairshare API',
        version: '1',
        description:
          'Customer ownership, sales credit and commission. Authenticate with the session cookie (UI) or ' +
          '`Authorization: Bearer <token>` (integrations). Errors are `{ "error": { "code", "message", "details" } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'fairshare_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerAuth(app, db, config);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) return reply.status(503).send({ status: 'migrating', pending });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });

  authRoutes(app, db, config);
  userRoutes(app, db);
  teamRoutes(app, db);
  orgRoutes(app, db);
  auditRoutes(app, db, audit);
  accountRoutes(app, db);
  importRoutes(app, db);
  decisionRoutes(app, db);
  exportRoutes(app, db);
  regionRoutes(app);
  industryRoutes(app);
  accessRequestRoutes(app, db);
  ownershipRoutes(app, db);
  poolRoutes(app, db);
  assignmentRoutes(app, db);
  activityRoutes(app, db);
  registrationRoutes(app, db);
  attachmentRoutes(app, db);
  territoryRoutes(app, db);
  reportRoutes(app, db);
  partnerRoutes(app, db);
  caseRoutes(app, db);
  transactionRoutes(app, db);
  commissionPlanRoutes(app, db);
  commissionExtraRoutes(app, db);
  commissionPeriodRoutes(app, db);

  await serveWeb(app, config);
  return app;
}

/** The built React app, with every non-API path falling back to index.html for client-side routing. */
async function serveWeb(app: FastifyInstance, config: Config) {
  const root = config.WEB_DIST_DIR ?? `${packageRoot}dist/web`;
  const built = existsSync(`${root}/index.html`);
  if (built) await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request: FastifyRequest, reply) => {
    const isApi = request.url.startsWith('/api/');
    if (!isApi && request.method === 'GET' && built) return reply.sendFile('index.html');
    return reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message:
          isApi || built
            ? `No route ${request.method} ${request.url.split('?')[0]}`
            : 'The web UI is not built: run npm run build',
        details: { requestId: request.id },
      },
    });
  });
}
