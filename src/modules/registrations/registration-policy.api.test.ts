import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePartner, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { makeCatalogue, registrationBody } from './testing.js';

/** Deal registration keeps to the partner's standing: its tier's protection, its status, its territory. */
describeEachEngine('registration policy: tier, partner status and the electronic fence', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let ops: string;
  let gold: string;
  let partnerId: string;
  let tierId: string;
  let catalogue: Awaited<ReturnType<typeof makeCatalogue>>;
  const firm = (city: string) => `${city}${crypto.randomUUID().slice(0, 6)}科技有限公司`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(db(), { role: 'sales_ops' })).login);
    const partner = await makePartner(db());
    partnerId = partner.id;
    tierId = partner.tierId;
    // The partner's tier protects for 30 days, not the default 90.
    await db()
      .updateTable('partner_tiers')
      .set({ protection_days: 30 })
      .where('id', '=', partner.tierId)
      .execute();
    gold = await server.login((await makeUser(db(), { role: 'partner_user', partnerId })).login);
    catalogue = await makeCatalogue(db());
    expect(
      (
        await server.call('/api/v1/registrations/settings', {
          method: 'PATCH',
          cookie: ops,
          json: { autoApproveMax: '200000.00', minimumAmount: '1.00' },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(() => server.close());

  const register = async (cookie: string, body: ReturnType<typeof registrationBody>) => {
    const draft = await server.call('/api/v1/registrations', { cookie, json: body });
    if (draft.status !== 201) return { draft, submitted: draft };
    const submitted = await server.call(`/api/v1/registrations/${draft.body.id}/submit`, {
      cookie,
      json: {},
    });
    return { draft, submitted };
  };
  const inRegion = (legalName: string, regionCode: string) =>
    registrationBody(legalName, catalogue.crm.productId, { customer: { legalName, phones: [], regionCode } });

  it('protects an approved registration for the partner tier’s period', async () => {
    const { submitted } = await register(gold, inRegion(firm('广州'), '440106'));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'approved', daysLeft: 30 });
  });

  it('stops a partner’s people as soon as the partner is suspended', async () => {
    const partner = await makePartner(db());
    const cookie = await server.login(
      (await makeUser(db(), { role: 'partner_user', partnerId: partner.id })).login,
    );
    const suspend = await server.call(`/api/v1/partners/${partner.id}/status`, {
      cookie: ops,
      json: { to: 'suspended', reason: 'late payments' },
    });
    expect(suspend.status, JSON.stringify(suspend.body)).toBe(200);
    const { draft } = await register(cookie, inRegion(firm('广州'), '440106'));
    expect(draft.status).toBe(403);
    expect(draft.body.error.code).toBe('PARTNER_INACTIVE');
    expect(
      await db().selectFrom('registrations').select('id').where('partner_id', '=', partner.id).execute(),
    ).toEqual([]);
  });

  it('once territories are drawn, refuses a deal outside the partner’s fence and writes nothing', async () => {
    const line = await db()
      .selectFrom('product_lines')
      .select('code')
      .where('id', '=', catalogue.crm.lineId)
      .executeTakeFirstOrThrow();
    const draft = await server.call('/api/v1/territory-models', { cookie: ops, json: { name: 'fence' } });
    expect(draft.status).toBe(201);
    const model = (path: string, json: unknown, method?: string) =>
      server.call(`/api/v1/territory-models/${draft.body.id}${path}`, {
        cookie: ops,
        json,
        ...(method && { method }),
      });
    expect((await model('/territories', { code: 'gd', name: '广东', areas: ['440000'] }, 'PUT')).status).toBe(
      200,
    );
    expect(
      (
        await model('/authorisations', {
          territoryCode: 'gd',
          partnerId,
          productLineCodes: [line.code],
          validFrom: '2020-01-01',
        })
      ).status,
    ).toBe(201);
    expect((await model('/activate', {})).status).toBe(200);

    const inside = await register(gold, inRegion(firm('深圳'), '440305'));
    expect(inside.submitted.body.status, JSON.stringify(inside.submitted.body)).toBe('approved');

    const outside = await register(gold, inRegion(firm('北京'), '110105'));
    expect(outside.submitted.status).toBe(403);
    expect(outside.submitted.body.error).toMatchObject({
      code: 'OUTSIDE_TERRITORY',
      details: { regionCode: '110105', productLineCode: line.code },
    });
    expect(outside.submitted.body.error.details.authorised.length).toBeGreaterThan(0);
    const after = await server.call(`/api/v1/registrations/${outside.draft.body.id}`, { cookie: gold });
    expect(after.body.status).toBe('draft');
  });

  it('auto-approves under the tier’s own rule where it has one, and says whose limit decided', async () => {
    const setRule = (autoApprove: unknown) =>
      server.call(`/api/v1/partner-tiers/${tierId}`, { method: 'PATCH', cookie: ops, json: { autoApprove } });
    // The organisation would approve 50,000.00 at once; this tier's own limit is 10.00.
    expect((await setRule({ maxAmountMinor: '1000', currency: 'CNY', productLineIds: [] })).status).toBe(200);
    try {
      const { submitted } = await register(gold, inRegion(firm('佛山'), '440604'));
      expect(submitted.body.status, JSON.stringify(submitted.body)).toBe('submitted');
      const decision = await server.call(`/api/v1/decisions/${submitted.body.decisionId}`, { cookie: ops });
      expect(decision.body.verdict).toBe('pending_review');
      expect(decision.body.evidence).toContainEqual(
        expect.objectContaining({
          code: 'registration.review_required',
          params: expect.objectContaining({ limitMinor: '1000', limitSource: 'tier' }),
        }),
      );
    } finally {
      await setRule({ maxAmountMinor: null, currency: null, productLineIds: [] });
    }
  });
});
