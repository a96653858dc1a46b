import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTeam, makeUser } from '../db/testing/factories.js';
import { describeEachEngine } from '../db/testing/index.js';
import { runDueJobs } from '../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../db/testing/server.js';

/** What an outside probe found, each as a class: these must keep holding. */
describeEachEngine('security findings', (t) => {
  let server: TestServer;
  let ops: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const createAccount = async (cookie: string, legalName: string, extra: Record<string, unknown> = {}) => {
    const r = await server.call('/api/v1/accounts', {
      cookie,
      json: { legalName, confirm: { reason: 'a different company' }, ...extra },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string };
  };

  it('refuses NUL characters and lone surrogates in any field with 400 naming it, never 500', async () => {
    const probes: [string, { method?: string; json?: unknown }][] = [
      ['/api/v1/accounts', { json: { legalName: 'a\u0000b有限公司' } }],
      ['/api/v1/accounts', { json: { legalName: '正常有限公司', uscc: '9111\ud800' } }],
      ['/api/v1/accounts', { json: { legalName: '正常有限公司', website: 'x\udc00.com' } }],
      ['/api/v1/accounts', { json: { legalName: '正常有限公司', tags: ['ok', 'b\u0000'] } }],
      ['/api/v1/accounts/check', { json: { legalName: '正常', contacts: [{ name: 'x\u0000' }] } }],
      ['/api/v1/accounts?q=%00', {}],
      ['/api/v1/audit?action=a%00b', {}],
      ['/api/v1/users?q=%00', {}],
      ['/api/v1/auth/login', { json: { login: 'ad\u0000min', password: 'whatever-it-is' } }],
    ];
    for (const [path, init] of probes) {
      const r = await server.call(path, { cookie: admin, ...init });
      expect(r.status, `${path} ${JSON.stringify(init)}`).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details.fields[0].problem).toMatch(/bad_character|invalid/);
    }
  });

  it('never lets a token mint or act beyond its own scopes', async () => {
    const managing = await server.call('/api/v1/me/tokens', {
      cookie: ops,
      json: { name: 'tokens only', scopes: ['tokens:manage'] },
    });
    const token = managing.body.token as string;
    const escalate = await server.call('/api/v1/me/tokens', {
      token,
      json: { name: 'wider', scopes: ['accounts:write', 'tokens:manage'] },
    });
    expect(escalate.status).toBe(400);
    expect(escalate.body.error.details.fields[0]).toMatchObject({ field: 'scopes', problem: 'not_granted' });
    const narrower = await server.call('/api/v1/me/tokens', {
      token,
      json: { name: 'same', scopes: ['tokens:manage'] },
    });
    expect(narrower.status).toBe(201);
    const reading = (
      await server.call('/api/v1/me/tokens', {
        cookie: ops,
        json: { name: 'reader', scopes: ['accounts:read'] },
      })
    ).body.token as string;
    expect(
      (await server.call('/api/v1/me', { token: reading, method: 'PATCH', json: { language: 'en' } })).status,
    ).toBe(403);
    const password = await server.call('/api/v1/me/password', {
      token: reading,
      json: { currentPassword: 'x', newPassword: 'river-Lantern-77-quietly' },
    });
    expect(password.status).toBe(403);
    const profile = await server.call('/api/v1/me/tokens', {
      cookie: ops,
      json: { name: 'profile', scopes: ['profile:write'] },
    });
    expect(profile.status).toBe(400);
  });

  it('puts a rename through the duplicate check, also when two renames race', async () => {
    await createAccount(ops, '杭州西湖龙井茶业有限公司');
    const other = await createAccount(ops, '宁波四明山竹业有限公司');
    const renamed = await server.call(`/api/v1/accounts/${other.id}`, {
      cookie: ops,
      method: 'PATCH',
      json: { legalName: '杭州西湖龙井茶业有限公司' },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('DUPLICATE_ACCOUNT');
    const a = await createAccount(ops, '苏州太湖蟹业有限公司');
    const b = await createAccount(ops, '无锡惠山泥人有限公司');
    const race = await Promise.all(
      [a, b].map((x) =>
        server.call(`/api/v1/accounts/${x.id}`, {
          cookie: ops,
          method: 'PATCH',
          json: { legalName: '常州天目湖旅游有限公司' },
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses to take back a merge whose survivor was merged on, and stays consistent when the two race', async () => {
    const merge = (survivor: string, merged: string) =>
      server.call(`/api/v1/accounts/${survivor}/merge`, {
        cookie: ops,
        json: { mergedId: merged, reason: 'dup' },
      });
    const unmerge = (id: string) =>
      server.call(`/api/v1/accounts/merges/${id}/unmerge`, { cookie: ops, json: { reason: 'undo' } });
    const [a, b, c] = [
      await createAccount(ops, '合肥巢湖渔业有限公司', { phones: ['13955100001'] }),
      await createAccount(ops, '芜湖长江船务有限公司', { phones: ['13955300002'] }),
      await createAccount(ops, '蚌埠淮河粮油有限公司', { phones: ['13955200003'] }),
    ];
    const aIntoB = (await merge(b.id, a.id)).body.mergeId as string;
    const bIntoC = (await merge(c.id, b.id)).body.mergeId as string;
    const refused = await unmerge(aIntoB);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'MERGE_NOT_REVERSIBLE',
      details: { reason: 'survivor_merged', blockedBy: bIntoC },
    });
    expect((await unmerge(bIntoC)).status).toBe(200);
    expect((await unmerge(aIntoB)).status).toBe(200);

    for (let round = 0; round < 5; round++) {
      const x = await createAccount(ops, `南昌赣江${round}号贸易有限公司`, {
        phones: [`1397910000${round}`],
      });
      const y = await createAccount(ops, `九江庐山${round}号茶业有限公司`, {
        phones: [`1397920000${round}`],
      });
      const z = await createAccount(ops, `赣州脐橙${round}号果业有限公司`, {
        phones: [`1397970000${round}`],
      });
      const xIntoY = (await merge(y.id, x.id)).body.mergeId as string;
      const [undo, on] = await Promise.all([unmerge(xIntoY), merge(z.id, y.id)]);
      const statuses = [undo.status, on.status];
      // One order or the other, never both halves of each.
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      const read = async (id: string) => (await server.call(`/api/v1/accounts/${id}`, { cookie: ops })).body;
      const [ax, ay] = [await read(x.id), await read(y.id)];
      if (undo.status === 200) expect(ax.status).toBe('active');
      else expect(ax).toMatchObject({ status: 'merged', mergedInto: y.id });
      if (on.status === 200) expect(ay).toMatchObject({ status: 'merged', mergedInto: z.id });
      const check = await server.call('/api/v1/accounts/check', {
        cookie: ops,
        json: { legalName: ax.legalName },
      });
      expect(
        check.body.matches.filter((m: { verdict: string }) => m.verdict === 'same').length,
      ).toBeLessThanOrEqual(1);
    }
  });

  it('shows merge history only as far as the caller may see, and hides merges it may not see entirely', async () => {
    const rep = await makeUser(t.database.db, { role: 'rep' });
    const repCookie = await server.login(rep.login);
    const mine = await createAccount(repCookie, '拉萨雪域青稞有限公司', { phones: ['13989100004'] });
    const theirs = await createAccount(ops, '日喀则珠峰牦牛有限公司', {
      phones: ['13989200005'],
      street: '秘密街道 8 号',
    });
    const merged = await server.call(`/api/v1/accounts/${mine.id}/merge`, {
      cookie: ops,
      json: { mergedId: theirs.id, reason: 'one company' },
    });
    const undone = await server.call(`/api/v1/accounts/merges/${merged.body.mergeId}/unmerge`, {
      cookie: ops,
      json: { reason: 'two after all' },
    });
    expect(undone.status).toBe(200);
    const history = await server.call(`/api/v1/accounts/${mine.id}/merges`, { cookie: repCookie });
    expect(history.body.items[0]).toMatchObject({
      visible: false,
      mergedId: null,
      delta: null,
      reason: null,
    });
    expect(JSON.stringify(history.body)).not.toMatch(/秘密街道|珠峰牦牛|13989200005/);
    const team = await makeTeam(t.database.db);
    const otherRep = await server.login(
      (await makeUser(t.database.db, { role: 'manager', teamId: team.id })).login,
    );
    const hidden = await server.call(`/api/v1/accounts/merges/${merged.body.mergeId}/unmerge`, {
      cookie: otherRep,
      json: { reason: 'probe' },
    });
    const missing = await server.call(`/api/v1/accounts/merges/${crypto.randomUUID()}/unmerge`, {
      cookie: otherRep,
      json: { reason: 'probe' },
    });
    expect(hidden.status).toBe(404);
    const shape = (b: { error: { code: string; message: string; details: object } }) => ({
      code: b.error.code,
      keys: Object.keys(b.error.details).sort(),
    });
    expect(shape(hidden.body)).toEqual(shape(missing.body));
  });

  it('sends browser protections on every response and keeps API answers out of caches', async () => {
    for (const [path, cookie] of [
      ['/api/v1/me', admin],
      ['/api/v1/accounts/00000000-0000-4000-8000-000000000000', admin],
      ['/api/v1/nothing-here', undefined],
      ['/healthz', undefined],
    ] as const) {
      const r = await server.call(path, cookie ? { cookie } : {});
      const h = r.headers;
      expect(h.get('content-security-policy'), path).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(h.get('x-frame-options'), path).toBe('DENY');
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      if (path.startsWith('/api/')) expect(h.get('cache-control'), path).toBe('no-store');
    }
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const user = await makeUser(t.database.db);
    const cookie = await server.login(user.login);
    expect((await server.call('/api/v1/me', { cookie })).status).toBe(200);
    await sql`update sessions set absolute_expires_at = now() - interval '1 second' where user_id = ${user.id}`.execute(
      t.database.db,
    );
    const after = await server.call('/api/v1/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('session_expired');
  });

  it('stops an import whose creator was deactivated instead of acting with their old rights', async () => {
    const creator = await makeUser(t.database.db, { role: 'sales_ops' });
    const cookie = await server.login(creator.login);
    const upload = await server.call('/api/v1/imports?filename=list.csv', {
      cookie,
      body: '名称\n贵阳花溪茶业有限公司\n',
      headers: { 'content-type': 'text/csv' },
    });
    await server.call(`/api/v1/users/${creator.id}`, {
      cookie: admin,
      method: 'PATCH',
      json: { status: 'inactive' },
    });
    await runDueJobs(t.database);
    const job = (await server.call(`/api/v1/imports/${upload.body.id}`, { cookie: admin })).body;
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/may no longer act/);
  });
});
