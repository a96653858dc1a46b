import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { addDays, startOfLocalDate } from './deadline.js';
import { previousMonth } from './priority.js';

describeEachEngine('pools: the priority window for new entries', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let admin: string;
  let releaser: TestUser;
  const reps = {} as Record<'top' | 'second' | 'none', TestUser>;
  const cookie = {} as Record<'top' | 'second' | 'none' | 'releaser', string>;
  let newLeads: string;
  let returned: string;

  /** A deal won by `owner` in the middle of last month, where the organisation is. */
  async function wonLastMonth(owner: TestUser, amountMinor: string) {
    const org = await db().selectFrom('organization').select('time_zone').executeTakeFirstOrThrow();
    const { from } = previousMonth(new Date(), org.time_zone);
    const account = await makeAccount(db(), { owner });
    await db()
      .insertInto('opportunities')
      .values({
        account_id: account.id,
        owner_id: owner.id,
        name: 'won',
        status: 'won',
        amount_minor: amountMinor,
        closed_at: startOfLocalDate(addDays(from, 14), org.time_zone),
      })
      .execute();
  }

  async function pooled(poolId: string) {
    const account = await makeAccount(db(), { owner: releaser });
    const released = await server.call(`/api/v1/accounts/${account.id}/release`, {
      cookie: cookie.releaser,
      json: { reason: '释放', poolId },
    });
    expect(released.status).toBe(200);
    return account.id;
  }

  const claim = (poolId: string, accountId: string, who: keyof typeof cookie) =>
    server.call(`/api/v1/pools/${poolId}/accounts/${accountId}/claim`, { cookie: cookie[who], json: {} });

  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
    const team = await makeTeam(db());
    for (const key of ['top', 'second', 'none'] as const) {
      reps[key] = await makeUser(db(), { role: 'rep', teamId: team.id });
      cookie[key] = await server.login(reps[key].login);
    }
    releaser = await makeUser(db(), { role: 'rep', teamId: (await makeTeam(db())).id });
    cookie.releaser = await server.login(releaser.login);
    await wonLastMonth(reps.top, '500000');
    await wonLastMonth(reps.top, '100');
    await wonLastMonth(reps.second, '900000');
    const made = await server.call('/api/v1/pools', {
      cookie: admin,
      json: {
        name: `新线索池 ${Date.now()}`,
        kind: 'new',
        memberTeamIds: [team.id],
        priorityWindow: { hours: 48, measure: 'won_count', topN: 1 },
      },
    });
    expect(made.status).toBe(201);
    expect(made.body.priorityWindow).toEqual({ hours: 48, measure: 'won_count', topN: 1, topPercent: null });
    newLeads = made.body.id;
    const other = await server.call('/api/v1/pools', {
      cookie: admin,
      json: { name: `回流池 ${Date.now()}`, kind: 'returned', memberTeamIds: [team.id] },
    });
    expect(other.body.priorityWindow).toBeNull();
    returned = other.body.id;
  });
  afterAll(() => server.close());

  it('shows the window in the pool list and on each new entry', async () => {
    const id = await pooled(newLeads);
    const pools = await server.call('/api/v1/pools', { cookie: cookie.none });
    const listed = pools.body.find((p: { id: string }) => p.id === newLeads);
    expect(listed.priorityWindow).toMatchObject({ hours: 48, measure: 'won_count', topN: 1 });
    const entries = await server.call(`/api/v1/pools/${newLeads}/accounts`, { cookie: cookie.none });
    const entry = entries.body.items.find((a: { id: string }) => a.id === id);
    expect(Date.parse(entry.priorityUntil) - Date.parse(entry.pooledAt)).toBe(48 * 3_600_000);
  });

  it('refuses members ranked too low during the window, naming the rank needed and when it ends', async () => {
    const id = await pooled(newLeads);
    const none = await claim(newLeads, id, 'none');
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({
      code: 'POOL_PRIORITY_WINDOW',
      details: { measure: 'won_count', rank: 3, rankNeeded: 1, members: 3, value: '0' },
    });
    expect(Date.parse(none.body.error.details.until)).toBeGreaterThan(Date.now() + 47 * 3_600_000);
    const second = await claim(newLeads, id, 'second');
    expect(second.body.error).toMatchObject({ code: 'POOL_PRIORITY_WINDOW', details: { rank: 2 } });
    const top = await claim(newLeads, id, 'top');
    expect(top.status).toBe(200);
    const decision = await db()
      .selectFrom('decisions')
      .select('evidence')
      .where('id', '=', top.body.decisionId)
      .executeTakeFirstOrThrow();
    expect(decision.evidence).toContainEqual(
      expect.objectContaining({
        code: 'claim.priority_window',
        params: expect.objectContaining({ rank: 1, rankNeeded: 1, value: '2' }),
      }),
    );
  });

  it('ranks by the measure the pool names: by won amount the second rep comes first', async () => {
    const patched = await server.call(`/api/v1/pools/${newLeads}`, {
      method: 'PATCH',
      cookie: admin,
      json: { priorityWindow: { hours: 48, measure: 'won_amount', topN: 1 } },
    });
    expect(patched.status).toBe(200);
    const id = await pooled(newLeads);
    expect((await claim(newLeads, id, 'top')).body.error).toMatchObject({
      code: 'POOL_PRIORITY_WINDOW',
      details: { rank: 2, value: '500100' },
    });
    expect((await claim(newLeads, id, 'second')).status).toBe(200);
  });

  it('lets anyone claim once the window has passed, and applies only to the pool that has one', async () => {
    const id = await pooled(newLeads);
    await db()
      .updateTable('ownership_claims')
      .set({ started_at: new Date(Date.now() - 49 * 3_600_000).toISOString() })
      .where('account_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    expect((await claim(newLeads, id, 'none')).status).toBe(200);
    const fresh = await pooled(returned);
    expect((await claim(returned, fresh, 'none')).status).toBe(200);
  });

  it('refuses a window without a rank, or with both kinds of rank', async () => {
    for (const priorityWindow of [
      { hours: 24, measure: 'follow_ups' },
      { hours: 24, measure: 'follow_ups', topN: 2, topPercent: 10 },
      { hours: 0, measure: 'follow_ups', topN: 2 },
    ]) {
      const bad = await server.call(`/api/v1/pools/${returned}`, {
        method: 'PATCH',
        cookie: admin,
        json: { priorityWindow },
      });
      expect(bad.status, JSON.stringify(priorityWindow)).toBe(400);
    }
    const off = await server.call(`/api/v1/pools/${newLeads}`, {
      method: 'PATCH',
      cookie: admin,
      json: { priorityWindow: null },
    });
    expect(off.body.priorityWindow).toBeNull();
  });
});
