import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../db/testing/index.js';
import { startTestServer, type TestServer } from '../db/testing/server.js';
import { isPluginRoute } from './auth.js';

describeEachEngine('API conventions', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database, { BODY_LIMIT_BYTES: 4096 });
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  it('declares the access every route needs (only health, login, docs and the partner form are public)', () => {
    const routes = server.app.registeredRoutes.filter((r) => !isPluginRoute(r.url));
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access);
    expect(undeclared).toEqual([]);
    const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/openapi.json',
      'GET /healthz',
      'GET /readyz',
      'POST /api/v1/auth/login',
      'POST /api/v1/partner-applications',
    ]);
  });

  it('refuses to register a route that declares no access', () => {
    expect(() => server.app.get('/api/v1/oops', () => 'x')).toThrow();
  });

  it('sends a request id on every response and honours a sane incoming one', async () => {
    const fresh = await server.call('/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await server.call('/healthz', { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await server.call('/healthz', { headers: { 'x-request-id': 'a b\u00e9<script>' } });
    expect(hostile.headers.get('x-request-id')).not.toContain('script');
  });

  it('reports readiness with the database and migrations', async () => {
    expect((await server.call('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('publishes OpenAPI 3.1 describing the routes and the error body', async () => {
    const { status, body } = await server.call('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users', '/api/v1/audit', '/api/v1/me/tokens']),
    );
    expect(JSON.stringify(body.paths['/api/v1/users'].post.responses['409'])).toContain('code');
    const docs = await server.call('/api/docs');
    expect(docs.status).toBeLessThan(400);
  });

  it('names unknown fields, wrong types and missing fields', async () => {
    const { status, body } = await server.call('/api/v1/users', {
      cookie: admin,
      json: { login: 'x1', displayName: 5, role: 'rep', favouriteColour: 'red' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const fields = body.error.details.fields.map(
      (f: { field: string; problem: string }) => `${f.field}:${f.problem}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['favouriteColour:unknown_field', 'displayName:invalid_type']),
    );
  });

  it('rejects malformed JSON, oversized bodies and wrong content types with the error body', async () => {
    const malformed = await server.call('/api/v1/users', {
      cookie: admin,
      body: '{"login": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);

    const big = await server.call('/api/v1/users', {
      cookie: admin,
      json: { login: 'big', displayName: 'x'.repeat(10_000), role: 'rep' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const form = await server.call('/api/v1/users', {
      cookie: admin,
      body: 'login=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects bad cookies and tokens with 401 and a reason, never a 500', async () => {
    const cases = [
      { cookie: 'fairshare_session=garbage', reason: 'session_malformed' },
      { cookie: `fairshare_session=${'A'.repeat(43)}`, reason: 'session_unknown' },
      { headers: { authorization: 'Basic abc' }, reason: 'authorization_malformed' },
      { token: 'nope', reason: 'token_malformed' },
      { token: `fs_${'x'.repeat(43)}`, reason: 'token_unknown' },
    ];
    for (const c of cases) {
      const { status, body } = await server.call('/api/v1/me', c);
      expect(status, JSON.stringify(c)).toBe(401);
      expect(body.error.details.reason).toBe(c.reason);
    }
  });

  it('answers unknown API paths with 404 in the error body and keeps serving', async () => {
    const { status, body } = await server.call('/api/v1/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect((await server.call('/healthz')).status).toBe(200);
  });

  it('validates and documents pagination the same way on every list', async () => {
    const bad = await server.call('/api/v1/users?limit=1000', { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('limit');
    const page = await server.call('/api/v1/audit?limit=2&offset=0', { cookie: admin });
    expect(page.body).toMatchObject({ limit: 2, offset: 0 });
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.total).toBeGreaterThanOrEqual(page.body.items.length);
  });

  it('never leaks a stack trace', async () => {
    const { body } = await server.call('/api/v1/users/not-a-uuid', { cookie: admin });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  });
});

describeEachEngine('graceful shutdown', (t) => {
  it('finishes requests already in flight before closing', async () => {
    const server = await startTestServer(t.database);
    const admin = await server.login('admin');
    let received = 0;
    server.app.server.on('request', () => (received += 1));
    const inFlight = Array.from({ length: 10 }, () => server.call('/api/v1/users', { cookie: admin }));
    while (received < 10) await new Promise((r) => setTimeout(r, 1));
    await server.close();
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
  });
});
