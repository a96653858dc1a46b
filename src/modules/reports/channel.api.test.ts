import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePartnerId, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import type { RegistrationStatus } from '../../db/types.js';
import { makeCatalogue, registrationBody } from '../registrations/testing.js';

/**
 * The channel report against a seeded set of registrations in known states and times (Asia/Shanghai, UTC+8,
 * so a local day starts at 16:00 UTC the day before), April 2026:
 *
 *   P1  approved  04-01 00:30  +2 h   CNY 1000.00
 *       won       04-02        +4 h   CNY 2500.50
 *       won       04-03        +10 h  USD 100.00
 *       lost      04-04        +6 h   CNY 300.00
 *       rejected  04-05        +0 h   CNY 50.00    PROTECTED_UNTIL (a conflict)
 *       rejected  04-06        +20 h  CNY 10.00    REVIEWER_REJECTED
 *       submitted 04-07        —      CNY 0.25     held as a look-alike (a conflict)
 *       draft     (never submitted)
 *   P2  rejected  04-10        +0 h   JPY 5000     DIRECT_CUSTOMER (a conflict)
 *       approved  04-30 23:30  +3 h   CNY 1.00
 *       won       03-31 23:30 and 05-01 00:30 local: outside the window
 */
describeEachEngine('channel report', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookie = {} as Record<'ops' | 'finance' | 'manager' | 'rep' | 'p1' | 'p2', string>;
  let p1: string;
  let p2: string;
  let p1User: TestUser;
  let p2User: TestUser;
  let silver: string;
  const april = 'from=2026-04-01&to=2026-04-30';
  const get = (path: string, c: string) => server.call(path, { cookie: c });

  async function seed(
    partnerId: string,
    user: TestUser,
    r: {
      status: RegistrationStatus;
      submittedAt?: string;
      hours?: number;
      amountMinor: string;
      currency?: string;
      refusal?: string;
      lookalike?: true;
    },
  ) {
    const submitted = r.submittedAt ? new Date(r.submittedAt) : null;
    const decided =
      submitted && r.hours !== undefined ? new Date(submitted.getTime() + r.hours * 3.6e6) : null;
    const row = await db()
      .insertInto('registrations')
      .values({
        partner_id: partnerId,
        submitted_by: user.id,
        status: r.status,
        customer: JSON.stringify({ legalName: `报表${randomUUID().slice(0, 8)}有限公司` }),
        legal_name: '报表有限公司',
        features: JSON.stringify([]),
        name: 'seeded',
        amount_minor: r.amountMinor,
        currency: r.currency ?? 'CNY',
        product_line_ids: [],
        competitors: [],
        expected_close: '2026-12-31',
        stage: 'qualify',
        refusal: r.refusal ? JSON.stringify({ code: r.refusal, until: null, params: {} }) : null,
        submitted_at: submitted?.toISOString() ?? null,
        decided_at: decided?.toISOString() ?? null,
        created_at: (submitted ?? new Date('2026-04-15T02:00:00Z')).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (r.lookalike)
      await db()
        .insertInto('decisions')
        .values({
          id: randomUUID(),
          kind: 'registration.verdict',
          subject_type: 'registration',
          subject_id: row.id,
          verdict: 'pending_review',
          rule: JSON.stringify({ id: 'registration.screen', version: 1, params: {} }),
          evidence: JSON.stringify([
            { code: 'registration.review_required', params: { lookalike: true, steps: 1 } },
          ]),
        })
        .execute();
    return row.id;
  }

  beforeAll(async () => {
    server = await startTestServer(t.database);
    await db().updateTable('organization').set({ time_zone: 'Asia/Shanghai' }).execute();
    p1 = await makePartnerId(db());
    p2 = await makePartnerId(db());
    silver = (
      await db()
        .selectFrom('partner_tiers')
        .select('id')
        .where('code', '=', 'silver')
        .executeTakeFirstOrThrow()
    ).id;
    await db().updateTable('partners').set({ tier_id: silver }).where('id', '=', p2).execute();
    p1User = await makeUser(db(), { role: 'partner_user', partnerId: p1 });
    p2User = await makeUser(db(), { role: 'partner_admin', partnerId: p2 });
    cookie.ops = await server.login((await makeUser(db(), { role: 'sales_ops' })).login);
    cookie.finance = await server.login((await makeUser(db(), { role: 'finance' })).login);
    cookie.manager = await server.login((await makeUser(db(), { role: 'manager' })).login);
    cookie.rep = await server.login((await makeUser(db(), { role: 'rep' })).login);
    cookie.p1 = await server.login(p1User.login);
    cookie.p2 = await server.login(p2User.login);

    const at = (day: string, time = '04:00:00') => `2026-04-${day}T${time}Z`;
    await seed(p1, p1User, {
      status: 'approved',
      submittedAt: '2026-03-31T16:30:00Z',
      hours: 2,
      amountMinor: '100000',
    });
    await seed(p1, p1User, { status: 'won', submittedAt: at('02'), hours: 4, amountMinor: '250050' });
    await seed(p1, p1User, {
      status: 'won',
      submittedAt: at('03'),
      hours: 10,
      amountMinor: '10000',
      currency: 'USD',
    });
    await seed(p1, p1User, { status: 'lost', submittedAt: at('04'), hours: 6, amountMinor: '30000' });
    await seed(p1, p1User, {
      status: 'rejected',
      submittedAt: at('05'),
      hours: 0,
      amountMinor: '5000',
      refusal: 'PROTECTED_UNTIL',
    });
    await seed(p1, p1User, {
      status: 'rejected',
      submittedAt: at('06'),
      hours: 20,
      amountMinor: '1000',
      refusal: 'REVIEWER_REJECTED',
    });
    await seed(p1, p1User, {
      status: 'submitted',
      submittedAt: at('07'),
      amountMinor: '25',
      lookalike: true,
    });
    await seed(p1, p1User, { status: 'draft', amountMinor: '999999' });
    await seed(p2, p2User, {
      status: 'rejected',
      submittedAt: at('10'),
      hours: 0,
      amountMinor: '5000',
      currency: 'JPY',
      refusal: 'DIRECT_CUSTOMER',
    });
    await seed(p2, p2User, {
      status: 'approved',
      submittedAt: '2026-04-30T15:30:00Z',
      hours: 3,
      amountMinor: '100',
    });
    await seed(p2, p2User, {
      status: 'won',
      submittedAt: '2026-03-31T15:30:00Z',
      hours: 1,
      amountMinor: '777',
    });
    await seed(p2, p2User, {
      status: 'won',
      submittedAt: '2026-04-30T16:30:00Z',
      hours: 1,
      amountMinor: '777',
    });
  });
  afterAll(() => server.close());

  const card = (body: any, partnerId: string) => body.partners.find((p: any) => p.partnerId === partnerId);

  it('counts, rates, approval times and amounts per partner, exactly, over organisation-local days', async () => {
    const reply = await get(`/api/v1/reports/channel?${april}`, cookie.ops);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ from: '2026-04-01', to: '2026-04-30', timeZone: 'Asia/Shanghai' });
    const one = card(reply.body, p1);
    expect(one).toMatchObject({
      submitted: 7,
      approved: 4,
      rejected: 2,
      approvalRate: { part: 4, whole: 6, rate: '0.6667' },
      won: 2,
      lost: 1,
      winRate: { part: 2, whole: 3, rate: '0.6667' },
      conflicts: 2,
      conflictRate: { part: 2, whole: 7, rate: '0.2857' },
      // decided after 0, 2, 4, 6, 10 and 20 hours
      approvalTime: { decided: 6, medianHours: 5, p90Hours: 15 },
      tier: { code: 'registered' },
    });
    expect(one.byStatus).toEqual({
      submitted: 1,
      returned: 0,
      resubmitted: 0,
      approved: 1,
      rejected: 2,
      withdrawn: 0,
      expired: 0,
      won: 2,
      lost: 1,
    });
    expect(one.registered).toEqual([
      { currency: 'CNY', amount: '3860.75' },
      { currency: 'USD', amount: '100.00' },
    ]);
    expect(one.wonAmount).toEqual([
      { currency: 'CNY', amount: '2500.50' },
      { currency: 'USD', amount: '100.00' },
    ]);
    const two = card(reply.body, p2);
    expect(two).toMatchObject({
      submitted: 2,
      approved: 1,
      rejected: 1,
      approvalRate: { rate: '0.5000' },
      won: 0,
      lost: 0,
      winRate: { part: 0, whole: 0, rate: null },
      conflictRate: { part: 1, whole: 2, rate: '0.5000' },
      approvalTime: { decided: 2, medianHours: 1.5, p90Hours: 2.7 },
      tier: { code: 'silver' },
      registered: [
        { currency: 'CNY', amount: '1.00' },
        { currency: 'JPY', amount: '5000' },
      ],
      wonAmount: [],
    });
    // Busiest partner first.
    expect(reply.body.partners.map((p: any) => p.partnerId)).toEqual([p1, p2]);
    expect(reply.body.totals).toMatchObject({
      submitted: 9,
      approved: 5,
      rejected: 3,
      approvalRate: { part: 5, whole: 8, rate: '0.6250' },
      winRate: { part: 2, whole: 3, rate: '0.6667' },
      conflicts: 3,
      conflictRate: { part: 3, whole: 9, rate: '0.3333' },
      // 0, 0, 2, 3, 4, 6, 10, 20
      approvalTime: { decided: 8, medianHours: 3.5, p90Hours: 13 },
      conflictsByReason: {
        PROTECTED_UNTIL: 1,
        DIRECT_CUSTOMER: 1,
        LOOKALIKE_REVIEW: 1,
        RECENT_DIRECT_FOLLOW_UP: 0,
        DUPLICATE_OWN_REGISTRATION: 0,
      },
      registered: [
        { currency: 'CNY', amount: '3861.75' },
        { currency: 'JPY', amount: '5000' },
        { currency: 'USD', amount: '100.00' },
      ],
    });
    // Finance (scope all) reads the same figures.
    const finance = await get(`/api/v1/reports/channel?${april}`, cookie.finance);
    expect(finance.body.totals.submitted).toBe(9);
  });

  it('filters by partner and by tier', async () => {
    const only = await get(`/api/v1/reports/channel?${april}&partnerId=${p2}`, cookie.ops);
    expect(only.status).toBe(200);
    expect(only.body.partners.map((p: any) => p.partnerId)).toEqual([p2]);
    expect(only.body.totals.submitted).toBe(2);
    const tier = await get(`/api/v1/reports/channel?${april}&tierId=${silver}`, cookie.ops);
    expect(tier.body.partners.map((p: any) => p.partnerId)).toEqual([p2]);
  });

  it('shows a partner’s people their own partner only; another partner is 404, as a missing one', async () => {
    const mine = await get(`/api/v1/reports/channel?${april}`, cookie.p1);
    expect(mine.status).toBe(200);
    expect(mine.body.partners.map((p: any) => p.partnerId)).toEqual([p1]);
    expect(mine.body.totals).toMatchObject({ submitted: 7, conflicts: 2 });
    expect(JSON.stringify(mine.body)).not.toContain(p2);
    const own = await get(`/api/v1/reports/channel?${april}&partnerId=${p1}`, cookie.p1);
    expect(own.body.totals.submitted).toBe(7);
    const other = await get(`/api/v1/reports/channel?${april}&partnerId=${p2}`, cookie.p1);
    const missing = await get(`/api/v1/reports/channel?${april}&partnerId=${randomUUID()}`, cookie.p1);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    // The silver tier holds only P2: P1's people learn nothing of it.
    const tier = await get(`/api/v1/reports/channel?${april}&tierId=${silver}`, cookie.p1);
    expect(tier.body.partners).toEqual([]);
    expect(tier.body.totals.submitted).toBe(0);
    const theirs = await get(`/api/v1/reports/channel?${april}`, cookie.p2);
    expect(theirs.body.partners.map((p: any) => p.partnerId)).toEqual([p2]);
  });

  it('gives direct managers no registration and reps nothing at all', async () => {
    const manager = await get(`/api/v1/reports/channel?${april}`, cookie.manager);
    expect(manager.status).toBe(200);
    expect(manager.body.partners).toEqual([]);
    expect(manager.body.totals).toMatchObject({ submitted: 0, conflictRate: { rate: null } });
    const rep = await get(`/api/v1/reports/channel?${april}`, cookie.rep);
    expect(rep.status).toBe(403);
  });

  it('answers bad input with 400 naming the field', async () => {
    const fields = async (query: string) => {
      const reply = await get(`/api/v1/reports/channel?${query}`, cookie.ops);
      expect(reply.status, query).toBe(400);
      return reply.body.error.details.fields.map((f: any) => `${f.field}:${f.problem}`);
    };
    expect(await fields('from=2026-05-01&to=2026-04-01')).toEqual(['from:after_to']);
    expect(await fields('from=2025-01-01&to=2026-04-01')).toEqual(['from:range_too_long']);
    expect((await fields('from=2026-02-30')).join()).toMatch(/^from:/);
    expect((await fields('partnerId=42')).join()).toMatch(/^partnerId:/);
    expect(await fields(`tierId=${randomUUID()}`)).toEqual(['tierId:not_found']);
    expect((await fields('colour=red')).join()).toMatch(/colour/);
  });

  it('counts a registration submitted through the API today', async () => {
    const catalogue = await makeCatalogue(db());
    const p3 = await makePartnerId(db());
    const user = await makeUser(db(), { role: 'partner_user', partnerId: p3 });
    const c = await server.login(user.login);
    const body = registrationBody(`杭州报表${randomUUID().slice(0, 6)}科技有限公司`, catalogue.crm.productId);
    const draft = await server.call('/api/v1/registrations', { cookie: c, json: body });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submitted = await server.call(`/api/v1/registrations/${draft.body.id}/submit`, {
      cookie: c,
      json: {},
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const reply = await get(`/api/v1/reports/channel?partnerId=${p3}`, cookie.ops);
    expect(reply.status).toBe(200);
    expect(reply.body.partners).toHaveLength(1);
    expect(card(reply.body, p3)).toMatchObject({
      submitted: 1,
      byStatus: { [submitted.body.status]: 1 },
      registered: [{ currency: 'CNY', amount: '50000.00' }],
    });
  });

  const download = async (path: string, c: string) => {
    const response = await fetch(server.url + path, { headers: { cookie: c } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
      disposition: response.headers.get('content-disposition'),
    };
  };

  it('exports the scorecards as CSV and XLSX, headings in the caller’s language', async () => {
    const csv = await download(`/api/v1/exports/channel?${april}&format=csv&lang=en`, cookie.ops);
    expect(csv.status, csv.body.toString()).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.disposition).toMatch(/attachment; filename="channel-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse<Record<string, string>>(csv.body, { bom: true, columns: true });
    expect(rows.map((r) => r['Partner ID'])).toEqual([p1, p2]);
    expect(rows[0]).toMatchObject({
      Tier: 'registered',
      Submitted: '7',
      Approved: '4',
      Rejected: '2',
      'Approval rate': '0.6667',
      Won: '2',
      Lost: '1',
      'Win rate': '0.6667',
      Conflicts: '2',
      'Conflict rate': '0.2857',
      'Median approval time (h)': '5',
      'Registered amount': 'CNY 3860.75; USD 100.00',
      'Won amount': 'CNY 2500.50; USD 100.00',
    });
    expect(rows[1]!['Win rate']).toBe('');

    const xlsx = await download(`/api/v1/exports/channel?${april}&partnerId=${p2}`, cookie.ops);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('伙伴编号');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(header.indexOf('伙伴编号') + 1).text).toBe(p2);
    expect(sheet.getRow(2).getCell(header.indexOf('登记金额') + 1).text).toBe('CNY 1.00; JPY 5000');
  });

  it('exports only with data:export, keeps to the partner filter’s sight, and refuses a bad range', async () => {
    expect((await download(`/api/v1/exports/channel?${april}`, cookie.p1)).status).toBe(403);
    expect((await download(`/api/v1/exports/channel?${april}`, cookie.rep)).status).toBe(403);
    const bad = await server.call('/api/v1/exports/channel?from=2026-05-01&to=2026-04-01', {
      cookie: cookie.ops,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toMatchObject({ field: 'from', problem: 'after_to' });
    const audit = await db()
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'data.exported')
      .where('entity_id', '=', 'channel')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});
