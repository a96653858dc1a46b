import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { enqueueJob, runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { makeCatalogue, registrationBody } from '../registrations/testing.js';

describeEachEngine('conflict cases', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'ops2' | 'p1' | 'p2' | 'rep' | 'otherRep' | 'boss', string>;
  const ids = {} as Record<'p1' | 'p2' | 'rep' | 'boss' | 'ops' | 'p1User', string>;
  let catalogue: Awaited<ReturnType<typeof makeCatalogue>>;
  const name = (core: string) => `杭州${core}${crypto.randomUUID().slice(0, 6)}科技有限公司`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    ids.p1 = await makePartnerId(db());
    ids.p2 = await makePartnerId(db());
    const boss = await makeUser(db(), { role: 'manager' });
    const channelManager = await makeUser(db(), { role: 'manager', managerId: boss.id });
    await db()
      .updateTable('partners')
      .set({ manager_id: channelManager.id })
      .where('id', '=', ids.p1)
      .execute();
    const users = {
      ops: await makeUser(db(), { role: 'sales_ops' }),
      ops2: await makeUser(db(), { role: 'sales_ops' }),
      p1: await makeUser(db(), { role: 'partner_user', partnerId: ids.p1 }),
      p2: await makeUser(db(), { role: 'partner_user', partnerId: ids.p2 }),
      rep: await makeUser(db(), { role: 'rep' }),
      otherRep: await makeUser(db(), { role: 'rep' }),
      boss,
    };
    ids.rep = users.rep.id;
    ids.boss = boss.id;
    ids.ops = users.ops.id;
    ids.p1User = users.p1.id;
    for (const [key, user] of Object.entries(users))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    catalogue = await makeCatalogue(db());
    const set = await server.call('/api/v1/registrations/settings', {
      method: 'PATCH',
      cookie: cookies.ops,
      json: { autoApproveMax: '200000.00', minimumAmount: '1000.00' },
    });
    expect(set.status).toBe(200);
  });
  afterAll(() => server.close());

  const register = async (cookie: string, body: ReturnType<typeof registrationBody>) => {
    const draft = await server.call('/api/v1/registrations', { cookie, json: body });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submitted = await server.call(`/api/v1/registrations/${draft.body.id}/submit`, {
      cookie,
      json: {},
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    return submitted.body;
  };
  const caseOf = async (registrationId: string) => {
    const list = await server.call('/api/v1/cases?limit=200', { cookie: cookies.ops });
    expect(list.status).toBe(200);
    return list.body.items.find((c: any) => c.registrationId === registrationId);
  };
  const decide = (id: string, outcome: string, cookie = cookies.ops) =>
    server.call(`/api/v1/cases/${id}/decide`, { cookie, json: { outcome, reason: '先报备者优先' } });

  it('opens a case when a registration collides with a direct customer; each party reads only its side', async () => {
    const direct = await makeAccount(db(), { owner: { id: ids.rep }, legalName: name('直销') });
    const refused = await register(cookies.p1, registrationBody(direct.legalName, catalogue.crm.productId));
    expect(refused.refusal.code).toBe('DIRECT_CUSTOMER');
    const seen = await caseOf(refused.id);
    expect(seen).toMatchObject({
      kind: 'collision',
      status: 'open',
      viewer: 'channel',
      refusalCode: 'DIRECT_CUSTOMER',
      claimant: { type: 'registration', registrationId: refused.id, partner: { id: ids.p1 } },
      holder: {
        type: 'direct',
        owner: { id: ids.rep },
        account: { id: direct.id, legalName: direct.legalName },
      },
      match: { decisionId: refused.decisionId },
      overdue: false,
      timeline: [{ kind: 'opened' }],
    });
    expect(seen.match.codes).toContain('registration.account');
    expect(Date.parse(seen.decideBy)).toBeGreaterThan(Date.parse(seen.respondBy));

    // The partner: its own side and the status, never the direct rep, the customer's record or the match.
    const mine = await server.call(`/api/v1/cases/${seen.id}`, { cookie: cookies.p1 });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ viewer: 'claimant', holder: null, match: null, decisionId: null });
    expect(mine.body.claimant.account).toBeNull();
    const text = JSON.stringify(mine.body);
    for (const secret of [ids.rep, direct.id, direct.legalName]) expect(text).not.toContain(secret);
    const partnerList = await server.call('/api/v1/cases', { cookie: cookies.p1 });
    expect(partnerList.body.items.map((c: any) => c.id)).toContain(seen.id);

    // The direct rep: its side, without the partner or its deal.
    const repView = await server.call(`/api/v1/cases/${seen.id}`, { cookie: cookies.rep });
    expect(repView.status).toBe(200);
    expect(repView.body).toMatchObject({ viewer: 'holder', claimant: null, registrationId: null });
    expect(repView.body.holder.owner.id).toBe(ids.rep);
    expect(JSON.stringify(repView.body)).not.toContain(ids.p1);

    // Another partner, another rep: as for an id that does not exist.
    for (const cookie of [cookies.p2, cookies.otherRep]) {
      const other = await server.call(`/api/v1/cases/${seen.id}`, { cookie });
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
      const list = await server.call('/api/v1/cases', { cookie });
      expect(list.body.items.map((c: any) => c.id)).not.toContain(seen.id);
    }
    const rep = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', ids.rep)
      .where('kind', '=', 'case.opened')
      .execute();
    expect(rep.length).toBe(1);
  });

  it('partner_wins: the registration is approved and protected, the customer moves to the partner, in one decision', async () => {
    const direct = await makeAccount(db(), { owner: { id: ids.rep }, legalName: name('转让') });
    const refused = await register(cookies.p1, registrationBody(direct.legalName, catalogue.crm.productId));
    const opened = await caseOf(refused.id);
    const takeUp = await server.call(`/api/v1/cases/${opened.id}/take-up`, { cookie: cookies.ops, json: {} });
    expect(takeUp.body).toMatchObject({ status: 'under_review' });
    expect(takeUp.body.firstResponseAt).toBeTruthy();

    const decided = await decide(opened.id, 'partner_wins');
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: 'partner_wins',
      decisionReason: '先报备者优先',
    });
    const registration = await server.call(`/api/v1/registrations/${refused.id}`, { cookie: cookies.p1 });
    expect(registration.body).toMatchObject({ status: 'approved', refusal: null, accountId: direct.id });
    expect(registration.body.protectedUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(registration.body.decisionId).toBe(decided.body.decisionId);
    const account = await db()
      .selectFrom('accounts')
      .select(['owner_id', 'partner_id'])
      .where('id', '=', direct.id)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ owner_id: null, partner_id: ids.p1 });
    const claim = await db()
      .selectFrom('ownership_claims')
      .selectAll()
      .where('account_id', '=', direct.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(claim).toMatchObject({
      holder: 'partner',
      partner_id: ids.p1,
      decision_id: decided.body.decisionId,
    });
    const decision = await server.call(`/api/v1/decisions/${decided.body.decisionId}`, {
      cookie: cookies.ops,
    });
    expect(decision.body).toMatchObject({ kind: 'case.decision', verdict: 'partner_wins' });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('decision_id', '=', decided.body.decisionId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.decided', 'registration.approved']),
    );
    const events = await db()
      .selectFrom('events')
      .select(['name', 'payload'])
      .where('name', '=', 'case.decided')
      .execute();
    expect(events.some((e) => (e.payload as any).caseId === opened.id)).toBe(true);
    const told = await db()
      .selectFrom('notifications')
      .select(['user_id', 'params'])
      .where('kind', '=', 'case.decided')
      .execute();
    const toldIds = told.filter((n) => (n.params as any).caseId === opened.id).map((n) => n.user_id);
    expect(toldIds).toEqual(expect.arrayContaining([ids.rep, ids.p1User]));
    // The partner follows its case to the end: decided, its way.
    const partnerView = await server.call(`/api/v1/cases/${opened.id}`, { cookie: cookies.p1 });
    expect(partnerView.body.timeline.map((e: any) => e.kind)).toEqual(['opened', 'taken_up', 'decided']);
    expect(partnerView.body.outcome).toBe('partner_wins');
    // Decided once: a second decision is refused.
    const again = await decide(opened.id, 'direct_wins');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CASE_CLOSED');
  });

  it('direct_wins keeps the direct owner and the refusal; partner_wins between partners refuses the holder', async () => {
    const direct = await makeAccount(db(), { owner: { id: ids.rep }, legalName: name('保留') });
    const refused = await register(cookies.p2, registrationBody(direct.legalName, catalogue.crm.productId));
    const opened = await caseOf(refused.id);
    expect((await decide(opened.id, 'direct_wins')).status).toBe(200);
    const registration = await server.call(`/api/v1/registrations/${refused.id}`, { cookie: cookies.p2 });
    expect(registration.body).toMatchObject({ status: 'rejected', refusal: { code: 'DIRECT_CUSTOMER' } });
    const account = await db()
      .selectFrom('accounts')
      .select('owner_id')
      .where('id', '=', direct.id)
      .executeTakeFirstOrThrow();
    expect(account.owner_id).toBe(ids.rep);

    // Partner 1 holds a customer; partner 2 registers a variant of it and is refused: a case between partners.
    const core = `云帆${crypto.randomUUID().slice(0, 6)}`;
    const first = await register(
      cookies.p1,
      registrationBody(`杭州${core}科技有限公司`, catalogue.crm.productId),
    );
    expect(first.status).toBe('approved');
    const second = await register(
      cookies.p2,
      registrationBody(`${core}科技（杭州）有限公司`, catalogue.crm.productId),
    );
    expect(second.refusal.code).toBe('PROTECTED_UNTIL');
    const between = await caseOf(second.id);
    expect(between.holder).toMatchObject({
      type: 'registration',
      registrationId: first.id,
      partner: { id: ids.p1 },
    });
    // The holder follows the case too, its side only: nothing of partner 2 or its deal.
    const holderView = await server.call(`/api/v1/cases/${between.id}`, { cookie: cookies.p1 });
    expect(holderView.body).toMatchObject({
      viewer: 'holder',
      claimant: null,
      registrationId: first.id,
      refusalCode: null,
    });
    expect(JSON.stringify(holderView.body)).not.toContain(ids.p2);
    expect(JSON.stringify(holderView.body)).not.toContain(second.id);
    const claimantView = await server.call(`/api/v1/cases/${between.id}`, { cookie: cookies.p2 });
    expect(JSON.stringify(claimantView.body)).not.toContain(ids.p1);
    expect(JSON.stringify(claimantView.body)).not.toContain(first.id);

    expect((await decide(between.id, 'partner_wins')).status).toBe(200);
    const lost = await server.call(`/api/v1/registrations/${first.id}`, { cookie: cookies.p1 });
    expect(lost.body).toMatchObject({
      status: 'rejected',
      refusal: { code: 'CASE_DECIDED', params: { caseId: between.id } },
    });
    const won = await server.call(`/api/v1/registrations/${second.id}`, { cookie: cookies.p2 });
    expect(won.body.status).toBe('approved');
    const holder = await db()
      .selectFrom('accounts')
      .select('partner_id')
      .where('id', '=', won.body.accountId)
      .executeTakeFirstOrThrow();
    expect(holder.partner_id).toBe(ids.p2);
    const held = await db()
      .selectFrom('registration_protections')
      .select('registration_id')
      .where('active', '=', true)
      .where('registration_id', 'in', [first.id, second.id])
      .execute();
    expect(held.map((h) => h.registration_id)).toEqual([second.id]);
  });

  it('lets a partner dispute its own refusal once; others get 404; bad input names the field', async () => {
    const small = await register(
      cookies.p1,
      registrationBody(name('小单'), catalogue.crm.productId, {
        lines: [{ productId: catalogue.crm.productId, quantity: 1, amount: '999.99' }],
      }),
    );
    expect(small.refusal.code).toBe('BELOW_MINIMUM');
    expect(await caseOf(small.id)).toBeUndefined();
    const missing = await server.call('/api/v1/cases/disputes', {
      cookie: cookies.p1,
      json: { registrationId: small.id },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((f: any) => f.field)).toContain('reason');
    const stranger = await server.call('/api/v1/cases/disputes', {
      cookie: cookies.p2,
      json: { registrationId: small.id, reason: '这是我们的客户' },
    });
    expect(stranger.status).toBe(404);
    const disputed = await server.call('/api/v1/cases/disputes', {
      cookie: cookies.p1,
      json: { registrationId: small.id, reason: '客户追加了订单' },
    });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(201);
    expect(disputed.body).toMatchObject({
      kind: 'dispute',
      status: 'open',
      viewer: 'claimant',
      reason: '客户追加了订单',
    });
    const twice = await server.call('/api/v1/cases/disputes', {
      cookie: cookies.p1,
      json: { registrationId: small.id, reason: '再次申诉' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'CASE_OPEN', details: { caseId: disputed.body.id } });
    const badOutcome = await server.call(`/api/v1/cases/${disputed.body.id}/decide`, {
      cookie: cookies.ops,
      json: { outcome: 'maybe', reason: 'x' },
    });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.error.details.fields.map((f: any) => f.field)).toContain('outcome');
    expect((await server.call('/api/v1/cases/not-an-id', { cookie: cookies.ops })).status).toBe(400);
    // The partner cannot decide; another partner cannot withdraw; the claimant can.
    expect((await decide(disputed.body.id, 'partner_wins', cookies.p1)).status).toBe(403);
    const foreign = await server.call(`/api/v1/cases/${disputed.body.id}/withdraw`, {
      cookie: cookies.p2,
      json: {},
    });
    expect(foreign.status).toBe(404);
    const withdrawn = await server.call(`/api/v1/cases/${disputed.body.id}/withdraw`, {
      cookie: cookies.p1,
      json: { reason: '接受' },
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await decide(disputed.body.id, 'dismissed')).status).toBe(409);

    const approved = await register(cookies.p1, registrationBody(name('已批'), catalogue.crm.productId));
    const notRefused = await server.call('/api/v1/cases/disputes', {
      cookie: cookies.p1,
      json: { registrationId: approved.id, reason: '无' },
    });
    expect(notRefused.status).toBe(409);
    expect(notRefused.body.error).toMatchObject({
      code: 'CASE_NOT_DISPUTABLE',
      details: { reason: 'not_refused' },
    });
  });

  it('leaves nothing half-done when the outcome cannot be applied', async () => {
    const approved = await register(cookies.p1, registrationBody(name('撤回'), catalogue.crm.productId));
    const raised = await server.call('/api/v1/cases', {
      cookie: cookies.ops,
      json: { registrationId: approved.id, reason: '直销代表投诉' },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const withdrawn = await server.call(`/api/v1/registrations/${approved.id}/withdraw`, {
      cookie: cookies.p1,
      json: { reason: '客户取消' },
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const decisionsBefore = await db()
      .selectFrom('decisions')
      .select('id')
      .where('subject_id', '=', raised.body.id)
      .execute();
    const failed = await decide(raised.body.id, 'partner_wins');
    expect(failed.status).toBe(409);
    expect(failed.body.error.code).toBe('REGISTRATION_WRONG_STATE');
    const after = await server.call(`/api/v1/cases/${raised.body.id}`, { cookie: cookies.ops });
    expect(after.body).toMatchObject({ status: 'open', outcome: null, decisionId: null });
    const decisionsAfter = await db()
      .selectFrom('decisions')
      .select('id')
      .where('subject_id', '=', raised.body.id)
      .execute();
    expect(decisionsAfter.length).toBe(decisionsBefore.length);
  });

  it('answers two decisions racing on one case with one decision and one 409', async () => {
    const direct = await makeAccount(db(), { owner: { id: ids.rep }, legalName: name('并发') });
    const refused = await register(cookies.p1, registrationBody(direct.legalName, catalogue.crm.productId));
    const opened = await caseOf(refused.id);
    const replies = await Promise.all([
      decide(opened.id, 'partner_wins', cookies.ops),
      decide(opened.id, 'direct_wins', cookies.ops2),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('CASE_CLOSED');
    const decisions = await db()
      .selectFrom('decisions')
      .select('verdict')
      .where('subject_id', '=', opened.id)
      .where('kind', '=', 'case.decision')
      .execute();
    expect(decisions.length).toBe(1);
    const winner = replies.find((r) => r.status === 200)!.body.outcome;
    const account = await db()
      .selectFrom('accounts')
      .select(['owner_id', 'partner_id'])
      .where('id', '=', direct.id)
      .executeTakeFirstOrThrow();
    expect(account).toEqual(
      winner === 'partner_wins'
        ? { owner_id: null, partner_id: ids.p1 }
        : { owner_id: ids.rep, partner_id: null },
    );
  });

  it('escalates an overdue case once to the channel manager’s manager, with a notice and an event', async () => {
    const direct = await makeAccount(db(), { owner: { id: ids.rep }, legalName: name('超时') });
    const refused = await register(cookies.p1, registrationBody(direct.legalName, catalogue.crm.productId));
    const opened = await caseOf(refused.id);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    await db()
      .updateTable('cases')
      .set({ respond_by: past, decide_by: past })
      .where('id', '=', opened.id)
      .execute();
    expect((await server.call(`/api/v1/cases/${opened.id}`, { cookie: cookies.ops })).body.overdue).toBe(
      true,
    );
    const overdue = await server.call('/api/v1/cases?overdue=true', { cookie: cookies.ops });
    expect(overdue.body.items.map((c: any) => c.id)).toContain(opened.id);
    const enqueue = () => runWork(db(), systemContext('test'), (w) => enqueueJob(w, 'cases.escalate', {}));
    await enqueue();
    expect(await runDueJobs(t.database, ['cases.escalate'])).toBeGreaterThan(0);
    const after = await server.call(`/api/v1/cases/${opened.id}`, { cookie: cookies.ops });
    expect(after.body.escalatedAt).toBeTruthy();
    expect(after.body.timeline.map((e: any) => e.kind)).toEqual(['opened', 'escalated']);
    const notices = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', ids.boss)
      .where('kind', '=', 'case.escalated')
      .execute();
    expect(notices.filter((n) => (n.params as any).caseId === opened.id).length).toBe(1);
    const events = await db()
      .selectFrom('events')
      .select('payload')
      .where('name', '=', 'case.escalated')
      .execute();
    expect(events.filter((e) => (e.payload as any).caseId === opened.id).length).toBe(1);
    // Once: the next sweep leaves it alone.
    await enqueue();
    await runDueJobs(t.database, ['cases.escalate']);
    const again = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', ids.boss)
      .where('kind', '=', 'case.escalated')
      .execute();
    expect(again.filter((n) => (n.params as any).caseId === opened.id).length).toBe(1);
  });
});
