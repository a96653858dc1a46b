import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { recoverDue } from './recovery.js';

describeEachEngine('ownership: pools, claims, recovery and transfers', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let admin: string;
  let manager: TestUser;
  let rep: TestUser;
  let other: TestUser;
  const cookie = {} as Record<'rep' | 'other' | 'manager', string>;
  let poolId: string;
  let ruleId: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    await db().updateTable('teams').set({ manager_id: manager.id }).where('id', '=', team.id).execute();
    rep = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '张伟' });
    other = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '李娜' });
    admin = await server.login('admin');
    cookie.rep = await server.login(rep.login);
    cookie.other = await server.login(other.login);
    cookie.manager = await server.login(manager.login);
    const pool = await server.call('/api/v1/pools', {
      cookie: admin,
      json: { name: `华南公海 ${Date.now()}`, claimsPerDay: 2, cooldownDays: 30 },
    });
    expect(pool.status).toBe(201);
    poolId = pool.body.id;
    const rule = await server.call('/api/v1/recovery-rules', {
      cookie: admin,
      json: { name: '90 天未跟进', position: 1, scope: 'global', poolId, trigger: 'no_follow_up', days: 90 },
    });
    expect(rule.status).toBe(201);
    ruleId = rule.body.id;
  });
  afterAll(() => server.close());

  const ownership = async (accountId: string, c: string) =>
    (await server.call(`/api/v1/accounts/${accountId}/ownership`, { cookie: c })).body;

  it('opens a protected claim at creation, with the deadline the rule gives, and explains it', async () => {
    const account = await makeAccount(db(), { owner: rep });
    const view = await ownership(account.id, cookie.rep);
    expect(view.current).toMatchObject({
      holder: { type: 'user', id: rep.id, name: '张伟' },
      kind: 'protected',
      via: 'admission',
    });
    expect(view.deadline).toMatchObject({
      poolId,
      ruleId,
      trigger: 'no_follow_up',
      days: 90,
      expired: false,
      anchorKind: 'claim',
    });
    expect(view.deadline.daysLeft).toBeGreaterThanOrEqual(90);
    const claims = await db()
      .selectFrom('ownership_claims')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    expect(claims).toHaveLength(1);
    const decision = await server.call(`/api/v1/decisions/${view.current.decisionId}`, {
      cookie: cookie.rep,
    });
    expect(decision.body.evidence.map((e: { code: string }) => e.code)).toContain('owner.creator');
  });

  it('releases to a pool, then lets exactly one claimant take it and tells the next it is gone', async () => {
    const account = await makeAccount(db(), { owner: rep });
    const id = account.id;
    const released = await server.call(`/api/v1/accounts/${id}/release`, {
      cookie: cookie.rep,
      json: { reason: '客户无需求' },
    });
    expect(released.status).toBe(200);
    expect(released.body.poolId).toBe(poolId);
    expect(
      await db()
        .selectFrom('accounts')
        .select(['owner_id', 'pool_id'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toEqual({ owner_id: null, pool_id: poolId });
    const listed = await server.call(`/api/v1/pools/${poolId}/accounts`, { cookie: cookie.other });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const claims = await Promise.all(
      [cookie.other, cookie.manager].map((c) =>
        server.call(`/api/v1/pools/${poolId}/accounts/${id}/claim`, { cookie: c, json: {} }),
      ),
    );
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(claims.find((c) => c.status === 409)!.body.error.code).toBe('ALREADY_CLAIMED');
    const open = await db()
      .selectFrom('ownership_claims')
      .select('user_id')
      .where('account_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toHaveLength(1);
  });

  it('refuses the former holder inside the cool-down, naming when it ends', async () => {
    const account = await makeAccount(db(), { owner: rep });
    const id = account.id;
    await server.call(`/api/v1/accounts/${id}/release`, { cookie: cookie.rep, json: { reason: '换人跟进' } });
    const again = await server.call(`/api/v1/pools/${poolId}/accounts/${id}/claim`, {
      cookie: cookie.rep,
      json: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CLAIM_COOLDOWN');
    expect(Date.parse(again.body.error.details.until)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('counts claims per day and names the limit and when it resets', async () => {
    const claimer = await makeUser(db(), { role: 'rep' });
    const c = await server.login(claimer.login);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await makeAccount(db(), { owner: rep });
      await server.call(`/api/v1/accounts/${a.id}/release`, {
        cookie: cookie.rep,
        json: { reason: '释放' },
      });
      ids.push(a.id);
    }
    for (const id of ids.slice(0, 2))
      expect(
        (await server.call(`/api/v1/pools/${poolId}/accounts/${id}/claim`, { cookie: c, json: {} })).status,
      ).toBe(200);
    const third = await server.call(`/api/v1/pools/${poolId}/accounts/${ids[2]}/claim`, {
      cookie: c,
      json: {},
    });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: 'CLAIM_LIMIT',
      details: { limit: 'claims_per_day', max: 2, count: 2 },
    });
    expect(Date.parse(third.body.error.details.resetsAt)).toBeGreaterThan(Date.now());
  });

  it('shows an expired protection as expired before the sweep, then the sweep releases it with its decision', async () => {
    const account = await makeAccount(db(), { owner: other });
    const id = account.id;
    // The claim began 100 days ago: its 90 days are over.
    const past = new Date(Date.now() - 100 * 86_400_000).toISOString();
    await db()
      .updateTable('ownership_claims')
      .set({ started_at: past })
      .where('account_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    await server.call(`/api/v1/recovery-rules/${ruleId}`, {
      method: 'PATCH',
      cookie: admin,
      json: { days: 90 },
    });
    await runDueJobs(t.database, ['ownership.redate']);
    const before = await ownership(id, cookie.other);
    expect(before.deadline.expired).toBe(true);
    expect(before.deadline.daysLeft).toBeLessThan(0);
    await runWork(db(), systemContext('test'), (w) => recoverDue(w, new Date()));
    const after = await db()
      .selectFrom('accounts')
      .select(['owner_id', 'pool_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ owner_id: null, pool_id: poolId });
    const history = await ownership(id, admin);
    expect(history.current).toMatchObject({ holder: { type: 'pool', id: poolId }, via: 'recovery' });
    expect(history.history[1]).toMatchObject({ endReason: 'recovered', holder: { id: other.id } });
    const decision = await server.call(`/api/v1/decisions/${history.current.decisionId}`, { cookie: admin });
    expect(decision.body).toMatchObject({ kind: 'ownership.release', verdict: 'recovered' });
    expect(decision.body.evidence[0]).toMatchObject({
      code: 'recovery.no_follow_up',
      params: { days: 90, anchorKind: 'claim' },
    });
    const notices = await server.call('/api/v1/notifications', { cookie: cookie.other });
    expect(notices.body.items.map((n: { kind: string }) => n.kind)).toContain('ownership.recovered');
  });

  it('transfers with a note, keeps the former owner on the team, and refuses an inactive target', async () => {
    const account = await makeAccount(db(), { owner: rep });
    const id = account.id;
    const gone = await makeUser(db(), { role: 'rep', status: 'inactive', teamId: rep.teamId });
    const refused = await server.call('/api/v1/ownership/transfer', {
      cookie: cookie.manager,
      json: { accountIds: [id], to: { type: 'user', userId: gone.id }, note: '离职交接' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'to.userId', problem: 'inactive' });
    const moved = await server.call('/api/v1/ownership/transfer', {
      cookie: cookie.manager,
      json: {
        accountIds: [id],
        to: { type: 'user', userId: other.id },
        note: '区域调整',
        keepFormerUntil: '2099-01-01',
      },
    });
    expect(moved.status).toBe(200);
    const view = await ownership(id, cookie.manager);
    expect(view.current).toMatchObject({ holder: { id: other.id }, via: 'transfer' });
    expect(view.team).toEqual([
      expect.objectContaining({ userId: rep.id, role: 'former_owner', until: '2099-01-01' }),
    ]);
    // A rep may not hand customers over.
    const byRep = await server.call('/api/v1/ownership/transfer', {
      cookie: cookie.other,
      json: { accountIds: [id], to: { type: 'user', userId: rep.id }, note: 'x' },
    });
    expect(byRep.status).toBe(403);
  });

  it('refuses to deactivate someone who holds customers until they are handed over, then hands them all over', async () => {
    const leaver = await makeUser(db(), { role: 'rep', teamId: rep.teamId });
    const held = [await makeAccount(db(), { owner: leaver }), await makeAccount(db(), { owner: leaver })];
    const refused = await server.call(`/api/v1/users/${leaver.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'inactive' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'USER_HOLDS_CUSTOMERS', details: { count: 2 } });
    expect(
      (await db().selectFrom('users').select('status').where('id', '=', leaver.id).executeTakeFirst())
        ?.status,
    ).toBe('active');
    const done = await server.call(`/api/v1/users/${leaver.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'inactive', handover: { type: 'manager' }, reason: '离职' },
    });
    expect(done.status).toBe(200);
    const owners = await db()
      .selectFrom('accounts')
      .select('owner_id')
      .where(
        'id',
        'in',
        held.map((a) => a.id),
      )
      .execute();
    expect(owners.map((o) => o.owner_id)).toEqual([manager.id, manager.id]);
  });

  it('edits the account team: shares in basis points, an until date read back as it was sent, checks by field', async () => {
    const account = await makeAccount(db(), { owner: rep });
    const put = (members: unknown[]) =>
      server.call(`/api/v1/accounts/${account.id}/team`, {
        method: 'PUT',
        cookie: cookie.manager,
        json: { members, reason: '大客户协同' },
      });
    const saved = await put([
      { userId: other.id, role: 'assisting_rep', creditBp: 2500, until: '2027-06-30' },
      { userId: manager.id, role: 'key_account_manager', creditBp: 1250 },
    ]);
    expect(saved.status).toBe(200);
    expect(saved.body.team).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: other.id, creditBp: 2500, until: '2027-06-30' }),
        expect.objectContaining({ userId: manager.id, creditBp: 1250, until: null }),
      ]),
    );
    const over = await put([
      { userId: other.id, role: 'assisting_rep', creditBp: 6000 },
      { userId: manager.id, role: 'key_account_manager', creditBp: 5000 },
    ]);
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields[0]).toMatchObject({ field: 'members', problem: 'credit_over_100' });
    const owner = await put([{ userId: rep.id, role: 'assisting_rep', creditBp: 0 }]);
    expect(owner.body.error.details.fields[0]).toMatchObject({ field: 'members.0.userId', problem: 'owner' });
    expect((await ownership(account.id, cookie.manager)).team).toHaveLength(2);
  });

  it('shows a group split across teams, naming only the team of a member out of sight', async () => {
    const elsewhere = await makeUser(db(), {
      role: 'rep',
      teamId: (await makeTeam(db(), { name: `华北 ${Date.now()}` })).id,
    });
    const parent = await makeAccount(db(), { owner: rep });
    const child = await makeAccount(db(), { owner: rep, parentId: parent.id });
    const moved = await server.call('/api/v1/ownership/transfer', {
      cookie: admin,
      json: { accountIds: [child.id], to: { type: 'user', userId: elsewhere.id }, note: '华北分公司归华北' },
    });
    expect(moved.status).toBe(200);
    const group = await server.call(`/api/v1/accounts/${parent.id}/group`, { cookie: cookie.rep });
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ split: true, teamsHolding: 2, hidden: 1 });
    expect(group.body.members).toEqual([
      expect.objectContaining({ id: parent.id, depth: 0, ownerName: '张伟' }),
      expect.objectContaining({
        id: null,
        legalName: null,
        ownerName: null,
        depth: 1,
        teamName: expect.stringContaining('华北'),
      }),
    ]);
  });

  describe('bad input', () => {
    it('refuses a recovery rule naming an unknown pool, and a pool with a bad region code', async () => {
      const rule = await server.call('/api/v1/recovery-rules', {
        cookie: admin,
        json: { name: 'x', position: 2, poolId: crypto.randomUUID(), trigger: 'not_won', days: 30 },
      });
      expect(rule.status).toBe(400);
      expect(rule.body.error.details.fields[0].field).toBe('poolId');
      const pool = await server.call('/api/v1/pools', {
        cookie: admin,
        json: { name: 'y', regionCodes: ['44'] },
      });
      expect(pool.status).toBe(400);
      expect(pool.body.error.details.fields[0].field).toBe('regionCodes.0');
      expect(await db().selectFrom('pools').select('id').where('name', '=', 'y').execute()).toEqual([]);
    });
  });
});
