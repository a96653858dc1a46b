import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { recoverDue } from '../ownership/recovery.js';

describeEachEngine('reports: distribution, overlap and KPIs', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let admin: string;
  let manager: TestUser;
  let rep: TestUser;
  let peer: TestUser;
  let outsider: TestUser;
  const cookie = {} as Record<'rep' | 'peer' | 'manager' | 'outsider' | 'partner', string>;
  let poolId: string;
  const names: string[] = [];

  const get = async (path: string, c: string) => server.call(path, { cookie: c });
  const row = (body: { rows: { userId: string }[] }, userId: string) =>
    body.rows.find((r) => r.userId === userId);

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    const otherTeam = await makeTeam(db());
    manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    await db().updateTable('teams').set({ manager_id: manager.id }).where('id', '=', team.id).execute();
    rep = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '王芳' });
    peer = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '赵磊' });
    outsider = await makeUser(db(), { role: 'rep', teamId: otherTeam.id, displayName: '孙悦' });
    const partner = await makeUser(db(), { role: 'partner_user', partnerId: await makePartnerId(db()) });
    admin = await server.login('admin');
    cookie.rep = await server.login(rep.login);
    cookie.peer = await server.login(peer.login);
    cookie.manager = await server.login(manager.login);
    cookie.outsider = await server.login(outsider.login);
    cookie.partner = await server.login(partner.login);
    const pool = await server.call('/api/v1/pools', {
      cookie: admin,
      json: {
        name: `报表公海 ${Date.now()}`,
        claimsPerDay: 5,
        maxOwned: 200,
        cooldownDays: 7,
        embargoHours: 0,
      },
    });
    expect(pool.status).toBe(201);
    poolId = pool.body.id;
    const rule = await server.call('/api/v1/recovery-rules', {
      cookie: admin,
      json: { name: '30 天未跟进', position: 1, scope: 'global', poolId, trigger: 'no_follow_up', days: 30 },
    });
    expect(rule.status).toBe(201);

    // rep: receives three at admission (one long ago), releases one (peer claims it), loses one to recovery.
    const accounts = [];
    for (let i = 0; i < 3; i++) accounts.push(await makeAccount(db(), { owner: rep }));
    names.push(...accounts.map((a) => a.legalName));
    const [released, recovered] = accounts;
    expect(
      (
        await server.call(`/api/v1/accounts/${released!.id}/release`, {
          cookie: cookie.rep,
          json: { reason: '释放' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await server.call(`/api/v1/pools/${poolId}/accounts/${released!.id}/claim`, {
          cookie: cookie.peer,
          json: {},
        })
      ).status,
    ).toBe(200);
    await db()
      .updateTable('ownership_claims')
      // Held 40 days without a follow-up: past the rule's 30, and received before the report's window.
      .set({
        started_at: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        ends_at: new Date(Date.now() - 60_000).toISOString(),
      })
      .where('account_id', '=', recovered!.id)
      .where('ended_at', 'is', null)
      .execute();
    await runWork(db(), systemContext('test'), (w) => recoverDue(w, new Date()));
  });
  afterAll(() => server.close());

  it('publishes every internal rep’s counts and the rules in force, without a customer', async () => {
    // Published: a rep of another team sees the same figures as an admin.
    for (const c of [cookie.outsider, admin]) {
      const reply = await get('/api/v1/reports/distribution', c);
      expect(reply.status).toBe(200);
      expect(row(reply.body, rep.id)).toMatchObject({
        displayName: '王芳',
        received: 2,
        claimed: 0,
        released: 1,
        recovered: 1,
        held: 1,
      });
      expect(row(reply.body, peer.id)).toMatchObject({ received: 0, claimed: 1, held: 1 });
      expect(row(reply.body, outsider.id)).toMatchObject({ received: 0, held: 0 });
      const text = JSON.stringify(reply.body);
      for (const name of names) expect(text).not.toContain(name);
      expect(reply.body.pools).toContainEqual(
        expect.objectContaining({ poolId, claimsPerDay: 5, maxOwned: 200, cooldownDays: 7, embargoHours: 0 }),
      );
      expect(reply.body.recoveryRules).toContainEqual(
        expect.objectContaining({ name: '30 天未跟进', trigger: 'no_follow_up', days: 30 }),
      );
    }
    // A window before any of it counts nothing but what is held now.
    const past = await get('/api/v1/reports/distribution?from=2020-01-01&to=2020-01-31', admin);
    expect(past.body).toMatchObject({ from: '2020-01-01', to: '2020-01-31' });
    expect(row(past.body, rep.id)).toMatchObject({ received: 0, released: 0, recovered: 0, held: 1 });
  });

  it('counts accounts touched by more than one party, per week, in the caller’s scope', async () => {
    const account = await makeAccount(db(), { owner: rep });
    await db()
      .insertInto('follow_ups')
      .values([
        {
          account_id: account.id,
          user_id: outsider.id,
          kind: 'call',
          at: new Date().toISOString(),
          note: '顺路拜访',
          by_owner: false,
        },
        {
          account_id: account.id,
          user_id: rep.id,
          kind: 'visit',
          at: new Date().toISOString(),
          note: '例行拜访',
          by_owner: true,
        },
      ])
      .execute();
    const ids = (body: { accounts: { id: string }[] }) => body.accounts.map((a) => a.id);
    const mine = await get('/api/v1/reports/overlap', cookie.manager);
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toContain(account.id);
    expect(mine.body.accounts.find((a: { id: string }) => a.id === account.id).reasons).toEqual([
      'non_owner_follow_up',
    ]);
    expect(mine.body.byReason.non_owner_follow_up).toBeGreaterThanOrEqual(1);
    expect(mine.body.overlapping).toBeGreaterThanOrEqual(1);
    expect(mine.body.active).toBeGreaterThanOrEqual(mine.body.overlapping);
    expect(mine.body.rate).toBeGreaterThan(0);
    expect(mine.body.rate).toBeLessThanOrEqual(1);
    expect(mine.body.weeks.length).toBeGreaterThanOrEqual(5);
    const week = mine.body.weeks.at(-1);
    expect(week.overlapping).toBeGreaterThanOrEqual(1);
    expect(new Date(`${week.week}T12:00:00Z`).getUTCDay()).toBe(1);
    expect(ids((await get('/api/v1/reports/overlap', admin)).body)).toContain(account.id);
    // Out of the other team's rep's sight, though it made the call.
    const theirs = await get('/api/v1/reports/overlap', cookie.outsider);
    expect(theirs.status).toBe(200);
    expect(ids(theirs.body)).not.toContain(account.id);
    expect(JSON.stringify(theirs.body)).not.toContain(account.legalName);
  });

  it('gives KPIs: expiring protections in scope, pool sizes, flow and release-to-claim', async () => {
    const soon = await makeAccount(db(), { owner: peer });
    await db()
      .updateTable('ownership_claims')
      .set({ ends_at: new Date(Date.now() + 2 * 86_400_000).toISOString() })
      .where('account_id', '=', soon.id)
      .where('ended_at', 'is', null)
      .execute();
    const own = await get('/api/v1/reports/kpis', cookie.peer);
    expect(own.status).toBe(200);
    expect(own.body.expiring).toMatchObject({ within3: 1, within7: 1 });
    expect(own.body.expiring.within30).toBeGreaterThanOrEqual(1);
    expect(own.body.expiring.byDay).toHaveLength(31);
    expect(own.body.expiring.byDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(
      own.body.expiring.within30,
    );
    const outsiders = await get('/api/v1/reports/kpis', cookie.outsider);
    expect(outsiders.body.expiring).toMatchObject({ within3: 0, within7: 0, within30: 0 });
    const managers = await get('/api/v1/reports/kpis', cookie.manager);
    expect(managers.body.expiring.within3).toBeGreaterThanOrEqual(1);
    expect(own.body.pools).toContainEqual({ poolId, name: expect.any(String), size: 1 });
    expect(own.body.flow).toHaveLength(30);
    const flow = own.body.flow.reduce(
      (s: { in: number; out: number }, d: { in: number; out: number }) => ({
        in: s.in + d.in,
        out: s.out + d.out,
      }),
      { in: 0, out: 0 },
    );
    expect(flow.in).toBeGreaterThanOrEqual(2);
    expect(flow.out).toBeGreaterThanOrEqual(1);
    expect(own.body.releaseToClaim.pairs).toBeGreaterThanOrEqual(1);
    expect(own.body.releaseToClaim.medianHours).toBeGreaterThanOrEqual(0);
  });

  it('refuses partners', async () => {
    for (const path of ['/api/v1/reports/distribution', '/api/v1/reports/overlap', '/api/v1/reports/kpis']) {
      const reply = await get(path, cookie.partner);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses bad windows, naming the field', async () => {
    const cases: [string, string, string][] = [
      ['from=2026-03-01&to=2026-02-01', 'from', 'after_to'],
      ['from=2026-02-30', 'from', 'invalid_format'],
      ['to=yesterday', 'to', 'invalid_format'],
      ['from=2020-01-01&to=2026-01-01', 'from', 'range_too_long'],
      ['since=2026-01-01', 'since', 'unknown_field'],
    ];
    for (const report of ['distribution', 'overlap'])
      for (const [query, field, problem] of cases) {
        const reply = await get(`/api/v1/reports/${report}?${query}`, admin);
        expect(reply.status, query).toBe(400);
        expect(reply.body.error.details.fields, query).toContainEqual(
          expect.objectContaining({ field, problem }),
        );
      }
  });
});
