import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { makeCatalogue } from '../registrations/testing.js';
import { targetFor, versionInForce } from './index.js';

const day = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);
const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

/** The worked example's tiers: < 80 % → 4 %, 80–100 % → 7 %, ≥ 100 % → 10 %. */
const rules = (over: Record<string, unknown> = {}) => ({
  currency: 'CNY',
  period: 'month',
  basis: 'invoiced',
  tiers: [
    { from: '0', to: '80', rate: '4' },
    { from: '80', to: '100', rate: '7' },
    { from: '100', to: null, rate: '10' },
  ],
  ...over,
});

describeEachEngine('commission plans, amendments, payees and targets', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<
    'ops' | 'finance' | 'finance2' | 'rep' | 'otherRep' | 'manager' | 'partner' | 'otherPartner',
    string
  >;
  let rep: TestUser;
  let otherRep: TestUser;
  let partnerId: string;
  let productId: string;
  let tag: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const ops = await makeUser(db(), { role: 'sales_ops' });
    const finance = await makeUser(db(), { role: 'finance' });
    const finance2 = await makeUser(db(), { role: 'finance' });
    const manager = await makeUser(db(), { role: 'manager' });
    rep = await makeUser(db(), { role: 'rep' });
    otherRep = await makeUser(db(), { role: 'rep' });
    partnerId = await makePartnerId(db());
    const partnerAdmin = await makeUser(db(), { role: 'partner_admin', partnerId });
    const otherPartnerAdmin = await makeUser(db(), {
      role: 'partner_admin',
      partnerId: await makePartnerId(db()),
    });
    const people = {
      ops,
      finance,
      finance2,
      manager,
      rep,
      otherRep,
      partner: partnerAdmin,
      otherPartner: otherPartnerAdmin,
    };
    for (const [key, user] of Object.entries(people))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    productId = (await makeCatalogue(db())).crm.productId;
    tag = crypto.randomUUID().slice(0, 8);
  });
  afterAll(() => server?.close());

  const call = (path: string, cookie: string, json?: unknown, method?: string) =>
    server.call(path, { cookie, ...(json !== undefined && { json }), ...(method && { method }) });
  const createPlan = (code: string, over: Record<string, unknown> = {}, cookie = cookies.ops) =>
    call('/api/v1/commission/plans', cookie, {
      code: `${code}-${tag}`,
      name: `Plan ${code}`,
      payeeType: 'user',
      effectiveFrom: '2025-01-01',
      rules: rules(),
      ...over,
    });
  const count = async (table: 'commission_plans' | 'commission_plan_versions' | 'commission_targets') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const publish = (planId: string, versionId: string, cookie = cookies.finance) =>
    call(`/api/v1/commission/plans/${planId}/versions/${versionId}/publish`, cookie, {});
  const addPayee = (planId: string, body: Record<string, unknown>) =>
    call(`/api/v1/commission/plans/${planId}/payees`, cookies.ops, body);

  it('creates a plan with version 1 as a draft, and refuses a second plan with its code', async () => {
    const created = await createPlan('create');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      code: `create-${tag}`,
      payeeType: 'user',
      status: 'draft',
      currentVersion: null,
      latestVersion: 1,
      payeeCount: 0,
      versions: [
        {
          version: 1,
          status: 'draft',
          reasonCode: 'initial',
          effectiveFrom: '2025-01-01',
          rules: expect.objectContaining({ currency: 'CNY', measure: 'net', mode: 'retroactive' }),
          warnings: [],
          createdBy: expect.objectContaining({ id: expect.any(String) }),
        },
      ],
    });
    const again = await createPlan('create');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'PLAN_CODE_TAKEN',
      details: { fields: [{ field: 'code' }] },
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['commission_plan.created']);
  });

  it('refuses a tier table with a gap or an overlap, naming the tier and field, and saves nothing', async () => {
    const before = await Promise.all([count('commission_plans'), count('commission_plan_versions')]);
    const gap = await createPlan('gap', {
      rules: rules({
        tiers: [
          { from: '0', to: '80', rate: '4' },
          { from: '85', to: '100', rate: '7' },
          { from: '100', to: null, rate: '10' },
        ],
      }),
    });
    expect(gap.status).toBe(400);
    expect(gap.body.error.code).toBe('VALIDATION_FAILED');
    expect(gap.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'rules.tiers.1.from', problem: 'TIER_GAP' }),
    ]);
    const overlap = await createPlan('overlap', {
      rules: rules({
        tiers: [
          { from: '0', to: '80', rate: '4' },
          { from: '80', to: '100', rate: '7' },
          { from: '90', to: null, rate: '10' },
        ],
      }),
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'rules.tiers.2.from', problem: 'TIER_OVERLAP' }),
    ]);
    const decimals = await createPlan('decimals', { rules: rules({ cap: '100.005' }) });
    expect(decimals.status).toBe(400);
    expect(decimals.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'rules.cap', problem: 'too_many_decimals' }),
    ]);
    expect(await Promise.all([count('commission_plans'), count('commission_plan_versions')])).toEqual(before);
  });

  it('lets someone other than the author publish a version, as a decision; the author is refused', async () => {
    const created = await createPlan('selfie', {}, cookies.finance);
    const v1 = created.body.versions[0].id;
    const self = await publish(created.body.id, v1, cookies.finance);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    const published = await publish(created.body.id, v1, cookies.finance2);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({
      status: 'active',
      currentVersion: 1,
      versions: [{ status: 'published', decidedBy: expect.objectContaining({ id: expect.any(String) }) }],
    });
    const decision = await db()
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', published.body.versions[0].decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      kind: 'commission.plan',
      verdict: 'published',
      subject_id: created.body.id,
      rule: expect.objectContaining({ id: 'commission.plan_review', version: 1 }),
    });
    const twice = await publish(created.body.id, v1, cookies.finance2);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('VERSION_NOT_DRAFT');
  });

  it('amends a plan with a reason: one draft at a time, not before version 1, not inside a locked period', async () => {
    const created = await createPlan('amend');
    const planId = created.body.id;
    const early = await call(`/api/v1/commission/plans/${planId}/versions`, cookies.ops, {
      effectiveFrom: '2026-01-01',
      rules: rules(),
      reasonCode: 'market_change',
      reasonNote: 'too early',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('VERSION_DRAFT_EXISTS');
    await publish(planId, created.body.versions[0].id);
    await db()
      .insertInto('commission_periods')
      .values({ plan_id: planId, period_start: '2026-01-01', period_end: '2026-01-31', status: 'locked' })
      .execute();
    const amend = (effectiveFrom: string) =>
      call(`/api/v1/commission/plans/${planId}/versions`, cookies.ops, {
        effectiveFrom,
        rules: rules({ tiers: [{ from: '0', to: null, rate: '7' }] }),
        reasonCode: 'arbitration',
        reasonNote: '仲裁后目标调整为 4,000,000，费率 7 %',
      });
    const inside = await amend('2026-01-15');
    expect(inside.status).toBe(409);
    expect(inside.body.error).toMatchObject({
      code: 'AMENDMENT_IN_LOCKED_PERIOD',
      details: {
        fields: [expect.objectContaining({ field: 'effectiveFrom', problem: 'in_locked_period' })],
        periodStart: '2026-01-01',
        status: 'locked',
      },
    });
    const before = await amend('2024-12-01');
    expect(before.status).toBe(400);
    expect(before.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'effectiveFrom', problem: 'before_first_version' }),
    ]);
    const quarterly = await call(`/api/v1/commission/plans/${planId}/versions`, cookies.ops, {
      effectiveFrom: '2026-04-01',
      rules: rules({ period: 'quarter' }),
      reasonCode: 'other',
      reasonNote: 'another calendar',
    });
    expect(quarterly.status).toBe(400);
    expect(quarterly.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'rules.period', problem: 'differs_from_plan' }),
    ]);
    const atStart = await amend('2026-01-01');
    expect(atStart.status, JSON.stringify(atStart.body)).toBe(201);
    expect(atStart.body.versions[1]).toMatchObject({
      version: 2,
      status: 'draft',
      reasonCode: 'arbitration',
      reasonNote: '仲裁后目标调整为 4,000,000，费率 7 %',
      effectiveFrom: '2026-01-01',
    });
    expect((await publish(planId, atStart.body.versions[1].id)).status).toBe(200);
    expect((await versionInForce(db(), planId, '2025-12-31'))?.version).toBe(1);
    expect((await versionInForce(db(), planId, '2026-01-31'))?.version).toBe(2);
    expect(await versionInForce(db(), planId, '2024-12-31')).toBeUndefined();
  });

  it('refuses unknown payees and payees of the wrong type, naming the field', async () => {
    const plan = (await createPlan('payees')).body;
    const unknown = await addPayee(plan.id, { userId: crypto.randomUUID(), startDate: '2025-01-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'userId', problem: 'unknown' }),
    ]);
    const wrongType = await addPayee(plan.id, { partnerId, startDate: '2025-01-01' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'partnerId', problem: 'wrong_payee_type' }),
    ]);
    const added = await addPayee(plan.id, { userId: rep.id, startDate: '2025-01-01' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ payee: { type: 'user', id: rep.id }, acknowledged: null });
    const twice = await addPayee(plan.id, { userId: rep.id, startDate: '2025-02-01' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('PAYEE_EXISTS');
    const ended = await call(
      `/api/v1/commission/plans/${plan.id}/payees/${added.body.id}`,
      cookies.ops,
      { endDate: '2025-06-30' },
      'PATCH',
    );
    expect(ended.body).toMatchObject({ endDate: '2025-06-30' });
  });

  it('saves a target above 120 % of the payee’s best period with a warning the approver sees', async () => {
    const account = await makeAccount(db(), { owner: rep, heldForDays: 365 });
    const invoice = await server.call('/api/v1/transactions', {
      cookie: cookies.ops,
      json: {
        externalId: `INV-${tag}`,
        kind: 'invoice',
        customer: { accountId: account.id },
        currency: 'CNY',
        transactionDate: isoDay(-62),
        lines: [{ productId, quantity: 2, gross: '1000.00', discount: '100.00' }],
      },
    });
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    const plan = (await createPlan('targets')).body;
    const payee = (await addPayee(plan.id, { userId: rep.id, startDate: '2025-01-01' })).body;
    const versionId = plan.versions[0].id;
    const put = (targets: unknown[]) =>
      call(`/api/v1/commission/plans/${plan.id}/targets`, cookies.ops, { versionId, targets }, 'PUT');

    const stored = await count('commission_targets');
    const bad = await put([
      { payeeId: payee.id, periodStart: isoDay(0).slice(0, 8) + '15', target: '100.00' },
      { payeeId: payee.id, periodStart: thisMonth(), target: '-5' },
      { payeeId: crypto.randomUUID(), periodStart: thisMonth(), target: '5.00' },
      { payeeId: payee.id, periodStart: thisMonth(), target: '5.001' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: any) => [f.field, f.problem])).toEqual([
      ['targets.1.target', 'negative'],
    ]);
    const bad2 = await put([
      { payeeId: payee.id, periodStart: isoDay(0).slice(0, 8) + '15', target: '100.00' },
      { payeeId: crypto.randomUUID(), periodStart: thisMonth(), target: '5.00' },
      { payeeId: payee.id, periodStart: '2025-03-01', target: '5.001' },
    ]);
    expect(bad2.status).toBe(400);
    expect(bad2.body.error.details.fields.map((f: any) => [f.field, f.problem])).toEqual([
      ['targets.0.periodStart', 'not_period_start'],
      ['targets.1.payeeId', 'unknown'],
      ['targets.2.target', 'too_many_decimals'],
    ]);
    expect(await count('commission_targets')).toBe(stored);

    const modest = await put([{ payeeId: payee.id, periodStart: thisMonth(), target: '1000.00' }]);
    expect(modest.status, JSON.stringify(modest.body)).toBe(200);
    expect(modest.body.warnings).toEqual([]);
    const high = await put([{ payeeId: payee.id, periodStart: thisMonth(), target: '2000.00' }]);
    expect(high.body.targets).toEqual([{ payeeId: payee.id, periodStart: thisMonth(), target: '2000.00' }]);
    const warning = {
      code: 'plan.target_above_history',
      params: expect.objectContaining({
        payeeId: payee.id,
        periodStart: thisMonth(),
        target: '2000.00',
        best: '900.00',
        bestPeriodStart: `${isoDay(-62).slice(0, 7)}-01`,
        ratio: '2.2222',
      }),
    };
    expect(high.body.warnings).toEqual([warning]);
    // Stored in minor units.
    const row = await db()
      .selectFrom('commission_targets')
      .select('target')
      .where('payee_id', '=', payee.id)
      .executeTakeFirstOrThrow();
    expect(row.target).toBe('200000');
    const shown = await call(`/api/v1/commission/plans/${plan.id}`, cookies.finance);
    expect(shown.body.versions[0].warnings).toEqual([warning]);

    const published = await publish(plan.id, versionId);
    const decision = await db()
      .selectFrom('decisions')
      .select('evidence')
      .where('id', '=', published.body.versions[0].decisionId)
      .executeTakeFirstOrThrow();
    expect(decision.evidence).toEqual([warning]);
    expect(await targetFor(db(), payee.id, thisMonth(), 1)).toMatchObject({ target: '200000', version: 1 });
    const late = await put([{ payeeId: payee.id, periodStart: thisMonth(), target: '1.00' }]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('VERSION_NOT_DRAFT');

    // The payee signs off; nobody else may, and whoever cannot see the payee is told nothing.
    const ack = (cookie: string) =>
      call(`/api/v1/commission/payees/${payee.id}/acknowledge`, cookie, { versionId });
    expect((await ack(cookies.otherRep)).status).toBe(404);
    expect((await ack(cookies.ops)).status).toBe(403);
    const signed = await ack(cookies.rep);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ acknowledged: { versionId, version: 1 }, acknowledgedLatest: true });
    const mine = await call('/api/v1/commission/my/plans', cookies.rep);
    expect(mine.body.items).toContainEqual(
      expect.objectContaining({
        planId: plan.id,
        payeeId: payee.id,
        inForce: expect.objectContaining({ version: 1 }),
        acknowledgedLatest: true,
        targets: [{ periodStart: thisMonth(), target: '2000.00', versionId }],
      }),
    );
    const listed = await call(`/api/v1/commission/plans/${plan.id}/payees`, cookies.ops);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: payee.id, acknowledgedLatest: true })]);
  });

  it('shows a rep or a partner only the plans that pay it', async () => {
    const repPlan = (await createPlan('seen-rep')).body;
    await addPayee(repPlan.id, { userId: rep.id, startDate: '2025-01-01' });
    const partnerPlan = (await createPlan('seen-partner', { payeeType: 'partner' })).body;
    const partnerPayee = (await addPayee(partnerPlan.id, { partnerId, startDate: '2025-01-01' })).body;
    const codes = async (cookie: string) =>
      (await call('/api/v1/commission/plans?limit=200', cookie)).body.items.map((p: any) => p.code);
    expect(await codes(cookies.rep)).toContain(`seen-rep-${tag}`);
    expect(await codes(cookies.rep)).not.toContain(`seen-partner-${tag}`);
    expect(await codes(cookies.otherRep)).toEqual([]);
    expect(await codes(cookies.partner)).toEqual([`seen-partner-${tag}`]);
    expect(await codes(cookies.otherPartner)).toEqual([]);
    expect(await codes(cookies.manager)).toContain(`seen-rep-${tag}`);
    expect((await call(`/api/v1/commission/plans/${repPlan.id}`, cookies.otherRep)).status).toBe(404);
    expect((await call(`/api/v1/commission/plans/${partnerPlan.id}`, cookies.otherPartner)).status).toBe(404);
    expect((await call(`/api/v1/commission/plans/${partnerPlan.id}`, cookies.partner)).status).toBe(200);
    // The manager sees the plan, not payees outside its team.
    const managerView = await call(`/api/v1/commission/plans/${repPlan.id}/payees`, cookies.manager);
    expect(managerView.body.items).toEqual([]);
    // A partner admin signs off for its partner once a version is published.
    await publish(partnerPlan.id, partnerPlan.versions[0].id);
    const signed = await call(`/api/v1/commission/payees/${partnerPayee.id}/acknowledge`, cookies.partner, {
      versionId: partnerPlan.versions[0].id,
    });
    expect(signed.status).toBe(200);
    const mine = await call('/api/v1/commission/my/plans', cookies.partner);
    expect(mine.body.items.map((p: any) => [p.code, p.acknowledgedLatest])).toEqual([
      [`seen-partner-${tag}`, true],
    ]);
  });

  it('sets index values for dynamic targets, each above zero, audited', async () => {
    const code = `CPI${tag}`;
    const set = await call(
      `/api/v1/commission/indexes/${code}/2026-01-01`,
      cookies.ops,
      { value: '103.20' },
      'PUT',
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ code, periodStart: '2026-01-01', value: '103.2' });
    const zero = await call(
      `/api/v1/commission/indexes/${code}/2026-02-01`,
      cookies.ops,
      { value: '0' },
      'PUT',
    );
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.fields).toEqual([expect.objectContaining({ field: 'value' })]);
    const listed = await call(`/api/v1/commission/indexes?code=${code}`, cookies.finance);
    expect(listed.body).toMatchObject({ total: 1, items: [{ code, value: '103.2' }] });
    expect((await call(`/api/v1/commission/indexes?code=${code}`, cookies.rep)).status).toBe(403);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', `${code}/2026-01-01`)
      .execute();
    expect(audit).toEqual([{ action: 'commission_index.set' }]);
  });
});
