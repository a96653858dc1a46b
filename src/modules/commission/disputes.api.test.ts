import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePartnerId, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import {
  earningLine,
  makeManagedTeam,
  makeStatementFixture,
  type StatementFixture,
} from '../../db/testing/commission-statements.js';

describeEachEngine('commission disputes', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  type Who = 'finance' | 'ops' | 'rep' | 'otherRep' | 'manager' | 'partnerAdmin' | 'partnerUser';
  const cookies = {} as Record<Who, string>;
  const users = {} as Record<Who, TestUser>;
  let partnerId: string;
  let plan: StatementFixture;
  let partnerPlan: StatementFixture;

  const line = () => earningLine(1_000_000n, '7', 1, 70_000n, '90.00');
  const result = (lines = [line()]) => ({ measure: 900_000n, target: 1_000_000n, earned: 70_000n, lines });

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const managed = await makeManagedTeam(db());
    const team = { id: managed.teamId };
    const otherTeam = await makeTeam(db());
    partnerId = await makePartnerId(db());
    users.finance = await makeUser(db(), { role: 'finance' });
    users.ops = await makeUser(db(), { role: 'sales_ops' });
    users.manager = managed.manager;
    users.rep = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '张伟' });
    users.otherRep = await makeUser(db(), { role: 'rep', teamId: otherTeam.id });
    users.partnerAdmin = await makeUser(db(), { role: 'partner_admin', partnerId });
    users.partnerUser = await makeUser(db(), { role: 'partner_user', partnerId });
    for (const [key, user] of Object.entries(users)) cookies[key as Who] = await server.login(user.login);
    plan = await makeStatementFixture(db(), {
      payees: [users.rep.id, users.otherRep.id],
      periods: [
        { start: '2026-01-01', status: 'locked', results: [result([line(), line()]), result()] },
        { start: '2026-02-01', status: 'calculated', results: [result(), result()] },
        { start: '2026-03-01', status: 'open' },
      ],
    });
    partnerPlan = await makeStatementFixture(db(), {
      payeeType: 'partner',
      payees: [partnerId],
      periods: [{ start: '2026-01-01', status: 'paid', results: [result()] }],
    });
  });
  afterAll(() => server?.close());

  const raise = (who: Who, lineId: string, reason = '这一行的费率不对') =>
    server.call(`/api/v1/commission/lines/${lineId}/disputes`, { cookie: cookies[who], json: { reason } });
  const list = (who: Who, query = '') =>
    server.call(`/api/v1/commission/disputes${query}`, { cookie: cookies[who] });
  const review = (who: Who, id: string) =>
    server.call(`/api/v1/commission/disputes/${id}/review`, { cookie: cookies[who], method: 'POST' });
  const resolve = (who: Who, id: string, json: unknown) =>
    server.call(`/api/v1/commission/disputes/${id}/resolve`, { cookie: cookies[who], json });

  it('lets the payee dispute a line of its locked statement once at a time; others are refused', async () => {
    const lineId = plan.periods[0]!.lineIds[0]![0]!;
    const raised = await raise('rep', lineId);
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body).toMatchObject({
      status: 'open',
      reason: '这一行的费率不对',
      payee: { type: 'user', id: users.rep.id, name: '张伟' },
      line: { id: lineId, lineNo: 1, kind: 'earning', amount: '700.00' },
      currency: 'CNY',
      periodStart: '2026-01-01',
      adjustment: null,
    });
    const again = await raise('rep', lineId);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DISPUTE_OPEN', details: { lineId } });
    // Someone who may not see the statement is answered as for a line that does not exist.
    expect((await raise('otherRep', lineId)).status).toBe(404);
    expect((await raise('partnerAdmin', lineId)).status).toBe(404);
    // Whoever sees it but is not its payee may not dispute it.
    for (const who of ['manager', 'finance'] as const) {
      const refused = await raise(who, plan.periods[0]!.lineIds[0]![1]!);
      expect(refused.status, who).toBe(403);
      expect(refused.body.error.details).toMatchObject({ reason: 'not_payee' });
    }
    // Before the lock the payee does not see its statement; finance sees it but is not the payee.
    expect((await raise('rep', plan.periods[1]!.lineIds[0]![0]!)).status).toBe(404);
    expect((await raise('partnerUser', partnerPlan.periods[0]!.lineIds[0]![0]!)).status).toBe(403);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', raised.body.id)
      .execute();
    expect(audit).toEqual([{ action: 'commission_dispute.raised', actor_id: users.rep.id }]);
  });

  it('lists disputes by scope: the payee its own, a manager its team’s, finance all', async () => {
    const ids = async (who: Who, query = '') =>
      (await list(who, query)).body.items.map((d: any) => d.payee.id);
    expect(await ids('rep')).toEqual([users.rep.id]);
    expect(await ids('otherRep')).toEqual([]);
    expect(await ids('manager')).toEqual([users.rep.id]);
    expect(await ids('finance')).toContain(users.rep.id);
    expect(await ids('finance', '?status=upheld')).toEqual([]);
    expect(await ids('finance', `?periodId=${plan.periods[0]!.id}&status=open`)).toEqual([users.rep.id]);
    expect((await list('partnerUser')).status).toBe(403);
  });

  it('upheld with an amount: an adjustment in the next open period, a decision, a notice; then immutable', async () => {
    const disputeId = (await list('rep')).body.items[0].id;
    expect((await review('manager', disputeId)).status).toBe(403);
    const reviewed = await review('finance', disputeId);
    expect(reviewed.body).toMatchObject({ status: 'in_review' });
    expect((await review('finance', disputeId)).body.error).toMatchObject({
      code: 'DISPUTE_CLOSED',
      details: { status: 'in_review' },
    });

    const upheld = await resolve('finance', disputeId, {
      outcome: 'upheld',
      amount: '-35.50',
      note: '费率应为 6.5%',
    });
    expect(upheld.status, JSON.stringify(upheld.body)).toBe(200);
    expect(upheld.body).toMatchObject({
      status: 'upheld',
      note: '费率应为 6.5%',
      resolvedBy: users.finance.id,
      adjustment: { periodId: plan.periods[1]!.id, periodStart: '2026-02-01', amount: '-35.50' },
    });
    const adjustment = await db()
      .selectFrom('commission_adjustments')
      .selectAll()
      .where('id', '=', upheld.body.adjustment.id)
      .executeTakeFirstOrThrow();
    expect(adjustment).toMatchObject({
      kind: 'dispute',
      amount_minor: '-3550',
      payee_id: plan.payeeIds[0],
      source_period_id: plan.periods[0]!.id,
      target_period_id: plan.periods[1]!.id,
      reason: { disputeId, lineId: upheld.body.line.id, note: '费率应为 6.5%' },
    });
    const decision = await db()
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', upheld.body.decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      kind: 'commission.dispute',
      subject_type: 'commission_dispute',
      subject_id: disputeId,
      verdict: 'upheld',
      rule: { id: 'commission.dispute', version: 1 },
    });
    expect((decision.evidence as any[]).map((e) => e.code)).toEqual([
      'commission.dispute.line',
      'commission.dispute.raised',
      'commission.dispute.upheld',
    ]);
    expect((decision.evidence as any[])[2].params).toMatchObject({
      amount: '-3550',
      targetPeriodStart: '2026-02-01',
    });
    expect(adjustment.decision_id).toBe(decision.id);
    const notices = await db()
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', users.rep.id)
      .execute();
    expect(notices).toEqual([
      {
        kind: 'commission.dispute_resolved',
        params: expect.objectContaining({
          disputeId,
          outcome: 'upheld',
          amount: '-35.50',
          targetPeriodStart: '2026-02-01',
        }),
      },
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'decision_id'])
      .where('entity_id', '=', disputeId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'commission_dispute.raised',
      'commission_dispute.in_review',
      'commission_dispute.upheld',
    ]);
    expect(audit[2]!.decision_id).toBe(decision.id);

    // Resolved disputes never change; the line may be disputed again.
    const twice = await resolve('finance', disputeId, { outcome: 'rejected', note: 'again' });
    expect(twice.body.error).toMatchObject({ code: 'DISPUTE_CLOSED', details: { status: 'upheld' } });
    expect((await raise('rep', upheld.body.line.id, '还有问题')).status).toBe(201);
  });

  it('a partner’s admin disputes its partner’s line; rejected books nothing, an amount with it is refused', async () => {
    const lineId = partnerPlan.periods[0]!.lineIds[0]![0]!;
    const raised = await raise('partnerAdmin', lineId);
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body.payee).toMatchObject({ type: 'partner', id: partnerId });
    const withAmount = await resolve('finance', raised.body.id, {
      outcome: 'rejected',
      amount: '1.00',
      note: 'x',
    });
    expect(withAmount.status).toBe(400);
    expect(withAmount.body.error.details.fields[0]).toMatchObject({
      field: 'amount',
      problem: 'not_allowed',
    });
    const badAmount = await resolve('finance', raised.body.id, {
      outcome: 'upheld',
      amount: '1.001',
      note: 'x',
    });
    expect(badAmount.status).toBe(400);
    const rejected = await resolve('finance', raised.body.id, { outcome: 'rejected', note: '核对无误' });
    expect(rejected.body).toMatchObject({ status: 'rejected', adjustment: null });
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'commission.dispute_resolved')
      .where('user_id', 'in', [users.partnerAdmin.id, users.partnerUser.id])
      .execute();
    expect(notices).toEqual([{ user_id: users.partnerAdmin.id, kind: 'commission.dispute_resolved' }]);
  });

  it('opens the next period when the plan has none open after the disputed one', async () => {
    const lonely = await makeStatementFixture(db(), {
      payees: [users.rep.id],
      rules: { period: 'quarter', yearStartMonth: 4 },
      periods: [{ start: '2026-04-01', status: 'locked', results: [result()] }],
    });
    const raised = await raise('rep', lonely.periods[0]!.lineIds[0]![0]!);
    const upheld = await resolve('finance', raised.body.id, {
      outcome: 'upheld',
      amount: '12.00',
      note: '补发',
    });
    expect(upheld.body.adjustment).toMatchObject({ periodStart: '2026-07-01', amount: '12.00' });
    const opened = await db()
      .selectFrom('commission_periods')
      .selectAll()
      .where('id', '=', upheld.body.adjustment.periodId)
      .executeTakeFirstOrThrow();
    expect(opened).toMatchObject({ period_start: '2026-07-01', period_end: '2026-09-30', status: 'open' });
    // Upheld with nothing to pay books nothing.
    const second = await raise('rep', lonely.periods[0]!.lineIds[0]![0]!, 'again');
    const zero = await resolve('finance', second.body.id, { outcome: 'upheld', note: '已口头解释' });
    expect(zero.body).toMatchObject({ status: 'upheld', adjustment: null });
  });
});
