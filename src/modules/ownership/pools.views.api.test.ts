import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('pool views and read notices are audited', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let rep: TestUser;
  let viewer: TestUser;
  const cookie = {} as Record<'rep' | 'viewer', string>;
  let poolId: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    rep = await makeUser(db(), { role: 'rep' });
    viewer = await makeUser(db(), { role: 'rep' });
    cookie.rep = await server.login(rep.login);
    cookie.viewer = await server.login(viewer.login);
    const admin = await server.login('admin');
    const pool = await server.call('/api/v1/pools', {
      cookie: admin,
      json: { name: `查看上限池 ${Date.now()}`, dailyViewCap: 1 },
    });
    poolId = pool.body.id;
  });
  afterAll(() => server.close());

  const auditOf = (action: string, actorId: string) =>
    db()
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'after'])
      .where('action', '=', action)
      .where('actor_id', '=', actorId)
      .execute();

  async function pooled() {
    const account = await makeAccount(db(), { owner: rep });
    await server.call(`/api/v1/accounts/${account.id}/release`, {
      cookie: cookie.rep,
      json: { reason: '释放', poolId },
    });
    return account.id;
  }

  it('audits the first opening of a pool record on a day, and nothing for a refused or repeated one', async () => {
    const [first, second] = [await pooled(), await pooled()];
    const open = (id: string) =>
      server.call(`/api/v1/pools/${poolId}/accounts/${id}`, { cookie: cookie.viewer });
    expect((await open(first)).status).toBe(200);
    expect((await open(first)).status).toBe(200);
    const capped = await open(second);
    expect(capped.body.error).toMatchObject({
      code: 'CLAIM_LIMIT',
      details: { limit: 'daily_views', max: 1 },
    });
    const missing = await open(crypto.randomUUID());
    expect(missing.status).toBe(404);
    const entries = await auditOf('pool.record_viewed', viewer.id);
    expect(entries).toEqual([
      {
        entity_type: 'pool',
        entity_id: poolId,
        after: expect.objectContaining({ accountId: first, viewsToday: 1, dailyViewCap: 1 }),
      },
    ]);
  });

  it('audits marking notices read, naming the ones marked, and nothing when none changed', async () => {
    await db()
      .insertInto('notifications')
      .values(
        ['ownership.assigned', 'ownership.released'].map((kind) => ({
          user_id: viewer.id,
          kind,
          params: JSON.stringify({ count: 1 }),
          account_id: null,
        })),
      )
      .execute();
    const listed = await server.call('/api/v1/notifications?unread=true', { cookie: cookie.viewer });
    expect(listed.body.unread).toBe(2);
    const one = listed.body.items[0].id;
    const marked = await server.call('/api/v1/notifications/read', {
      cookie: cookie.viewer,
      json: { ids: [one] },
    });
    expect(marked.body).toEqual({ marked: 1 });
    expect(
      (await server.call('/api/v1/notifications/read', { cookie: cookie.viewer, json: { all: true } })).body,
    ).toEqual({ marked: 1 });
    expect(
      (await server.call('/api/v1/notifications/read', { cookie: cookie.viewer, json: { all: true } })).body,
    ).toEqual({ marked: 0 });
    const entries = await auditOf('notification.read', viewer.id);
    expect(entries).toHaveLength(2);
    expect(entries).toContainEqual({
      entity_type: 'user',
      entity_id: viewer.id,
      after: { marked: 1, ids: [one] },
    });
  });
});
