import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { lockDurationMs } from './auth.service.js';

it('locks for 30 s after the allowed failures, doubling up to 15 minutes', () => {
  expect(lockDurationMs(4, 5)).toBe(0);
  expect(lockDurationMs(5, 5)).toBe(30_000);
  expect(lockDurationMs(6, 5)).toBe(60_000);
  expect(lockDurationMs(30, 5)).toBe(15 * 60_000);
});

describeEachEngine('authentication', (t) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(t.database, { LOGIN_MAX_FAILURES: 3 });
  });
  afterAll(() => server.close());

  it('signs in with an HTTP-only SameSite=Lax cookie and knows who I am', async () => {
    const user = await makeUser(t.database.db, { role: 'manager' });
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: user.login.toUpperCase(), password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; Secure is set behind HTTPS
    const cookie = setCookie.split(';')[0]!;
    const me = await server.call('/api/v1/me', { cookie });
    expect(me.body).toMatchObject({
      user: { login: user.login, role: 'manager' },
      scope: 'team',
      viaToken: false,
    });
    expect(me.body.permissions).toContain('users:read');
    expect(me.body.permissions).not.toContain('users:write');
  });

  it('saves my own language, audited, for my next sign-in anywhere; refuses other languages', async () => {
    const user = await makeUser(t.database.db, { role: 'rep' });
    const cookie = await server.login(user.login);
    const saved = await server.call('/api/v1/me', { method: 'PATCH', cookie, json: { language: 'zh-CN' } });
    expect(saved.status).toBe(200);
    expect(saved.body.user.language).toBe('zh-CN');
    const again = await server.login(user.login);
    expect((await server.call('/api/v1/me', { cookie: again })).body.user.language).toBe('zh-CN');
    const bad = await server.call('/api/v1/me', { method: 'PATCH', cookie, json: { language: 'fr' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('language');
    const other = await server.call('/api/v1/me', { method: 'PATCH', cookie, json: { role: 'admin' } });
    expect(other.status).toBe(400);
    const audit = await server.call(`/api/v1/audit?entityType=user&entityId=${user.id}`, {
      cookie: await server.login('admin'),
    });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('user.language_changed');
  });

  it('signs out and the cookie stops working', async () => {
    const user = await makeUser(t.database.db);
    const cookie = await server.login(user.login);
    expect((await server.call('/api/v1/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    const after = await server.call('/api/v1/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('session_unknown');
  });

  it('gives the same answer for an unknown login and a wrong password', async () => {
    const user = await makeUser(t.database.db);
    const wrong = await server.call('/api/v1/auth/login', {
      json: { login: user.login, password: 'wrong-password' },
    });
    const unknown = await server.call('/api/v1/auth/login', {
      json: { login: 'nobody-here', password: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('backs off after repeated failures, even for the right password, and audits them', async () => {
    const user = await makeUser(t.database.db);
    for (let i = 0; i < 3; i++) {
      await server.call('/api/v1/auth/login', { json: { login: user.login, password: 'bad-guess-123' } });
    }
    const locked = await server.call('/api/v1/auth/login', {
      json: { login: user.login, password: TEST_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const admin = await server.login('admin');
    const audit = await server.call(`/api/v1/audit?entityId=${user.login}&action=auth.login_failed`, {
      cookie: admin,
    });
    expect(audit.body.total).toBe(3);
  });

  it('answers a login nobody has exactly like a known one: status, body and the lock after failures', async () => {
    const user = await makeUser(t.database.db);
    const answers = async (login: string) => {
      const seen = [];
      for (let i = 0; i < 4; i++) {
        const r = await server.call('/api/v1/auth/login', { json: { login, password: 'bad-guess-123' } });
        seen.push({ status: r.status, code: r.body.error.code, message: r.body.error.message });
      }
      return seen;
    };
    const known = await answers(user.login);
    const unknown = await answers(`nobody-${user.login}`);
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('makes a user whose password someone else set choose their own before anything else', async () => {
    const admin = await server.login('admin');
    const created = await server.call('/api/v1/users', {
      cookie: admin,
      json: { login: `gen${Date.now()}`, displayName: 'Generated', role: 'rep', status: 'active' },
    });
    const password = created.body.generatedPassword as string;
    expect(created.body.mustChangePassword).toBe(true);
    const cookie = await server.login(created.body.login, password);
    const me = await server.call('/api/v1/me', { cookie });
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await server.call('/api/v1/accounts', { cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await server.call('/api/v1/me/password', {
      cookie,
      json: { currentPassword: password, newPassword: 'river-Lantern-77-quietly' },
    });
    expect(changed.status).toBe(204);
    expect((await server.call('/api/v1/accounts', { cookie })).status).toBe(200);
    const reset = await server.call(`/api/v1/users/${created.body.id}/reset-password`, {
      cookie: admin,
      method: 'POST',
    });
    expect(reset.status).toBe(200);
    const again = await server.login(created.body.login, reset.body.generatedPassword);
    expect((await server.call('/api/v1/accounts', { cookie: again })).body.error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
  });

  it('refuses inactive users', async () => {
    const user = await makeUser(t.database.db, { status: 'inactive' });
    const response = await server.call('/api/v1/auth/login', {
      json: { login: user.login, password: TEST_PASSWORD },
    });
    expect(response.status).toBe(401);
  });

  it('changes a password, checks the current one, and ends the other sessions', async () => {
    const user = await makeUser(t.database.db);
    const first = await server.login(user.login);
    const second = await server.login(user.login);
    const wrong = await server.call('/api/v1/me/password', {
      cookie: first,
      json: { currentPassword: 'nope', newPassword: 'another-secret-1' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0]).toMatchObject({
      field: 'currentPassword',
      problem: 'incorrect',
    });
    const weak = await server.call('/api/v1/me/password', {
      cookie: first,
      json: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.body.error.details.fields[0]).toMatchObject({
      field: 'newPassword',
      problem: 'password_too_short',
    });
    const ok = await server.call('/api/v1/me/password', {
      cookie: first,
      json: { currentPassword: TEST_PASSWORD, newPassword: 'another-secret-1' },
    });
    expect(ok.status).toBe(204);
    expect((await server.call('/api/v1/me', { cookie: first })).status).toBe(200);
    expect((await server.call('/api/v1/me', { cookie: second })).status).toBe(401);
    await server.login(user.login, 'another-secret-1');
  });

  it('creates, uses, lists and revokes API tokens; stores only a hash', async () => {
    const user = await makeUser(t.database.db, { role: 'sales_ops' });
    const cookie = await server.login(user.login);
    const created = await server.call('/api/v1/me/tokens', {
      cookie,
      json: { name: 'ERP sync', scopes: ['users:read'], expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.token;
    expect(secret).toMatch(/^fs_/);
    const stored = await t.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(10));

    const users = await server.call('/api/v1/users', { token: secret });
    expect(users.status).toBe(200);
    // The token carries only the scopes asked for, not everything the role could do.
    const write = await server.call('/api/v1/teams', { token: secret, json: { name: 'Nope' } });
    expect(write.status).toBe(403);
    expect(write.body.error.details.permission).toBe('teams:write');

    const list = await server.call('/api/v1/me/tokens', { cookie });
    expect(list.body.items[0]).toMatchObject({ name: 'ERP sync', scopes: ['users:read'] });
    expect(list.body.items[0].lastUsedAt).not.toBeNull();
    expect(list.body.items[0]).not.toHaveProperty('token');

    const revoked = await server.call(`/api/v1/me/tokens/${created.body.id}`, { method: 'DELETE', cookie });
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await server.call('/api/v1/users', { token: secret });
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('token_revoked');
  });

  it('refuses token scopes beyond the role and hides other users’ tokens', async () => {
    const rep = await makeUser(t.database.db, { role: 'rep' });
    const cookie = await server.login(rep.login);
    const beyond = await server.call('/api/v1/me/tokens', {
      cookie,
      json: { name: 'x', scopes: ['users:write'] },
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.details.fields[0]).toMatchObject({ field: 'scopes', problem: 'not_granted' });

    const other = await makeUser(t.database.db, { role: 'rep' });
    const otherCookie = await server.login(other.login);
    const token = await server.call('/api/v1/me/tokens', {
      cookie: otherCookie,
      json: { name: 'mine', scopes: ['org:read'] },
    });
    const steal = await server.call(`/api/v1/me/tokens/${token.body.id}`, { method: 'DELETE', cookie });
    expect(steal.status).toBe(404);
  });
});
