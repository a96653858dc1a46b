import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePartnerId, makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('users and scopes', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  it('creates a user, normalises login and phone, audits it, and never returns the password hash', async () => {
    const team = await makeTeam(t.database.db);
    const created = await server.call('/api/v1/users', {
      cookie: admin,
      json: { login: 'Li.Lei', displayName: '李雷', role: 'rep', teamId: team.id, phone: '138-1234-5678' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      login: 'li.lei',
      phone: '+8613812345678',
      teamId: team.id,
      status: 'active',
    });
    expect(created.body.generatedPassword).toMatch(/.{12,}/);
    expect(JSON.stringify(created.body)).not.toMatch(/scrypt/);
    await server.login('li.lei', created.body.generatedPassword);
    const audit = await server.call(
      `/api/v1/audit?entityType=user&entityId=${created.body.id}&action=user.created`,
      {
        cookie: admin,
      },
    );
    expect(audit.body.items[0]).toMatchObject({ actorLabel: 'admin', after: { login: 'li.lei' } });
    expect(audit.body.items[0].requestId).toBe(created.headers.get('x-request-id'));
  });

  it('answers a taken login with 409 — also when many requests race for it', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        server.call('/api/v1/users', {
          cookie: admin,
          json: { login: 'racer', displayName: 'R', role: 'rep' },
        }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const conflict = attempts.find((a) => a.status === 409)!;
    expect(conflict.body.error).toMatchObject({
      code: 'LOGIN_TAKEN',
      details: { fields: [{ field: 'login', problem: 'taken' }] },
    });
    const rows = await t.database.db.selectFrom('users').select('id').where('login', '=', 'racer').execute();
    expect(rows).toHaveLength(1);
  });

  it('rejects references to missing teams and managers, naming the fields, and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await server.call('/api/v1/users', {
      cookie: admin,
      json: {
        login: 'ghost',
        displayName: 'G',
        role: 'rep',
        teamId: crypto.randomUUID(),
        managerId: crypto.randomUUID(),
        password: 'password',
      },
    });
    expect(response.status).toBe(400);
    const fields = response.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    // The references and the password are checked together; a phone's format is the schema's (with the
    // e-mail's, see http/field-errors.api.test.ts), answered before anything reads the database.
    expect(fields).toEqual(['managerId', 'password', 'teamId']);
    const after = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(
      await t.database.db.selectFrom('users').select('id').where('login', '=', 'ghost').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('shows a manager their team subtree, a rep only themself, and 404s the rest', async () => {
    const region = await makeTeam(t.database.db, { name: 'Region' });
    const city = await makeTeam(t.database.db, { name: 'City', parentId: region.id });
    const elsewhere = await makeTeam(t.database.db, { name: 'Elsewhere' });
    const manager = await makeUser(t.database.db, { role: 'manager', teamId: region.id });
    const inCity = await makeUser(t.database.db, { role: 'rep', teamId: city.id });
    const outside = await makeUser(t.database.db, { role: 'rep', teamId: elsewhere.id });

    const managerCookie = await server.login(manager.login);
    const seen = await server.call('/api/v1/users?limit=200', { cookie: managerCookie });
    const ids = seen.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([manager.id, inCity.id]));
    expect(ids).not.toContain(outside.id);
    expect(seen.body.total).toBe(ids.length);
    expect((await server.call(`/api/v1/users/${outside.id}`, { cookie: managerCookie })).status).toBe(404);

    const repCookie = await server.login(inCity.login);
    const repSees = await server.call('/api/v1/users', { cookie: repCookie });
    expect(repSees.body.items.map((u: { id: string }) => u.id)).toEqual([inCity.id]);
    expect((await server.call(`/api/v1/users/${manager.id}`, { cookie: repCookie })).status).toBe(404);
    expect(
      (
        await server.call('/api/v1/users', {
          cookie: repCookie,
          json: { login: 'x9', displayName: 'x', role: 'rep' },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps partner users inside their partner', async () => {
    const partnerA = await makePartnerId(t.database.db);
    const partnerB = await makePartnerId(t.database.db);
    const adminA = await makeUser(t.database.db, { role: 'partner_admin', partnerId: partnerA });
    const userA = await makeUser(t.database.db, { role: 'partner_user', partnerId: partnerA });
    const userB = await makeUser(t.database.db, { role: 'partner_user', partnerId: partnerB });
    const cookie = await server.login(adminA.login);

    const list = await server.call('/api/v1/users?limit=200', { cookie });
    expect(list.body.items.map((u: { id: string }) => u.id).sort()).toEqual([adminA.id, userA.id].sort());
    expect((await server.call(`/api/v1/users/${userB.id}`, { cookie })).status).toBe(404);
    expect((await server.call('/api/v1/teams', { cookie })).status).toBe(403);
    expect((await server.call('/api/v1/audit', { cookie })).status).toBe(403);

    const own = await server.call('/api/v1/users', {
      cookie,
      json: { login: 'pa.new', displayName: 'New', role: 'partner_user' },
    });
    expect(own.status).toBe(201);
    expect(own.body.partnerId).toBe(partnerA);
    const internal = await server.call('/api/v1/users', {
      cookie,
      json: { login: 'pa.rep', displayName: 'R', role: 'rep' },
    });
    expect(internal.status).toBe(403);
    const foreign = await server.call('/api/v1/users', {
      cookie,
      json: { login: 'pa.b', displayName: 'B', role: 'partner_user', partnerId: partnerB },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('partnerId');
    expect(
      (
        await server.call(`/api/v1/users/${userB.id}`, {
          method: 'PATCH',
          cookie,
          json: { displayName: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it('lets only an admin hand out admin, and nobody change their own role', async () => {
    const ops = await makeUser(t.database.db, { role: 'sales_ops' });
    const cookie = await server.login(ops.login);
    const promote = await server.call('/api/v1/users', {
      cookie,
      json: { login: 'wannabe', displayName: 'W', role: 'admin' },
    });
    expect(promote.status).toBe(403);
    const self = await server.call(`/api/v1/users/${ops.id}`, {
      method: 'PATCH',
      cookie,
      json: { role: 'manager' },
    });
    expect(self.status).toBe(422);
  });

  it('signs out a user who is made inactive and records why', async () => {
    const rep = await makeUser(t.database.db);
    const repCookie = await server.login(rep.login);
    const patched = await server.call(`/api/v1/users/${rep.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'inactive', reason: 'left the company' },
    });
    expect(patched.body.status).toBe('inactive');
    expect((await server.call('/api/v1/me', { cookie: repCookie })).status).toBe(401);
    const audit = await server.call(`/api/v1/audit?entityId=${rep.id}&action=user.updated`, {
      cookie: admin,
    });
    expect(audit.body.items[0]).toMatchObject({
      reason: 'left the company',
      before: { status: 'active' },
      after: { status: 'inactive' },
    });
  });

  it('resets a password to a generated one', async () => {
    const rep = await makeUser(t.database.db);
    const reset = await server.call(`/api/v1/users/${rep.id}/reset-password`, {
      method: 'POST',
      cookie: admin,
    });
    expect(reset.status).toBe(200);
    await server.login(rep.login, reset.body.generatedPassword);
  });
});
