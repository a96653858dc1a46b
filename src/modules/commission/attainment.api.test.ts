import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, makeAccount, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { sendAttainmentAlerts } from './alerts.js';
import { forecast, getAttainment } from './attainment.service.js';
import {
  makeManagedTeam,
  makeStatementFixture,
  type StatementFixture,
} from '../../db/testing/commission-statements.js';

const yuan = (n: number) => BigInt(Math.round(n * 100));

describe('forecast', () => {
  it('projects run rate plus stage-weighted pipeline, rounded once', () => {
    const f = forecast({
      period: { start: '2026-03-01', end: '2026-03-31' },
      today: '2026-03-20',
      calculation: { measure: '1000', asOf: '2026-03-03' },
      target: '10000',
      opportunities: [
        { stage: 'propose', amountMinor: '5', currency: 'CNY' },
        { stage: 'commit', amountMinor: '100', currency: 'EUR' },
      ],
      currency: 'CNY',
      units: false,
    });
    // 1000 ÷ 3 × 31 = 10333.33… → 10333; 5 × 30 % = 1.5 → 2 (half to even); 10335 ÷ 10000 = 103.35 %.
    expect(f).toEqual({
      elapsedDays: 3,
      daysInPeriod: 31,
      runRate: '10333',
      pipeline: '2',
      opportunities: 1,
      skipped: 1,
      projected: '10335',
      attainment: '103.35',
    });
  });
});

describeEachEngine('commission attainment and alerts', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  type Who = 'finance' | 'rep' | 'otherRep' | 'manager';
  const cookies = {} as Record<Who, string>;
  const users = {} as Record<Who, TestUser>;
  let plan: StatementFixture;
  const now = new Date('2026-03-20T04:00:00Z');

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const managed = await makeManagedTeam(db());
    const team = { id: managed.teamId };
    users.manager = managed.manager;
    users.finance = await makeUser(db(), { role: 'finance' });
    users.rep = await makeUser(db(), { role: 'rep', teamId: team.id });
    users.otherRep = await makeUser(db(), { role: 'rep' });
    for (const [key, user] of Object.entries(users)) cookies[key as Who] = await server.login(user.login);
    plan = await makeStatementFixture(db(), {
      payees: [users.rep.id, users.otherRep.id],
      periods: [
        {
          start: '2026-01-01',
          status: 'paid',
          results: [
            { measure: yuan(900_000), target: yuan(1_000_000), earned: yuan(63_000) },
            { measure: yuan(1_100_000), target: yuan(1_000_000), earned: yuan(110_000) },
          ],
        },
        {
          start: '2026-02-01',
          status: 'approved',
          results: [{ measure: yuan(1_200_000), target: yuan(1_000_000), earned: yuan(120_000) }, null],
        },
        {
          start: '2026-03-01',
          status: 'calculated',
          calculatedAt: '2026-03-10T04:00:00Z',
          results: [
            { measure: yuan(300_000), target: yuan(1_000_000), earned: yuan(12_000) },
            { measure: yuan(900_000), target: yuan(1_000_000), earned: yuan(63_000) },
          ],
        },
      ],
    });
    const account = await makeAccount(db(), { owner: users.rep });
    const opportunity = (stage: string, amount: number, expectedClose: string, currency = 'CNY') => ({
      account_id: account.id,
      owner_id: users.rep.id,
      name: `${stage} ${amount}`,
      stage,
      amount_minor: yuan(amount).toString(),
      currency,
      expected_close: expectedClose,
    });
    await db()
      .insertInto('opportunities')
      .values([
        opportunity('negotiate', 100_000, '2026-03-25'),
        opportunity('commit', 50_000, '2026-03-31'),
        opportunity('qualify', 10_000, '2026-03-28', 'USD'),
        opportunity('commit', 999_999, '2026-04-10'),
      ])
      .execute();
    await db()
      .insertInto('opportunities')
      .values({ ...opportunity('commit', 777_777, '2026-03-26'), status: 'lost' })
      .execute();
  });
  afterAll(() => server?.close());

  it('forecasts the running period from the latest calculation and weighted open opportunities', async () => {
    const result = await getAttainment(
      db(),
      await contextOf(db(), users.finance),
      { planId: plan.planId, payeeId: plan.payeeIds[0] },
      now,
    );
    const rep = result.payees[0]!;
    expect(
      rep.periods.map((p) => [p.periodStart, p.status, p.measure, p.target, p.attainment, p.payout]),
    ).toEqual([
      ['2026-01-01', 'paid', '900000.00', '1000000.00', '90.00', '63000.00'],
      ['2026-02-01', 'approved', '1200000.00', '1000000.00', '120.00', '120000.00'],
      ['2026-03-01', 'calculated', '300000.00', '1000000.00', '30.00', '12000.00'],
    ]);
    // By hand: 300 000.00 in the 10 days to 10 March → × 31 days = 930 000.00; negotiate 100 000 × 60 % +
    // commit 50 000 × 90 % = 105 000.00 (the USD one skipped, April's and the lost one not counted);
    // 1 035 000.00 of 1 000 000.00 = 103.50 %.
    expect(rep.forecast).toMatchObject({
      periodId: plan.periods[2]!.id,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      asOf: '2026-03-20',
      elapsedDays: 10,
      daysInPeriod: 31,
      measureSoFar: '300000.00',
      runRate: '930000.00',
      pipeline: { weighted: '105000.00', opportunities: 2, skipped: 1 },
      projected: '1035000.00',
      target: '1000000.00',
      attainment: '103.50',
      currency: 'CNY',
    });
  });

  it('serves the series by scope, locked periods for all but finance: a payee its own, a manager its team, others 404', async () => {
    const get = (who: Who, query: string) =>
      server.call(`/api/v1/commission/attainment?planId=${plan.planId}${query}`, { cookie: cookies[who] });
    const own = await get('rep', '');
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.payees).toHaveLength(1);
    expect(own.body.payees[0].payee).toMatchObject({
      id: plan.payeeIds[0],
      type: 'user',
      refId: users.rep.id,
    });
    expect(own.body.payees[0].periods.map((p: any) => p.periodStart)).toEqual(['2026-01-01']);
    const team = await get('manager', `&teamId=${users.manager.teamId}`);
    expect(team.body.payees.map((p: any) => p.payee.id)).toEqual([plan.payeeIds[0]]);
    expect(team.body.payees[0].periods.map((p: any) => p.periodStart)).toEqual(['2026-01-01']);
    expect((await get('manager', `&payeeId=${plan.payeeIds[1]}`)).status).toBe(404);
    expect((await get('otherRep', `&payeeId=${plan.payeeIds[0]}`)).status).toBe(404);
    const other = (await get('finance', `&payeeId=${plan.payeeIds[1]}`)).body.payees[0];
    // No result in February: the period is there, its figures empty.
    expect(other.periods.map((p: any) => p.measure)).toEqual(['1100000.00', null, '900000.00']);
  });

  it('alerts the payee and its manager once per checkpoint when attainment is below 80 %', async () => {
    const sweep = (day: string) =>
      runWork(db(), systemContext('test'), (w) => sendAttainmentAlerts(w, new Date(`${day}T04:00:00Z`)));
    const alerts = async (userId: string) =>
      (
        await db()
          .selectFrom('notifications')
          .select(['params'])
          .where('user_id', '=', userId)
          .where('kind', '=', 'commission.attainment_alert')
          .orderBy('created_at')
          .execute()
      ).map((n) => (n.params as any).checkpoint);
    await sweep('2026-03-15'); // 15 of 31 days: before the first checkpoint
    expect(await alerts(users.rep.id)).toEqual([]);
    await sweep('2026-03-16'); // 16 of 31 ≥ 50 %
    await sweep('2026-03-17');
    expect(await alerts(users.rep.id)).toEqual([50]);
    expect(await alerts(users.manager.id)).toEqual([50]);
    expect(await alerts(users.otherRep.id)).toEqual([]); // at 90 %: above the threshold
    await sweep('2026-03-24'); // 24 of 31 ≥ 75 %
    await sweep('2026-03-24');
    expect(await alerts(users.rep.id)).toEqual([50, 75]);
    expect(await alerts(users.manager.id)).toEqual([50, 75]);
    const notice = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', users.manager.id)
      .where('kind', '=', 'commission.attainment_alert')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(notice.params).toMatchObject({
      role: 'manager',
      payeeId: plan.payeeIds[0],
      periodStart: '2026-03-01',
      checkpoint: 75,
      attainment: '30.00',
      threshold: '80',
    });
    const rows = await db()
      .selectFrom('commission_alerts')
      .select(['checkpoint'])
      .where('period_id', '=', plan.periods[2]!.id)
      .orderBy('checkpoint')
      .execute();
    expect(rows).toEqual([{ checkpoint: 50 }, { checkpoint: 75 }]);
  });

  it('first seen past both checkpoints: one alert, both recorded', async () => {
    const late = await makeUser(db(), { role: 'rep' });
    const fixture = await makeStatementFixture(db(), {
      payees: [late.id],
      periods: [
        {
          start: '2026-05-01',
          status: 'calculated',
          results: [{ measure: yuan(10), target: yuan(1_000), earned: 0n }],
        },
      ],
    });
    await runWork(db(), systemContext('test'), (w) =>
      sendAttainmentAlerts(w, new Date('2026-05-30T04:00:00Z')),
    );
    await runWork(db(), systemContext('test'), (w) =>
      sendAttainmentAlerts(w, new Date('2026-05-31T04:00:00Z')),
    );
    const notices = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', late.id)
      .execute();
    expect(notices.map((n) => (n.params as any).checkpoint)).toEqual([75]);
    const rows = await db()
      .selectFrom('commission_alerts')
      .select('checkpoint')
      .where('period_id', '=', fixture.periods[0]!.id)
      .orderBy('checkpoint')
      .execute();
    expect(rows.map((r) => r.checkpoint)).toEqual([50, 75]);
  });
});
