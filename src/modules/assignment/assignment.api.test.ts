import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { assignAccount, type AccountToAssign, type Assignment } from './index.js';
import { GUANGZHOU } from './testing.js';

describeEachEngine('assignment rules', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'manager' | 'rep' | 'otherManager' | 'admin', string>;
  let team: { id: string };
  let reps: TestUser[];
  let poolId: string;
  let otherRep: TestUser;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    team = await makeTeam(db());
    const sub = await makeTeam(db(), { parentId: team.id });
    const other = await makeTeam(db());
    const manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    const otherManager = await makeUser(db(), { role: 'manager', teamId: other.id });
    otherRep = await makeUser(db(), { role: 'rep', teamId: other.id });
    reps = [
      await makeUser(db(), { role: 'rep', teamId: team.id }),
      await makeUser(db(), { role: 'rep', teamId: team.id }),
      await makeUser(db(), { role: 'rep', teamId: sub.id }),
      await makeUser(db(), { role: 'rep', teamId: sub.id, status: 'inactive' }),
    ];
    const ops = await makeUser(db(), { role: 'sales_ops' });
    const pool = await db()
      .insertInto('pools')
      .values({ name: `华南公海 ${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    poolId = pool.id;
    for (const [key, user] of Object.entries({ ops, manager, rep: reps[0]!, otherManager }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    cookies.admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const call = (path: string, init: { method?: string; json?: unknown; cookie?: string } = {}) =>
    server.call(`/api/v1/assignment${path}`, { cookie: cookies.ops, ...init });
  const draft = async (name = 'draft') => {
    const reply = await call('/rule-sets', { json: { name } });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const save = (id: string, rules: unknown[]) =>
    call(`/rule-sets/${id}`, { method: 'PUT', json: { name: 'rules', rules } });
  const roundRobin = () => ({ type: 'round_robin', teamId: team.id });
  const assign = async (account: AccountToAssign = GUANGZHOU) =>
    runWork(db(), await contextOf(db(), reps[0]!), (w) => assignAccount(w, account, 'create'));

  describe('saving a draft', () => {
    it('refuses unknown codes and ids, contradictions and shadowed rules, naming each field; nothing is written', async () => {
      const id = await draft();
      const reply = await save(id, [
        { name: 'south', conditions: { regions: ['440000', '990000'] }, target: { type: 'pool', poolId } },
        { name: 'gz', conditions: { regions: ['440100'], excludeRegions: ['440100'] }, target: roundRobin() },
        {
          name: 'nobody',
          conditions: { industries: ['ZZ'] },
          target: { type: 'user', userId: crypto.randomUUID() },
        },
        { name: 'nowhere', target: { type: 'pool', poolId: crypto.randomUUID() } },
      ]);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      expect(reply.body.error.details.fields.map((f: any) => [f.field, f.problem])).toEqual([
        ['rules.0.conditions.regions.1', 'unknown_region'],
        ['rules.1.conditions.regions.0', 'excluded_region'],
        ['rules.1.conditions', 'shadowed'],
        ['rules.2.conditions.industries.0', 'unknown_industry'],
        ['rules.2.target.userId', 'unknown_user'],
        ['rules.3.target.poolId', 'unknown_pool'],
      ]);
      expect(reply.body.error.details.conflicts).toEqual([{ rule: 1, shadowedBy: 0 }]);
      expect((await call(`/rule-sets/${id}`)).body.rules).toEqual([]);
      // The validate route says the same without a draft.
      const checked = await call('/rule-sets/validate', {
        json: { rules: [{ name: 'x', target: { type: 'pool', poolId: crypto.randomUUID() } }] },
      });
      expect(checked.status).toBe(400);
      expect(checked.body.error.details.fields[0]).toMatchObject({
        field: 'rules.0.target.poolId',
        problem: 'unknown_pool',
      });
    });

    it('is for sales ops and admins only', async () => {
      for (const who of ['manager', 'rep'] as const)
        expect((await call('/rule-sets', { cookie: cookies[who] })).status).toBe(403);
      expect((await call('/rule-sets', { cookie: cookies.admin })).status).toBe(200);
    });
  });

  describe('publishing and assigning', () => {
    it('makes a draft the next live version, retiring the last, with a decision and an audit entry', async () => {
      const first = await draft('v1');
      expect(
        (await save(first, [{ name: 'all to the pool', target: { type: 'pool', poolId } }])).status,
      ).toBe(200);
      const published = await call(`/rule-sets/${first}/publish`, { method: 'POST' });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({
        status: 'published',
        version: 1,
        decisionId: expect.any(String),
      });
      expect((await assign())!.target).toEqual({ type: 'pool', poolId });

      const second = await draft('v2');
      // A draft starts from the live rules, keys and all.
      expect((await call(`/rule-sets/${second}`)).body.rules[0].key).toBe(published.body.rules[0].key);
      const rules = [
        { name: 'south team', conditions: { regions: ['440000'] }, target: roundRobin() },
        { name: 'else the pool', target: { type: 'pool', poolId } },
      ];
      expect((await save(second, rules)).status).toBe(200);
      const next = await call(`/rule-sets/${second}/publish`, { method: 'POST' });
      expect(next.body).toMatchObject({ status: 'published', version: 2 });
      expect((await call(`/rule-sets/${first}`)).body).toMatchObject({
        status: 'retired',
        retiredAt: expect.any(String),
      });

      const decision = await db()
        .selectFrom('decisions')
        .selectAll()
        .where('id', '=', next.body.decisionId)
        .executeTakeFirstOrThrow();
      expect(decision).toMatchObject({ kind: 'assignment.publish', verdict: 'published' });
      expect(decision.evidence).toContainEqual({
        code: 'assignment.retired',
        params: { ruleSetId: first, version: 1 },
      });
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'decision_id'])
        .where('entity_id', '=', second)
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'assignment.rule_set_created',
        'assignment.rule_set_saved',
        'assignment.rule_set_published',
      ]);
      // Published and retired sets are history: neither changes again.
      for (const id of [first, second]) {
        expect((await save(id, rules)).body.error.code).toBe('RULE_SET_NOT_DRAFT');
        expect((await call(`/rule-sets/${id}/publish`, { method: 'POST' })).status).toBe(409);
      }
    });

    it('rotates through the team’s eligible reps, saying why the others were passed by', async () => {
      const [a, b, c, inactive] = reps;
      const away = await call(`/users/${b!.id}/absences`, {
        method: 'POST',
        cookie: cookies.manager,
        json: { from: '2026-01-01', to: '2099-12-31', note: '产假' },
      });
      expect(away.status).toBe(201);
      const given = new Map<string, number>();
      const all: Assignment[] = [];
      for (let i = 0; i < 6; i++) {
        all.push((await assign())!);
        const target = all.at(-1)!.target as { userId: string };
        given.set(target.userId, (given.get(target.userId) ?? 0) + 1);
      }
      expect(Object.fromEntries(given)).toEqual({ [a!.id]: 3, [c!.id]: 3 });
      const last = all.at(-1)!;
      expect(last.rule.params).toMatchObject({ name: 'south team', trigger: 'create', position: 0 });
      expect(last.evidence).toEqual(
        expect.arrayContaining([
          { code: 'rep.absent', params: { userId: b!.id, from: '2026-01-01', to: '2099-12-31' } },
          { code: 'rep.inactive', params: { userId: inactive!.id, status: 'inactive' } },
        ]),
      );

      // A rep at capacity is passed by too; when nobody is left the pool takes it.
      await call(`/users/${a!.id}/capacity`, { method: 'PUT', json: { maxAccounts: 0 } });
      await call(`/users/${c!.id}/capacity`, { method: 'PUT', json: { maxAccounts: 0 } });
      const pooled = (await assign())!;
      expect(pooled.target).toEqual({ type: 'pool', poolId });
      expect(pooled.notApplied[0]!.evidence).toContainEqual({
        code: 'rep.at_capacity',
        params: { userId: a!.id, held: 0, capacity: 0 },
      });
      await call(`/users/${a!.id}/capacity`, { method: 'PUT', json: { maxAccounts: null } });
      await call(`/users/${c!.id}/capacity`, { method: 'PUT', json: { maxAccounts: null } });
      expect((await assign({ ...GUANGZHOU, regionCode: '310101' }))!.notApplied[0]!.evidence).toEqual([
        { code: 'rule.region_not_included', params: { regionCode: '310101', prefixes: ['44'] } },
      ]);
    });

    it('weighs reps by the deals they won last calendar month', async () => {
      const [a, , c] = reps;
      await db().deleteFrom('user_absences').execute();
      const now = new Date();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString();
      const won = async (owner: TestUser, n: number) => {
        const account = await makeAccount(db(), { owner });
        for (let i = 0; i < n; i++)
          await db()
            .insertInto('opportunities')
            .values({
              account_id: account.id,
              owner_id: owner.id,
              name: 'deal',
              status: 'won',
              closed_at: lastMonth,
            })
            .execute();
      };
      await won(a!, 3);
      await won(c!, 1);
      const id = await draft('weighted');
      const rules = [
        { name: 'by results', target: { type: 'weighted', teamId: team.id, weightSource: 'last_period' } },
      ];
      expect((await save(id, rules)).status).toBe(200);
      expect((await call(`/rule-sets/${id}/publish`, { method: 'POST' })).status).toBe(200);
      const given = new Map<string, number>();
      for (let i = 0; i < 8; i++) {
        const target = (await assign())!.target as { userId: string };
        given.set(target.userId, (given.get(target.userId) ?? 0) + 1);
      }
      // Rep b won nothing: weight 0, and the inactive rep is passed by.
      expect(Object.fromEntries(given)).toEqual({ [a!.id]: 6, [c!.id]: 2 });
    });
  });

  describe('what-if', () => {
    it('lists the accounts a draft would move and each rep’s load, and changes nothing', async () => {
      const [a, b, c] = reps;
      const held = await makeAccount(db(), { owner: otherRep, regionCode: '440106' });
      const elsewhere = await makeAccount(db(), { owner: otherRep, regionCode: '310101' });
      // Admission opened their claims: the load capacity and least-loaded count.
      const id = await draft('what if');
      const rules = [
        {
          name: 'guangdong',
          conditions: { regions: ['440000'] },
          target: { type: 'least_loaded', teamId: team.id },
        },
      ];
      expect((await save(id, rules)).status).toBe(200);
      const cursorsBefore = await db()
        .selectFrom('assignment_cursors')
        .selectAll()
        .orderBy('rule_key')
        .execute();
      const claimsBefore = await db().selectFrom('ownership_claims').select('id').execute();

      const reply = await call(`/rule-sets/${id}/what-if?limit=200`, { method: 'POST' });
      expect(reply.status).toBe(200);
      const move = reply.body.moves.items.find((m: any) => m.account.id === held.id);
      expect(move).toMatchObject({
        from: { type: 'user', userId: otherRep.id },
        to: { type: 'user', userId: expect.any(String) },
        rule: { name: 'guangdong', version: 0 },
      });
      expect([a!.id, b!.id, c!.id]).toContain(move.to.userId);
      expect(reply.body.moves.items.map((m: any) => m.account.id)).not.toContain(elsewhere.id);
      const load = reply.body.loads.find((l: any) => l.user.id === otherRep.id);
      expect(load).toEqual({ user: { id: otherRep.id, name: otherRep.displayName }, before: 2, after: 1 });
      // Paged.
      const page = await call(`/rule-sets/${id}/what-if?limit=1&offset=0`, { method: 'POST' });
      expect(page.body.moves).toMatchObject({ total: reply.body.moves.total, limit: 1 });
      expect(page.body.moves.items).toHaveLength(1);

      expect(await db().selectFrom('assignment_cursors').selectAll().orderBy('rule_key').execute()).toEqual(
        cursorsBefore,
      );
      expect(await db().selectFrom('ownership_claims').select('id').execute()).toEqual(claimsBefore);
      expect(
        (await call(`/rule-sets/${id}/what-if`, { method: 'POST', cookie: cookies.manager })).status,
      ).toBe(403);
    });
  });

  describe('absences and capacity', () => {
    it('lets a manager record absences of its team only, and only sales ops set capacity', async () => {
      const target = reps[2]!;
      const body = { from: '2027-02-01', to: '2027-02-07' };
      const mine = await call(`/users/${target.id}/absences`, {
        method: 'POST',
        cookie: cookies.manager,
        json: body,
      });
      expect(mine.status).toBe(201);
      expect(
        (
          await call(`/users/${target.id}/absences`, {
            method: 'POST',
            cookie: cookies.otherManager,
            json: body,
          })
        ).status,
      ).toBe(404);
      expect(
        (await call(`/users/${target.id}/absences`, { method: 'POST', cookie: cookies.rep, json: body }))
          .status,
      ).toBe(403);
      const backwards = await call(`/users/${target.id}/absences`, {
        method: 'POST',
        cookie: cookies.manager,
        json: { from: '2027-02-07', to: '2027-02-01' },
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'to', problem: 'before_from' }),
      ]);
      expect(
        (
          await call(`/users/${target.id}/capacity`, {
            method: 'PUT',
            cookie: cookies.manager,
            json: { maxAccounts: 5 },
          })
        ).status,
      ).toBe(403);
      const capped = await call(`/users/${target.id}/capacity`, { method: 'PUT', json: { maxAccounts: 5 } });
      expect(capped.body).toMatchObject({
        maxAccounts: 5,
        absences: [expect.objectContaining({ from: '2027-02-01', to: '2027-02-07' })],
      });
      const removed = await call(`/users/${target.id}/absences/${mine.body.id}`, {
        method: 'DELETE',
        cookie: cookies.manager,
      });
      expect(removed.status).toBe(204);
      expect(
        (await call(`/users/${target.id}/eligibility`, { cookie: cookies.manager })).body.absences,
      ).toEqual([]);
    });
  });

  describe('at admission', () => {
    it('places a customer sales ops enters by the live rules, and leaves one a rep finds with the rep', async () => {
      const id = await draft('admission');
      expect(
        (await save(id, [{ name: 'all to the first rep', target: { type: 'user', userId: reps[0]!.id } }]))
          .status,
      ).toBe(200);
      expect((await call(`/rule-sets/${id}/publish`, { method: 'POST' })).status).toBe(200);
      const byOps = await server.call('/api/v1/accounts', {
        cookie: cookies.ops,
        json: { legalName: `规则分配测试${Date.now()}科技有限公司` },
      });
      expect(byOps.status).toBe(201);
      expect(byOps.body.ownerId).toBe(reps[0]!.id);
      const decision = await server.call(`/api/v1/decisions/${byOps.body.decisionId}`, {
        cookie: cookies.admin,
      });
      const assigned = decision.body.evidence.find((e: { code: string }) => e.code === 'owner.assigned');
      expect(assigned.evidence.map((e: { code: string }) => e.code)).toContain('assign.user');
      const claim = await db()
        .selectFrom('ownership_claims')
        .select(['user_id', 'via'])
        .where('account_id', '=', byOps.body.id)
        .where('ended_at', 'is', null)
        .executeTakeFirstOrThrow();
      expect(claim).toEqual({ user_id: reps[0]!.id, via: 'assignment' });
      const repCookie = await server.login(otherRep.login);
      const byRep = await server.call('/api/v1/accounts', {
        cookie: repCookie,
        json: { legalName: `自拓客户${Date.now()}贸易有限公司` },
      });
      expect(byRep.status).toBe(201);
      expect(byRep.body.ownerId).toBe(otherRep.id);
    });
  });
});
