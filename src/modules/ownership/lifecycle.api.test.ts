import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

/**
 * One customer's life as its history tells it: sales ops enters it and the assignment rules give it to a
 * rep; the rep follows it up, then gives it back to the pool; another rep claims it; the manager hands it
 * to a third. Every step is a claim in the history with the decision that made it, and each decision says
 * why in codes — the walk-through the ownership issue asks for, kept true by a test.
 */
describeEachEngine('ownership: one customer from entry to transfer, as its history shows it', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookie = {} as Record<'ops' | 'wang' | 'li' | 'zhao' | 'manager', string>;
  const user = {} as Record<'wang' | 'li' | 'zhao' | 'manager', TestUser>;
  let poolId: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    user.manager = await makeUser(db(), { role: 'manager', teamId: team.id, displayName: '陈经理' });
    await db().updateTable('teams').set({ manager_id: user.manager.id }).where('id', '=', team.id).execute();
    user.wang = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '王磊' });
    user.li = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '李娜' });
    user.zhao = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '赵强' });
    const ops = await makeUser(db(), { role: 'sales_ops' });
    cookie.ops = await server.login(ops.login);
    for (const who of ['wang', 'li', 'zhao', 'manager'] as const)
      cookie[who] = await server.login(user[who].login);

    const admin = await server.login('admin');
    const pool = await server.call('/api/v1/pools', {
      cookie: admin,
      json: { name: `华南公海 ${Date.now()}`, claimsPerDay: 5, cooldownDays: 30 },
    });
    expect(pool.status).toBe(201);
    poolId = pool.body.id;
    const rule = await server.call('/api/v1/recovery-rules', {
      cookie: admin,
      json: { name: '90 天未跟进', position: 1, scope: 'global', poolId, trigger: 'no_follow_up', days: 90 },
    });
    expect(rule.status).toBe(201);
    const draft = await server.call('/api/v1/assignment/rule-sets', {
      cookie: cookie.ops,
      json: { name: 'v1' },
    });
    const rules = [
      {
        name: '广东给王磊',
        conditions: { regions: ['440000'] },
        target: { type: 'user', userId: user.wang.id },
      },
    ];
    const saved = await server.call(`/api/v1/assignment/rule-sets/${draft.body.id}`, {
      cookie: cookie.ops,
      method: 'PUT',
      json: { name: 'v1', rules },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const published = await server.call(`/api/v1/assignment/rule-sets/${draft.body.id}/publish`, {
      cookie: cookie.ops,
      method: 'POST',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  });
  afterAll(() => server.close());

  it('records entry, assignment, follow-up, release, claim and transfer, each with its decision', async () => {
    const created = await server.call('/api/v1/accounts', {
      cookie: cookie.ops,
      json: { legalName: `广州珠江云岭茶业有限公司${Date.now()}`, regionCode: '440106' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const ownership = async (who: keyof typeof cookie) =>
      (await server.call(`/api/v1/accounts/${id}/ownership`, { cookie: cookie[who] })).body;

    // 1. The rule, not the person typing, chose the owner; the deadline counts from the assignment.
    let view = await ownership('wang');
    expect(view.current).toMatchObject({ holder: { type: 'user', id: user.wang.id }, via: 'assignment' });
    expect(view.deadline).toMatchObject({ poolId, trigger: 'no_follow_up', days: 90, anchorKind: 'claim' });

    // 2. A follow-up restarts the count: the deadline now runs from the visit.
    const visit = await server.call(`/api/v1/accounts/${id}/follow-ups`, {
      cookie: cookie.wang,
      json: { kind: 'visit', at: new Date().toISOString(), note: '拜访采购部，约下周报价' },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    view = await ownership('wang');
    expect(view.deadline.anchorKind).toBe('follow_up');

    // 3. The rep gives it back; 4. another rep claims it from the pool; 5. the manager hands it on.
    const released = await server.call(`/api/v1/accounts/${id}/release`, {
      cookie: cookie.wang,
      json: { reason: '客户转向华东采购，本区域无法跟进' },
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const claimed = await server.call(`/api/v1/pools/${poolId}/accounts/${id}/claim`, {
      cookie: cookie.li,
      json: { note: '老客户介绍' },
    });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    const transferred = await server.call('/api/v1/ownership/transfer', {
      cookie: cookie.manager,
      json: { accountIds: [id], to: { type: 'user', userId: user.zhao.id }, note: '李娜调岗，客户交赵强' },
    });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);

    // The history, oldest first, as the ownership panel lists it (newest first) read backwards — read by the
    // manager, who sees the names of the team's reps (a rep sees other people only as the user policy allows).
    view = await ownership('manager');
    const steps = [];
    for (const claim of [...view.history].reverse()) {
      const decision = (
        await server.call(`/api/v1/decisions/${claim.decisionId}`, { cookie: cookie.manager })
      ).body;
      steps.push({
        holder: claim.holder.name ?? claim.holder.type,
        via: claim.via,
        ended: claim.endReason,
        decision: `${decision.kind} ${decision.verdict}`,
        why: decision.evidence.map((e: { code: string }) => e.code),
      });
    }
    expect(steps).toMatchObject([
      {
        holder: '王磊',
        via: 'assignment',
        ended: 'release',
        why: expect.arrayContaining(['owner.assigned']),
      },
      { holder: expect.stringMatching(/^华南公海/), via: 'release', ended: 'claimed' },
      { holder: '李娜', via: 'claim', ended: 'transfer' },
      { holder: '赵强', via: 'transfer', ended: null },
    ]);
    expect(view.current).toMatchObject({ holder: { type: 'user', id: user.zhao.id }, kind: 'protected' });
    // Each step's decision is on record and each claim ended where the next began: no gap, no overlap.
    for (const [i, claim] of [...view.history].reverse().entries()) {
      if (i > 0) expect(claim.startedAt).toBe([...view.history].reverse()[i - 1].endedAt);
    }
    if (process.env.FAIRSHARE_WALKTHROUGH) console.log(JSON.stringify(steps, null, 2));
  });
});
