import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { checkFence } from './index.js';

describeEachEngine('territories, price lists and the electronic fence', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let p1: string;
  let p2: string;
  let ops: string;
  let partner1: string;
  let partner2: string;
  let rep: string;
  let line: { id: string; code: string };
  let product: { id: string };
  let guangzhouCustomer: { id: string };
  let shenzhenCustomer: { id: string };
  let p1User: TestUser;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    p1 = await makePartnerId(db());
    p2 = await makePartnerId(db());
    const team = await makeTeam(db());
    const opsUser = await makeUser(db(), { role: 'sales_ops' });
    p1User = await makeUser(db(), { role: 'partner_admin', partnerId: p1 });
    const p2User = await makeUser(db(), { role: 'partner_user', partnerId: p2 });
    const repUser = await makeUser(db(), { role: 'rep', teamId: team.id });
    ops = await server.login(opsUser.login);
    partner1 = await server.login(p1User.login);
    partner2 = await server.login(p2User.login);
    rep = await server.login(repUser.login);
    const code = `T${crypto.randomUUID().slice(0, 6)}`;
    line = (
      await server.call('/api/v1/product-lines', {
        cookie: ops,
        json: { code, nameZh: '软件', nameEn: 'Software' },
      })
    ).body;
    product = (
      await server.call('/api/v1/products', {
        cookie: ops,
        json: {
          code: `${code}-p`,
          name: 'ERP',
          productLineId: line.id,
          listPrice: '100.00',
          currency: 'CNY',
        },
      })
    ).body;
    // Partner 1 brought in two customers: one in Guangzhou, one in Shenzhen.
    guangzhouCustomer = await makeAccount(db(), { owner: p1User, regionCode: '440106', industryCode: '65' });
    shenzhenCustomer = await makeAccount(db(), { owner: p1User, regionCode: '440305', industryCode: '65' });
  });
  afterAll(() => server.close());

  const prices = (json: unknown) =>
    server.call(`/api/v1/products/${product.id}/prices`, { cookie: ops, json });

  it('keeps list and tier prices per currency without overlapping validity, and prices by date and tier', async () => {
    expect(
      (await prices({ currency: 'CNY', price: '99.00', validFrom: '2026-01-01', validUntil: '2026-06-30' }))
        .status,
    ).toBe(201);
    expect((await prices({ currency: 'CNY', price: '120.00', validFrom: '2026-07-01' })).status).toBe(201);
    const gold = await prices({ tierCode: 'gold', currency: 'CNY', price: '80.5', validFrom: '2026-01-01' });
    expect(gold.body).toMatchObject({ priceMinor: '8050', price: '80.50', tierCode: 'gold' });
    const clash = await prices({
      currency: 'CNY',
      price: '1',
      validFrom: '2026-06-30',
      validUntil: '2026-07-01',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      code: 'PRICE_OVERLAP',
      details: { validFrom: '2026-01-01', validUntil: '2026-06-30' },
    });
    const bad = await prices({
      currency: 'CNY',
      price: '1.001',
      validFrom: '2026-08-01',
      validUntil: '2026-07-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: any) => f.field).sort()).toEqual(['price', 'validUntil']);

    const price = (query: string) =>
      server.call(`/api/v1/products/${product.id}/price?${query}`, { cookie: rep });
    expect((await price('currency=CNY&date=2026-03-01')).body).toMatchObject({
      source: 'list',
      priceMinor: '9900',
    });
    expect((await price('currency=CNY&date=2026-09-01')).body).toMatchObject({
      source: 'list',
      priceMinor: '12000',
    });
    expect((await price('currency=CNY&date=2026-09-01&tierCode=gold')).body).toMatchObject({
      source: 'tier',
      priceMinor: '8050',
    });
    expect((await price('currency=CNY&date=2025-01-01')).body).toMatchObject({
      source: 'catalogue',
      priceMinor: '10000',
    });
    expect((await price('currency=USD&date=2026-03-01')).body.error.code).toBe('NO_PRICE');
    expect((await server.call(`/api/v1/products/${product.id}/prices`, { cookie: partner1 })).status).toBe(
      403,
    );
    const list = await server.call(`/api/v1/products/${product.id}/prices`, { cookie: rep });
    expect(list.body.items).toHaveLength(3);
    const removed = await server.call(`/api/v1/products/${product.id}/prices/${gold.body.id}`, {
      cookie: ops,
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await price('currency=CNY&date=2026-09-01&tierCode=gold')).body.source).toBe('list');
  });

  let draftId: string;
  const model = (path: string, json?: unknown, method?: string) =>
    server.call(`/api/v1/territory-models/${draftId}${path}`, {
      cookie: ops,
      ...(json !== undefined && { json }),
      ...(method && { method }),
    });
  const authorise = (json: Record<string, unknown>) =>
    model('/authorisations', { validFrom: '2026-01-01', ...json });

  it('drafts a territory tree and refuses an exclusive authorisation that collides, naming the conflict', async () => {
    const draft = await server.call('/api/v1/territory-models', { cookie: ops, json: { name: '2026' } });
    expect(draft.status).toBe(201);
    draftId = draft.body.id;
    expect(
      (await model('/territories', { code: 'south', name: '华南', areas: ['440000', '450000'] }, 'PUT'))
        .status,
    ).toBe(200);
    const sz = await model(
      '/territories',
      { code: 'sz', parentCode: 'south', name: '深圳', areas: ['440300'] },
      'PUT',
    );
    expect(sz.body.territories.find((x: any) => x.code === 'south').covers).toEqual([
      '440000',
      '450000',
      '440300',
    ]);
    expect(
      (await model('/territories', { code: 'abroad', name: 'Abroad', areas: ['SG', '999999'] }, 'PUT')).body
        .error.details.fields,
    ).toEqual([expect.objectContaining({ field: 'areas.1', problem: 'unknown_region' })]);
    expect(
      (await model('/territories', { code: 'south', parentCode: 'sz', name: 'x' }, 'PUT')).body.error.details
        .fields[0].problem,
    ).toBe('cycle');

    const south = await authorise({
      territoryCode: 'south',
      partnerId: p1,
      productLineCodes: [line.code],
      exclusive: true,
    });
    expect(south.status).toBe(201);
    const carve = await authorise({ territoryCode: 'sz', partnerId: p1, effect: 'exclude' });
    expect(carve.status).toBe(201);
    // Shenzhen is carved out of partner 1's exclusive south: partner 2 may hold it exclusively.
    expect((await authorise({ territoryCode: 'sz', partnerId: p2, exclusive: true })).status).toBe(201);
    const clash = await authorise({
      territoryCode: 'south',
      partnerId: p2,
      industryCodes: ['I'],
      validUntil: '2026-12-31',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('EXCLUSIVE_CONFLICT');
    expect(clash.body.error.details.conflicts[0]).toMatchObject({
      conflictsWith: south.body.id,
      party: { partnerId: p1, teamId: null },
      regionCode: '440000',
      industries: ['I'],
      productLines: [line.code],
    });
    // Removing the carve-out would make the two exclusive ones collide.
    expect((await model(`/authorisations/${carve.body.id}`, undefined, 'DELETE')).body.error.code).toBe(
      'EXCLUSIVE_CONFLICT',
    );
    expect((await model('/territories/south', undefined, 'DELETE')).body.error.code).toBe('TERRITORY_IN_USE');
  });

  it('compares the draft with the (empty) active model, activates it with a decision, and freezes it', async () => {
    const comparison = await model('/comparison?date=2026-06-01');
    expect(comparison.status).toBe(200);
    const gains = comparison.body.parties.find((p: any) => p.party.partnerId === p1);
    expect(gains.gained.map((c: any) => c.regionCode).sort()).toEqual(['440000', '440300', '450000']);
    expect(comparison.body.customers.items).toEqual([
      expect.objectContaining({
        accountId: shenzhenCustomer.id,
        partnerId: p1,
        regionCode: '440305',
        insideNow: false,
      }),
    ]);
    const activated = await model('/activate', {});
    expect(activated.body).toMatchObject({ status: 'active' });
    const decision = await server.call(`/api/v1/decisions/${activated.body.decisionId}`, { cookie: ops });
    expect(decision.body).toMatchObject({ kind: 'territory.activate', verdict: 'activated' });
    expect((await authorise({ territoryCode: 'south', partnerId: p2 })).body.error.code).toBe(
      'TERRITORY_MODEL_NOT_DRAFT',
    );
  });

  it('fences a partner to its territory: a district inside its province, excludes beat includes', async () => {
    const fence = (cookie: string, query: string) => server.call(`/api/v1/fence?${query}`, { cookie });
    const inGuangzhou = await fence(
      partner1,
      `partnerId=${p1}&regionCode=440106&productLineCode=${line.code}&date=2026-06-01`,
    );
    expect(inGuangzhou.body).toMatchObject({ allowed: true, via: { kind: 'authorisation' } });
    const inShenzhen = await fence(
      partner1,
      `partnerId=${p1}&regionCode=440305&productLineCode=${line.code}&date=2026-06-01`,
    );
    expect(inShenzhen.body).toMatchObject({ allowed: false, code: 'OUTSIDE_TERRITORY', reason: 'excluded' });
    expect(inShenzhen.body.authorised.map((a: any) => a.territoryCode).sort()).toEqual(['south', 'sz']);
    expect(
      (await fence(partner1, `partnerId=${p1}&regionCode=320100&productLineCode=${line.code}`)).body.reason,
    ).toBe('not_included');
    // Partner 1 may not ask about partner 2: 404, as for an id that does not exist.
    expect((await fence(partner1, `partnerId=${p2}&regionCode=440305`)).status).toBe(404);
    expect((await fence(ops, `partnerId=${p2}&regionCode=440305&date=2026-06-01`)).body.allowed).toBe(true);
  });

  it('lets a channel manager open the fence for one customer until a date, and close it again', async () => {
    const grant = await server.call('/api/v1/territory-exceptions', {
      cookie: ops,
      json: {
        partnerId: p1,
        accountId: shenzhenCustomer.id,
        note: '客户总部在广州',
        expiresOn: '2099-12-31',
      },
    });
    expect(grant.status).toBe(201);
    const on = { partnerId: p1, regionCode: '440305', productLineCode: line.code, date: '2026-06-01' };
    expect(await checkFence(db(), { ...on, accountId: shenzhenCustomer.id })).toEqual({
      allowed: true,
      via: { kind: 'exception', id: grant.body.id },
    });
    expect((await checkFence(db(), { ...on, accountId: guangzhouCustomer.id })).allowed).toBe(false);
    expect((await server.call('/api/v1/territory-exceptions', { cookie: partner1 })).body.items).toHaveLength(
      1,
    );
    expect((await server.call('/api/v1/territory-exceptions', { cookie: partner2 })).body.items).toHaveLength(
      0,
    );
    expect(
      (await server.call(`/api/v1/territory-exceptions/${grant.body.id}/revoke`, { cookie: ops, json: {} }))
        .body.status,
    ).toBe('revoked');
    expect((await checkFence(db(), { ...on, accountId: shenzhenCustomer.id })).allowed).toBe(false);
    const past = await server.call('/api/v1/territory-exceptions', {
      cookie: ops,
      json: { partnerId: p1, regionCode: '440300', note: 'x', expiresOn: '2001-01-01' },
    });
    expect(past.body.error.details.fields[0]).toMatchObject({ field: 'expiresOn', problem: 'in_past' });
  });

  it('shows a partner only its own authorisations, and the territories they lie in', async () => {
    const mine = await server.call('/api/v1/territories', { cookie: partner2 });
    expect(mine.body.authorisations.map((a: any) => a.party.partnerId)).toEqual([p2]);
    expect(mine.body.territories.map((x: any) => x.code).sort()).toEqual(['south', 'sz']);
    expect((await server.call('/api/v1/territories', { cookie: rep })).body.authorisations).toEqual([]);
    expect((await server.call('/api/v1/territories', { cookie: ops })).body.authorisations).toHaveLength(3);
    expect((await server.call('/api/v1/territory-models', { cookie: partner1 })).status).toBe(403);
  });

  it('copies the active model into a new draft and tells whose customers would fall outside', async () => {
    const draft = await server.call('/api/v1/territory-models', { cookie: ops, json: { name: '2027' } });
    draftId = draft.body.id;
    const tree = await model('');
    const south = tree.body.authorisations.find(
      (a: any) => a.territoryCode === 'south' && a.party.partnerId === p1,
    );
    expect((await model(`/authorisations/${south.id}`, undefined, 'DELETE')).status).toBe(204);
    const comparison = await model('/comparison?date=2026-06-01');
    expect(comparison.body.customers.fallingOutside).toBe(1);
    expect(comparison.body.customers.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ accountId: guangzhouCustomer.id, insideNow: true })]),
    );
    expect(comparison.body.parties.find((p: any) => p.party.partnerId === p1).lost.length).toBeGreaterThan(0);
  });
});
