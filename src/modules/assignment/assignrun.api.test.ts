import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { recoverDue } from '../ownership/recovery.js';

interface Item {
  code: string;
  params: Record<string, unknown>;
  evidence?: Item[];
}

/** Assignment beyond create and import: release, transfer, publishing onto existing accounts, KAM first. */
describeEachEngine('assignment on release, transfer and publish', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let ops: string;
  let admin: string;
  let team: { id: string };
  let a: TestUser;
  let b: TestUser;
  let kam: TestUser;
  let cookieA: string;
  let poolId: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    team = await makeTeam(db());
    a = await makeUser(db(), { role: 'rep', teamId: team.id });
    b = await makeUser(db(), { role: 'rep', teamId: team.id });
    const elsewhere = await makeTeam(db());
    kam = await makeUser(db(), { role: 'rep', teamId: elsewhere.id });
    const pool = await db()
      .insertInto('pools')
      .values({ name: `公海 ${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    poolId = pool.id;
    ops = await server.login((await makeUser(db(), { role: 'sales_ops' })).login);
    admin = await server.login('admin');
    cookieA = await server.login(a.login);
  });
  afterAll(() => server.close());

  const call = (path: string, init: { method?: string; json?: unknown; cookie?: string } = {}) =>
    server.call(path, { cookie: ops, ...init });
  const publish = async (rules: unknown[], options: { kam?: boolean; apply?: boolean } = {}) => {
    const created = await call('/api/v1/assignment/rule-sets', { json: { name: 'set' } });
    const id = created.body.id as string;
    const saved = await call(`/api/v1/assignment/rule-sets/${id}`, {
      method: 'PUT',
      json: { name: 'set', rules, keyAccountManagerFirst: options.kam ?? false },
    });
    expect(saved.status).toBe(200);
    const published = await call(`/api/v1/assignment/rule-sets/${id}/publish`, {
      method: 'POST',
      json: { applyToExisting: options.apply ?? false },
    });
    expect(published.status).toBe(200);
    return id;
  };
  const decision = async (id: string) => (await call(`/api/v1/decisions/${id}`, { cookie: admin })).body;
  const holder = (id: string) =>
    db()
      .selectFrom('accounts')
      .select(['owner_id', 'pool_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const codes = (items: Item[]) => items.map((e) => e.code);
  const roundRobin = () => ({ type: 'round_robin', teamId: team.id });

  it('routes a released customer by a rule that runs on release, passing the former owner by', async () => {
    await publish([
      {
        name: 'released in Guangdong back to the team',
        conditions: { triggers: ['release'], regions: ['440000'] },
        target: roundRobin(),
      },
    ]);
    const south = await makeAccount(db(), { owner: a, regionCode: '440106' });
    const released = await server.call(`/api/v1/accounts/${south.id}/release`, {
      cookie: cookieA,
      json: { reason: '无暇跟进' },
    });
    expect(released.status).toBe(200);
    expect(released.body.to).toEqual({ type: 'user', userId: b.id });
    expect(await holder(south.id)).toEqual({ owner_id: b.id, pool_id: null });
    const why = await decision(released.body.decisionId);
    expect(why).toMatchObject({ kind: 'ownership.release', verdict: 'released' });
    expect(codes(why.evidence)).toEqual(['release.requested', 'owner.assigned']);
    const assigned = why.evidence[1] as Item;
    expect(assigned.params).toMatchObject({ trigger: 'release', target: 'user' });
    expect(codes(assigned.evidence!)).toEqual(['rule.matched', 'assign.round_robin', 'rep.former_owner']);

    // No rule runs for this one: it goes to the pool named, as before.
    const north = await makeAccount(db(), { owner: a, regionCode: '110101' });
    const pooled = await server.call(`/api/v1/accounts/${north.id}/release`, {
      cookie: cookieA,
      json: { reason: '无暇跟进', poolId },
    });
    expect(pooled.body.to).toEqual({ type: 'pool', poolId });
    expect(await holder(north.id)).toEqual({ owner_id: null, pool_id: poolId });
  });

  it('transfers by rule: each customer where the rules send it, never back to its owner', async () => {
    await publish([{ name: 'team', target: roundRobin() }]);
    const one = await makeAccount(db(), { owner: a });
    const two = await makeAccount(db(), { owner: a });
    const moved = await call('/api/v1/ownership/transfer', {
      json: { accountIds: [one.id, two.id], to: { type: 'rule' }, note: '按规则重新分配' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.moved).toBe(2);
    for (const id of [one.id, two.id]) expect((await holder(id)).owner_id).toBe(b.id);
    const claim = await db()
      .selectFrom('ownership_claims')
      .select(['decision_id', 'via'])
      .where('account_id', '=', one.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(claim.via).toBe('transfer');
    const why = await decision(claim.decision_id!);
    expect(why.kind).toBe('ownership.transfer');
    expect(codes(why.evidence)).toEqual(['transfer.requested', 'owner.assigned']);
    expect(codes(why.evidence[1].evidence)).toContain('rep.former_owner');

    // Only a rule that runs on release: nothing takes a transfer, the whole transfer is refused.
    await publish([{ name: 'release only', conditions: { triggers: ['release'] }, target: roundRobin() }]);
    const refused = await call('/api/v1/ownership/transfer', {
      json: { accountIds: [one.id], to: { type: 'rule' }, note: 'x' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'to', problem: 'no_rule' });
    expect((await holder(one.id)).owner_id).toBe(b.id);
  });

  it('re-dates deadlines in a job when a recovery rule changes, and the sweep routes by rule', async () => {
    await publish([
      { name: 'released to the team', conditions: { triggers: ['release'] }, target: roundRobin() },
    ]);
    const created = await call('/api/v1/recovery-rules', {
      cookie: admin,
      json: { name: '90 天无跟进', position: 0, scope: 'global', poolId, trigger: 'no_follow_up', days: 90 },
    });
    expect(created.status).toBe(201);
    expect(created.body.redateJobId).toEqual(expect.any(String));
    const account = await makeAccount(db(), { owner: a });
    await db()
      .updateTable('ownership_claims')
      .set({ started_at: new Date(Date.now() - 100 * 86_400_000).toISOString() })
      .where('account_id', '=', account.id)
      .where('ended_at', 'is', null)
      .execute();
    const patched = await call(`/api/v1/recovery-rules/${created.body.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { days: 91 },
    });
    expect(patched.status).toBe(200);
    const queued = await call('/api/v1/recovery-rules/redating', { cookie: admin });
    expect(queued.body).toMatchObject({ jobId: patched.body.redateJobId, status: 'queued' });
    await runDueJobs(t.database, ['ownership.redate']);
    const done = await call('/api/v1/recovery-rules/redating', { cookie: admin });
    expect(done.body.status).toBe('done');
    expect(done.body.done).toBe(done.body.total);
    const claim = await db()
      .selectFrom('ownership_claims')
      .select('ends_at')
      .where('account_id', '=', account.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Date.parse(claim.ends_at!)).toBeLessThan(Date.now());

    await runWork(db(), systemContext('test'), (w) => recoverDue(w, new Date()));
    expect(await holder(account.id)).toEqual({ owner_id: b.id, pool_id: null });
    const open = await db()
      .selectFrom('ownership_claims')
      .select('decision_id')
      .where('account_id', '=', account.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    const why = await decision(open.decision_id!);
    expect(why).toMatchObject({ kind: 'ownership.release', verdict: 'recovered' });
    expect(codes(why.evidence)).toEqual(['recovery.no_follow_up', 'owner.assigned']);
    await call(`/api/v1/recovery-rules/${created.body.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { active: false },
    });
    await runDueJobs(t.database, ['ownership.redate']);
  });

  it('publishing with apply moves existing accounts in a job, never locked ones, each with a decision', async () => {
    const free = await makeAccount(db(), { owner: a });
    const locked = await makeAccount(db(), { owner: a });
    expect(
      (await server.call(`/api/v1/accounts/${locked.id}/lock`, { cookie: cookieA, json: {} })).status,
    ).toBe(200);
    const id = await publish([{ name: 'all to b', target: { type: 'user', userId: b.id } }], { apply: true });
    const queued = await call(`/api/v1/assignment/rule-sets/${id}/apply`);
    expect(queued.body).toMatchObject({ status: 'queued', moved: 0, job: { status: 'queued' } });
    await runDueJobs(t.database, ['assignment.apply']);
    const done = await call(`/api/v1/assignment/rule-sets/${id}/apply?outcome=skipped&limit=100`);
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ status: 'done', job: { status: 'done' } });
    expect(done.body.decided).toBe(done.body.total);
    expect(done.body.moved).toBeGreaterThanOrEqual(1);
    expect(done.body.skipped).toBeGreaterThanOrEqual(1);
    expect(done.body.items.items).toContainEqual(
      expect.objectContaining({ account: expect.objectContaining({ id: locked.id }), reason: 'locked' }),
    );
    expect((await holder(locked.id)).owner_id).toBe(a.id);
    expect((await holder(free.id)).owner_id).toBe(b.id);
    const moved = await call(`/api/v1/assignment/rule-sets/${id}/apply?outcome=moved&limit=100`);
    const item = moved.body.items.items.find((i: { account: { id: string } }) => i.account.id === free.id);
    const why = await decision(item.decisionId);
    expect(why).toMatchObject({ kind: 'ownership.assign', verdict: 'reassigned' });
    expect(codes(why.evidence)).toEqual(['owner.assigned']);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', free.id)
      .where('action', '=', 'ownership.reassigned')
      .execute();
    expect(audit).toHaveLength(1);
    const notices = await server.call('/api/v1/notifications', { cookie: cookieA });
    expect(notices.body.items.map((n: { kind: string }) => n.kind)).toContain('ownership.reassigned_away');
  });

  it('gives a group customer to its key-account manager first, and says why when the KAM is passed by', async () => {
    const parent = await makeAccount(db(), { owner: a });
    const team = await server.call(`/api/v1/accounts/${parent.id}/team`, {
      method: 'PUT',
      cookie: admin,
      json: { members: [{ userId: kam.id, role: 'key_account_manager' }] },
    });
    expect(team.status).toBe(200);
    await publish([{ name: 'team', target: roundRobin() }], { kam: true });
    const child = await call('/api/v1/accounts', {
      json: { legalName: `集团子公司${Date.now()}科技有限公司`, parentId: parent.id },
    });
    expect(child.status).toBe(201);
    expect(child.body.ownerId).toBe(kam.id);
    const why = await decision(child.body.decisionId);
    const assigned = (why.evidence as Item[]).find((e) => e.code === 'owner.assigned')!;
    expect(assigned.params.ruleId).toBe('assignment.key_account_manager_first');
    expect(codes(assigned.evidence!)).toEqual(['assign.key_account_manager']);

    const today = new Date();
    const day = (offset: number) =>
      new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await call(`/api/v1/assignment/users/${kam.id}/absences`, {
          cookie: admin,
          json: { from: day(-2), to: day(2) },
        })
      ).status,
    ).toBe(201);
    const next = await call('/api/v1/accounts', {
      json: { legalName: `集团二子公司${Date.now()}科技有限公司`, parentId: parent.id },
    });
    expect([a.id, b.id]).toContain(next.body.ownerId);
    const passed = await decision(next.body.decisionId);
    expect(passed.notApplied[0]).toMatchObject({
      rule: { id: 'assignment.key_account_manager_first' },
      evidence: [{ code: 'rep.absent', params: { userId: kam.id } }],
    });
  });
});
