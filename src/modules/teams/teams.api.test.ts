import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('teams and organisation settings', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const post = (json: unknown) => server.call('/api/v1/teams', { cookie: admin, json });
  const patch = (id: string, json: unknown) =>
    server.call(`/api/v1/teams/${id}`, { method: 'PATCH', cookie: admin, json });

  it('builds a tree and refuses to put a team inside itself', async () => {
    const north = (await post({ name: '华北大区' })).body;
    const beijing = (await post({ name: '北京一组', parentId: north.id })).body;
    expect(beijing.parentId).toBe(north.id);
    const cycle = await patch(north.id, { parentId: beijing.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.fields[0]).toMatchObject({ field: 'parentId', problem: 'cycle' });
    const self = await patch(north.id, { parentId: north.id });
    expect(self.status).toBe(400);
  });

  it('refuses a second sibling with the same name (409) but allows it elsewhere', async () => {
    const parent = (await post({ name: 'Parent' })).body;
    expect((await post({ name: 'Sales', parentId: parent.id })).status).toBe(201);
    const dup = await post({ name: 'sales', parentId: parent.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'name', problem: 'taken' }),
    ]);
    expect((await post({ name: 'Sales' })).status).toBe(201);
  });

  it('deletes only empty teams', async () => {
    const team = (await post({ name: 'Short-lived' })).body;
    const member = await makeUser(t.database.db, { teamId: team.id });
    const refused = await server.call(`/api/v1/teams/${team.id}`, { method: 'DELETE', cookie: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ members: 1 });
    await server.call(`/api/v1/users/${member.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { teamId: null },
    });
    expect((await server.call(`/api/v1/teams/${team.id}`, { method: 'DELETE', cookie: admin })).status).toBe(
      204,
    );
    const list = await server.call('/api/v1/teams', { cookie: admin });
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(team.id);
  });

  it('reads and changes organisation settings, validating zone and currency', async () => {
    const org = await server.call('/api/v1/organization', { cookie: admin });
    expect(org.body).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY', defaultLanguage: 'zh-CN' });
    const bad = await server.call('/api/v1/organization', {
      method: 'PATCH',
      cookie: admin,
      json: { timeZone: 'Mars/Olympus', currency: 'XXQ' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'currency',
      'timeZone',
    ]);
    const ok = await server.call('/api/v1/organization', {
      method: 'PATCH',
      cookie: admin,
      json: { name: '示例科技', timeZone: 'Europe/Berlin', currency: 'eur', defaultLanguage: 'en' },
    });
    expect(ok.body).toMatchObject({
      name: '示例科技',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      defaultLanguage: 'en',
    });
    const rep = await makeUser(t.database.db);
    const repCookie = await server.login(rep.login);
    expect((await server.call('/api/v1/organization', { cookie: repCookie })).status).toBe(200);
    const denied = await server.call('/api/v1/organization', {
      method: 'PATCH',
      cookie: repCookie,
      json: { name: 'x' },
    });
    expect(denied.status).toBe(403);
  });
});
