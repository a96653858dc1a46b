import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { makeCatalogue } from '../registrations/testing.js';
import { makePlan, publishVersion, setTargets } from '../../db/testing/commission-plans.js';

const day = 86_400_000;
/** Customers held this long, so credit for the past dates these tests use is their owner's. */
const THREE_YEARS = 3 * 365;
// The dispute of issue 13: < 80 % → 4 %, 80–100 % → 7 %, ≥ 100 % → 10 %.
const DISPUTE_TIERS = [
  { from: '0', to: '80', rate: '4' },
  { from: '80', to: '100', rate: '7' },
  { from: '100', to: null, rate: '10' },
];

type PeriodRow = { id: string; periodStart: string; status: string; payout: string | null };

/** Finance's steps over HTTP: list a plan's periods, post a period step, close a period, read a statement. */
function periodSteps(server: () => TestServer, finance: () => string) {
  const post = async (path: string, cookie = finance()) => {
    const res = await server().call(path, { cookie, method: 'POST' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  return {
    post,
    periods: async (planId: string) => {
      const res = await server().call(`/api/v1/commission/plans/${planId}/periods`, { cookie: finance() });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as PeriodRow[];
    },
    close: async (periodId: string) => {
      const calc = await post(`/api/v1/commission/periods/${periodId}/calculate`);
      await post(`/api/v1/commission/periods/${periodId}/approve`);
      await post(`/api/v1/commission/periods/${periodId}/lock`);
      return calc;
    },
    statement: async (periodId: string, payeeId: string) =>
      (
        await server().call(`/api/v1/commission/periods/${periodId}/statements/${payeeId}`, {
          cookie: finance(),
        })
      ).body,
  };
}

describeEachEngine('commission periods and statements', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'finance' | 'rep' | 'otherRep' | 'partner', string>;
  let rep: TestUser;
  let productId: string;
  let tag: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const ops = await makeUser(db(), { role: 'sales_ops' });
    const finance = await makeUser(db(), { role: 'finance' });
    rep = await makeUser(db(), { role: 'rep' });
    const otherRep = await makeUser(db(), { role: 'rep' });
    const partner = await makeUser(db(), { role: 'partner_admin', partnerId: await makePartnerId(db()) });
    for (const [key, user] of Object.entries({ ops, finance, rep, otherRep, partner }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    productId = (await makeCatalogue(db())).crm.productId;
    tag = crypto.randomUUID().slice(0, 8);
  });
  afterAll(() => server?.close());

  const record = async (body: Record<string, unknown>) => {
    const res = await server.call('/api/v1/transactions', { cookie: cookies.ops, json: body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const invoice = (externalId: string, accountId: string, date: string, gross: string) =>
    record({
      externalId,
      kind: 'invoice',
      customer: { accountId },
      currency: 'CNY',
      transactionDate: date,
      lines: [{ productId, gross }],
    });
  const { periods, post, close } = periodSteps(
    () => server,
    () => cookies.finance,
  );

  it('pays the worked dispute, and the amendment after arbitration adds +90,000 to the next open period without touching the locked one', async () => {
    const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
    await invoice(`INV-${tag}-1`, account.id, '2024-03-10', '1000000.00');
    await invoice(`INV-${tag}-2`, account.id, '2024-09-20', '2000000.00');
    const plan = await makePlan(db(), {
      rules: { currency: 'CNY', period: 'year', tiers: DISPUTE_TIERS },
      effectiveFrom: '2024-01-01',
      payees: [{ userId: rep.id }],
      targets: [{ payee: 0, periodStart: '2024-01-01', target: '500000000' }],
    });
    const [y2024, y2025] = await periods(plan.planId);
    expect(y2024).toMatchObject({ periodStart: '2024-01-01', status: 'open' });
    expect(y2025).toMatchObject({ periodStart: '2025-01-01', status: 'open' });

    const calc = await post(`/api/v1/commission/periods/${y2024!.id}/calculate`);
    expect(calc).toMatchObject({ snapshot: { seq: 1, kind: 'calculation', payees: 1, payout: '120000.00' } });
    // The payee sees nothing before the lock; finance sees the calculation.
    const early = await server.call(
      `/api/v1/commission/periods/${y2024!.id}/statements/${plan.payeeIds[0]}`,
      {
        cookie: cookies.rep,
      },
    );
    expect(early.status).toBe(404);
    await post(`/api/v1/commission/periods/${y2024!.id}/approve`);
    await post(`/api/v1/commission/periods/${y2024!.id}/lock`);

    const statement = await server.call(
      `/api/v1/commission/periods/${y2024!.id}/statements/${plan.payeeIds[0]}`,
      {
        cookie: cookies.rep,
      },
    );
    expect(statement.status, JSON.stringify(statement.body)).toBe(200);
    expect(statement.body.result).toMatchObject({
      attainment: '60.0000',
      tier: 0,
      earned: '120000.00',
      payout: '120000.00',
    });
    expect(statement.body.lines).toEqual([
      expect.objectContaining({
        kind: 'earning',
        amount: '120000.00',
        basis: '3000000.00',
        rate: '4',
        formula: {
          code: 'commission.tier_rate',
          params: expect.objectContaining({ attainment: '60.00', rate: '4' }),
        },
      }),
    ]);
    expect(
      statement.body.credits.map((c: { externalId: string; commission: string }) => [
        c.externalId,
        c.commission,
      ]),
    ).toEqual([
      [`INV-${tag}-1`, '40000.00'],
      [`INV-${tag}-2`, '80000.00'],
    ]);

    // Arbitration: from the start of 2024 the target is 4,000,000 and the rate a flat 7 %.
    const v2 = await publishVersion(
      db(),
      plan.planId,
      2,
      '2024-01-01',
      { currency: 'CNY', period: 'year', tiers: [{ from: '0', to: null, rate: '7' }] },
      'arbitration',
      '仲裁裁决',
    );
    await setTargets(db(), v2.id, [
      { payeeId: plan.payeeIds[0]!, periodStart: '2024-01-01', target: '400000000' },
    ]);
    const recalc = await post(`/api/v1/commission/periods/${y2024!.id}/calculate`);
    expect(recalc).toMatchObject({
      snapshot: { seq: 2, kind: 'recalculation' },
      adjustments: [{ payeeId: plan.payeeIds[0], kind: 'amendment', amount: '90000.00' }],
    });
    // Idempotent: recalculating again adds nothing.
    expect((await post(`/api/v1/commission/periods/${y2024!.id}/calculate`)).adjustments).toEqual([]);
    // The locked statement is unchanged for its payee.
    const locked = await server.call(
      `/api/v1/commission/periods/${y2024!.id}/statements/${plan.payeeIds[0]}`,
      { cookie: cookies.rep },
    );
    expect(locked.body.result.payout).toBe('120000.00');

    // The next open period pays the difference as a line citing the amendment.
    const next = await post(`/api/v1/commission/periods/${y2025!.id}/calculate`);
    expect(next.snapshot.payout).toBe('90000.00');
    const s2025 = await server.call(
      `/api/v1/commission/periods/${y2025!.id}/statements/${plan.payeeIds[0]}`,
      { cookie: cookies.finance },
    );
    expect(s2025.body.lines).toContainEqual(
      expect.objectContaining({
        kind: 'adjustment',
        amount: '90000.00',
        adjustment: expect.objectContaining({
          kind: 'amendment',
          versionId: v2.id,
          reason: expect.objectContaining({ reasonCode: 'arbitration', reasonNote: '仲裁裁决' }),
        }),
      }),
    );

    // The calculation and the adjustment are decisions; the lock and calculations are audited.
    const decisions = await db()
      .selectFrom('decisions')
      .select(['kind', 'verdict'])
      .where('subject_id', 'in', [y2024!.id, plan.payeeIds[0]!])
      .execute();
    expect(decisions).toEqual(
      expect.arrayContaining([
        { kind: 'commission.calculate', verdict: 'calculated' },
        { kind: 'commission.calculate', verdict: 'recalculated' },
        { kind: 'commission.adjust', verdict: 'amendment' },
      ]),
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', y2024!.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'commission_period.calculated',
        'commission_period.locked',
        'commission_period.recalculated',
      ]),
    );
  });

  it('claws a return of a paid sale back at the rate it was paid, in the next period', async () => {
    const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
    await invoice(`INV-${tag}-10`, account.id, '2024-01-15', '1000.00');
    const plan = await makePlan(db(), {
      rules: { currency: 'CNY', period: 'month', tiers: DISPUTE_TIERS },
      effectiveFrom: '2024-01-01',
      payees: [{ userId: rep.id }],
      targets: [
        { payee: 0, periodStart: '2024-01-01', target: '100000' },
        { payee: 0, periodStart: '2024-02-01', target: '100000' },
      ],
    });
    const [jan, feb] = await periods(plan.planId);
    await close(jan!.id);
    await record({
      externalId: `RET-${tag}-10`,
      kind: 'return',
      customer: { accountId: account.id },
      currency: 'CNY',
      transactionDate: '2024-02-05',
      reversesExternalId: `INV-${tag}-10`,
      lines: [{ productId, gross: '-400.00' }],
    });
    await invoice(`INV-${tag}-11`, account.id, '2024-02-10', '500.00');
    await post(`/api/v1/commission/periods/${feb!.id}/calculate`);
    const s = await server.call(`/api/v1/commission/periods/${feb!.id}/statements/${plan.payeeIds[0]}`, {
      cookie: cookies.finance,
    });
    // February: 500 of 1,000 (50 % → 4 %) = 20; the return of January's sale, paid at 10 %: −40; carried.
    expect(s.body.result).toMatchObject({
      measure: '500.00',
      earned: '20.00',
      payout: '0.00',
      carried: '-20.00',
    });
    expect(s.body.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([
      ['earning', '20.00'],
      ['clawback', '-40.00'],
      ['carried', '20.00'],
    ]);
  });

  it('keeps statements to their payees and refuses steps out of order', async () => {
    const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
    await invoice(`INV-${tag}-20`, account.id, '2024-05-15', '100.00');
    const plan = await makePlan(db(), {
      rules: { currency: 'CNY', period: 'quarter', tiers: DISPUTE_TIERS },
      effectiveFrom: '2024-04-01',
      payees: [{ userId: rep.id }],
      targets: [{ payee: 0, periodStart: '2024-04-01', target: '10000' }],
    });
    const [q2] = await periods(plan.planId);
    const early = await server.call(`/api/v1/commission/periods/${q2!.id}/lock`, {
      cookie: cookies.finance,
      method: 'POST',
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'PERIOD_WRONG_STATE',
      details: { status: 'open', expected: ['approved'] },
    });
    const byRep = await server.call(`/api/v1/commission/periods/${q2!.id}/calculate`, {
      cookie: cookies.rep,
      method: 'POST',
    });
    expect(byRep.status).toBe(403);
    await close(q2!.id);
    const path = `/api/v1/commission/periods/${q2!.id}/statements/${plan.payeeIds[0]}`;
    expect((await server.call(path, { cookie: cookies.rep })).status).toBe(200);
    expect((await server.call(path, { cookie: cookies.otherRep })).status).toBe(404);
    expect((await server.call(path, { cookie: cookies.partner })).status).toBe(404);
    const mine = await server.call('/api/v1/commission/my/statements', { cookie: cookies.rep });
    expect(mine.body).toContainEqual(
      expect.objectContaining({ periodId: q2!.id, payout: '10.00', attainment: '100.0000' }),
    );
    const theirs = await server.call('/api/v1/commission/my/statements', { cookie: cookies.otherRep });
    expect(theirs.body).toEqual([]);
    const whatIf = await server.call(`/api/v1/commission/plans/${plan.planId}/what-if`, {
      cookie: cookies.ops,
      json: {
        rules: { currency: 'CNY', period: 'quarter', tiers: [{ from: '0', to: null, rate: '12' }] },
        periodStarts: ['2024-04-01'],
      },
    });
    expect(whatIf.status, JSON.stringify(whatIf.body)).toBe(200);
    expect(whatIf.body.periods[0].payees).toEqual([
      expect.objectContaining({ current: '10.00', whatIf: '12.00', difference: '2.00' }),
    ]);
  });
});

describeEachEngine(
  'commission periods: grace, recompute, year to date, indexed targets, partner rebates',
  (t) => {
    let server: TestServer;
    const db = () => t.database.db;
    let finance: string;
    let ops: string;
    let productId: string;
    let tag: string;

    beforeAll(async () => {
      server = await startTestServer(t.database);
      finance = await server.login((await makeUser(db(), { role: 'finance' })).login);
      ops = await server.login((await makeUser(db(), { role: 'sales_ops' })).login);
      productId = (await makeCatalogue(db())).crm.productId;
      tag = crypto.randomUUID().slice(0, 8);
    });
    afterAll(() => server?.close());

    const record = async (body: Record<string, unknown>) => {
      const res = await server.call('/api/v1/transactions', { cookie: ops, json: body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    const sale = (id: string, accountId: string, date: string, gross: string, kind = 'invoice') =>
      record({
        externalId: `${id}-${tag}`,
        kind,
        customer: { accountId },
        currency: 'CNY',
        transactionDate: date,
        lines: [{ productId, gross }],
      });
    const {
      periods: periodsOf,
      post,
      close,
      statement,
    } = periodSteps(
      () => server,
      () => finance,
    );

    it('pays the difference when the grace window reaches a higher tier (补发差额)', async () => {
      const rep = await makeUser(db(), { role: 'rep' });
      const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
      await sale('G1', account.id, '2025-03-20', '900.00');
      await sale('G2', account.id, '2025-04-10', '150.00'); // inside 15 days of grace: 1,050 of 1,000
      const plan = await makePlan(db(), {
        rules: { currency: 'CNY', period: 'month', tiers: DISPUTE_TIERS, graceDays: 15 },
        effectiveFrom: '2025-03-01',
        payees: [{ userId: rep.id }],
        targets: [
          { payee: 0, periodStart: '2025-03-01', target: '100000' },
          { payee: 0, periodStart: '2025-04-01', target: '100000' },
        ],
      });
      const [march, april] = await periodsOf(plan.planId);
      expect((await close(march!.id)).snapshot.payout).toBe('63.00'); // 90 % → 7 %
      const calc = await post(`/api/v1/commission/periods/${april!.id}/calculate`);
      expect(calc.adjustments).toEqual([expect.objectContaining({ kind: 'true_up', amount: '27.00' })]); // 90 − 63
      const s = await statement(april!.id, plan.payeeIds[0]!);
      expect(s.lines).toContainEqual(expect.objectContaining({ kind: 'true_up', amount: '27.00' }));
      // Calculated again, April does not pay the true-up twice.
      expect((await post(`/api/v1/commission/periods/${april!.id}/calculate`)).adjustments).toEqual([]);
    });

    it('recomputes the sale’s period for a late return under the recompute policy, which can drop the tier', async () => {
      const rep = await makeUser(db(), { role: 'rep' });
      const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
      await sale('R1', account.id, '2025-05-10', '1000.00');
      const plan = await makePlan(db(), {
        rules: {
          currency: 'CNY',
          period: 'month',
          tiers: DISPUTE_TIERS,
          clawback: { policy: 'recompute', windowDays: 90 },
        },
        effectiveFrom: '2025-05-01',
        payees: [{ userId: rep.id }],
        targets: [
          { payee: 0, periodStart: '2025-05-01', target: '100000' },
          { payee: 0, periodStart: '2025-06-01', target: '100000' },
        ],
      });
      const [may, june] = await periodsOf(plan.planId);
      expect((await close(may!.id)).snapshot.payout).toBe('100.00'); // 100 % → 10 %
      await record({
        externalId: `R1-back-${tag}`,
        kind: 'return',
        customer: { accountId: account.id },
        currency: 'CNY',
        transactionDate: '2025-06-05',
        reversesExternalId: `R1-${tag}`,
        lines: [{ productId, gross: '-300.00' }],
      });
      const calc = await post(`/api/v1/commission/periods/${june!.id}/calculate`);
      // May again with the return: 700 of 1,000 → 4 % = 28; 28 − 100 = −72, in June.
      expect(calc.adjustments).toEqual([expect.objectContaining({ kind: 'recompute', amount: '-72.00' })]);
      const s = await statement(june!.id, plan.payeeIds[0]!);
      expect(s.result).toMatchObject({ measure: '0.00', payout: '0.00', carried: '-72.00' });
      expect((await post(`/api/v1/commission/periods/${june!.id}/calculate`)).adjustments).toEqual([]);
    });

    it('measures the year to date and pays it less what earlier periods earned', async () => {
      const rep = await makeUser(db(), { role: 'rep' });
      const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
      await sale('Y1', account.id, '2024-02-10', '700.00');
      await sale('Y2', account.id, '2024-05-10', '1400.00');
      const plan = await makePlan(db(), {
        rules: { currency: 'CNY', period: 'quarter', tiers: DISPUTE_TIERS, attainment: 'year_to_date' },
        effectiveFrom: '2024-01-01',
        payees: [{ userId: rep.id }],
        targets: [
          { payee: 0, periodStart: '2024-01-01', target: '100000' },
          { payee: 0, periodStart: '2024-04-01', target: '100000' },
        ],
      });
      const [q1, q2] = await periodsOf(plan.planId);
      const early = await server.call(`/api/v1/commission/periods/${q2!.id}/calculate`, {
        cookie: finance,
        method: 'POST',
      });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('PERIOD_ORDER');
      expect((await close(q1!.id)).snapshot.payout).toBe('28.00');
      await post(`/api/v1/commission/periods/${q2!.id}/calculate`);
      const s = await statement(q2!.id, plan.payeeIds[0]!);
      expect(s.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([
        ['earning', '210.00'],
        ['ytd_prior', '-28.00'],
      ]);
    });

    it('follows an index for the target, and shows what it was resolved from', async () => {
      const rep = await makeUser(db(), { role: 'rep' });
      const account = await makeAccount(db(), { owner: rep, heldForDays: THREE_YEARS });
      await sale('I1', account.id, '2024-08-10', '1100.00');
      await db()
        .insertInto('commission_indexes')
        .values([
          { code: `CPI-${tag}`, period_start: '2024-07-01', value: '100' },
          { code: `CPI-${tag}`, period_start: '2024-08-01', value: '110' },
        ])
        .execute();
      const plan = await makePlan(db(), {
        rules: {
          currency: 'CNY',
          period: 'month',
          tiers: DISPUTE_TIERS,
          targetIndex: { code: `CPI-${tag}`, basePeriod: '2024-07-01' },
        },
        effectiveFrom: '2024-08-01',
        payees: [{ userId: rep.id }],
        targets: [{ payee: 0, periodStart: '2024-08-01', target: '100000' }],
      });
      const [aug] = await periodsOf(plan.planId);
      await post(`/api/v1/commission/periods/${aug!.id}/calculate`);
      const s = await statement(aug!.id, plan.payeeIds[0]!);
      // 1,000 × 110 ÷ 100 = 1,100: exactly 100 % → 10 %.
      expect(s.result).toMatchObject({ target: '1100.00', attainment: '100.0000', payout: '110.00' });
      expect(s.explanation.targetEvidence).toContainEqual(
        expect.objectContaining({
          code: 'target.indexed',
          params: expect.objectContaining({ base: '100', now: '110' }),
        }),
      );
    });

    it('pays a partner a volume rebate (返利) on its credited sales', async () => {
      const partnerId = await makePartnerId(db());
      const account = await makeAccount(db());
      await db()
        .updateTable('ownership_claims')
        .set({
          holder: 'partner',
          user_id: null,
          partner_id: partnerId,
          started_at: new Date(Date.now() - 3 * 365 * day).toISOString(),
        })
        .where('account_id', '=', account.id)
        .execute();
      await db()
        .updateTable('accounts')
        .set({ owner_id: null, partner_id: partnerId })
        .where('id', '=', account.id)
        .execute();
      await sale('P1', account.id, '2024-10-10', '150000.00', 'order');
      const plan = await makePlan(db(), {
        rules: {
          currency: 'CNY',
          period: 'quarter',
          basis: 'booked',
          tierOn: 'volume',
          tiers: [
            { from: '0', to: '100000', rate: '1' },
            { from: '100000', to: null, rate: '3' },
          ],
        },
        effectiveFrom: '2024-10-01',
        payees: [{ partnerId }],
      });
      const [q4] = await periodsOf(plan.planId);
      expect((await post(`/api/v1/commission/periods/${q4!.id}/calculate`)).snapshot.payout).toBe('4500.00');
    });
  },
);
