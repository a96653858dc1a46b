import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Browser protections on every response: a Content-Security-Policy the web UI runs under (its scripts are
 * the built files; Ant Design writes its styles at run time, hence inline styles), no framing, no MIME
 * sniffing, no referrer, and no caching of anything under /api/ — answers there carry people's data.
 * The API docs page brings its own policy (@fastify/swagger-ui's staticCSP).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Deployments may run on plain HTTP inside a network; HSTS belongs to the proxy that terminates TLS.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
