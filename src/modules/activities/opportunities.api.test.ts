import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('products and opportunities', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'rep' | 'otherRep' | 'manager' | 'finance', string>;
  let customer: Awaited<ReturnType<typeof makeAccount>>;
  let repId: string;
  let lineId: string;
  let product: { id: string };
  const code = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    const ops = await makeUser(db(), { role: 'sales_ops' });
    const rep = await makeUser(db(), { role: 'rep', teamId: team.id });
    const otherRep = await makeUser(db(), { role: 'rep', teamId: (await makeTeam(db())).id });
    const manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    const finance = await makeUser(db(), { role: 'finance' });
    repId = rep.id;
    customer = await makeAccount(db(), { owner: rep });
    for (const [key, user] of Object.entries({ ops, rep, otherRep, manager, finance }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
  });
  afterAll(() => server.close());

  const opportunityRows = () =>
    db().selectFrom('opportunities').selectAll().where('account_id', '=', customer.id).execute();

  describe('the catalogue', () => {
    it('lets sales ops add product lines and products, with exact prices and unique codes', async () => {
      const line = await server.call('/api/v1/product-lines', {
        cookie: cookies.ops,
        json: { code: code('CRM'), nameZh: '客户管理', nameEn: 'Customer management' },
      });
      expect(line.status).toBe(201);
      lineId = line.body.id;
      const made = await server.call('/api/v1/products', {
        cookie: cookies.ops,
        json: {
          code: code('crm-std'),
          name: 'CRM 标准版',
          productLineId: lineId,
          listPrice: '19.99',
          currency: 'CNY',
        },
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ listPrice: '19.99', currency: 'CNY', active: true });
      product = made.body;
      const stored = await db()
        .selectFrom('products')
        .select('list_price_minor')
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow();
      expect(stored.list_price_minor).toBe('1999');
      const again = await server.call('/api/v1/products', {
        cookie: cookies.ops,
        json: {
          code: made.body.code.toUpperCase(),
          name: 'x',
          productLineId: lineId,
          listPrice: '1',
          currency: 'CNY',
        },
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'PRODUCT_CODE_TAKEN',
        details: { fields: [{ field: 'code' }] },
      });
      const listed = await server.call(`/api/v1/products?productLineId=${lineId}`, { cookie: cookies.rep });
      expect(listed.body.items.map((p: any) => p.id)).toEqual([product.id]);
    });

    it('refuses prices with more decimals than the currency has, negative ones, unknown lines; reps may not', async () => {
      const bad = await server.call('/api/v1/products', {
        cookie: cookies.ops,
        json: { code: code('bad'), name: 'x', productLineId: lineId, listPrice: '1.005', currency: 'CNY' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'listPrice', problem: 'too_many_decimals' }),
      ]);
      const yen = await server.call('/api/v1/products', {
        cookie: cookies.ops,
        json: {
          code: code('bad'),
          name: 'x',
          productLineId: crypto.randomUUID(),
          listPrice: '-1',
          currency: 'JPY',
        },
      });
      expect(yen.status).toBe(400);
      expect(yen.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'listPrice', problem: 'negative' }),
      ]);
      const unknownLine = await server.call('/api/v1/products', {
        cookie: cookies.ops,
        json: {
          code: code('bad'),
          name: 'x',
          productLineId: crypto.randomUUID(),
          listPrice: '1',
          currency: 'JPY',
        },
      });
      expect(unknownLine.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'productLineId', problem: 'not_found' }),
      ]);
      const byRep = await server.call('/api/v1/products', {
        cookie: cookies.rep,
        json: { code: code('rep'), name: 'x', productLineId: lineId, listPrice: '1', currency: 'CNY' },
      });
      expect(byRep.status).toBe(403);
      const retired = await server.call(`/api/v1/products/${product.id}`, {
        method: 'PATCH',
        cookie: cookies.ops,
        json: { listPrice: '29.90', currency: 'CNY' },
      });
      expect(retired.body).toMatchObject({ listPrice: '29.90' });
      await server.call(`/api/v1/products/${product.id}`, {
        method: 'PATCH',
        cookie: cookies.ops,
        json: { listPrice: '19.99', currency: 'CNY' },
      });
    });
  });

  describe('opportunities', () => {
    let opportunityId: string;

    it('opens one with an exact amount, owned by the customer’s owner, and announces it', async () => {
      const reply = await server.call('/api/v1/opportunities', {
        cookie: cookies.manager,
        json: {
          accountId: customer.id,
          name: '二期扩容',
          amount: '12345.67',
          currency: 'CNY',
          expectedClose: '2027-03-31',
          lines: [{ productId: product.id, quantity: 5 }],
        },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        amount: '12345.67',
        currency: 'CNY',
        stage: 'qualify',
        status: 'open',
        owner: { id: repId },
        account: { id: customer.id },
        lines: [{ productId: product.id, quantity: 5 }],
      });
      opportunityId = reply.body.id;
      const [row] = await opportunityRows();
      expect(row!.amount_minor).toBe('1234567');
      const events = await db()
        .selectFrom('events')
        .select('payload')
        .where('name', '=', 'opportunity.created')
        .execute();
      expect(events.map((e) => e.payload)).toContainEqual({
        opportunityId,
        accountId: customer.id,
        ownerId: repId,
      });
    });

    it('refuses bad amounts and unknown products, naming every field, and writes nothing', async () => {
      const before = await opportunityRows();
      const bad = await server.call('/api/v1/opportunities', {
        cookie: cookies.rep,
        json: {
          accountId: customer.id,
          name: '坏数据',
          amount: '100.123',
          currency: 'CNY',
          lines: [{ productId: crypto.randomUUID(), quantity: 1 }],
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'amount', problem: 'too_many_decimals' }),
      ]);
      const negative = await server.call('/api/v1/opportunities', {
        cookie: cookies.rep,
        json: { accountId: customer.id, name: '负数', amount: '-1.00', currency: 'CNY' },
      });
      expect(negative.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'amount', problem: 'negative' }),
      ]);
      const float = await server.call('/api/v1/opportunities', {
        cookie: cookies.rep,
        json: { accountId: customer.id, name: '浮点', amount: 12.5, currency: 'CNY' },
      });
      expect(float.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'amount', problem: 'invalid_type' }),
      ]);
      const unknown = await server.call('/api/v1/opportunities', {
        cookie: cookies.rep,
        json: {
          accountId: customer.id,
          name: '未知产品',
          amount: '1',
          currency: 'CNY',
          lines: [
            { productId: product.id, quantity: 1 },
            { productId: crypto.randomUUID(), quantity: 1 },
          ],
        },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'lines.1.productId', problem: 'not_found' }),
      ]);
      expect(await opportunityRows()).toEqual(before);
    });

    it('is out of sight of a rep who sees neither the customer nor the owner', async () => {
      expect(
        (await server.call(`/api/v1/opportunities/${opportunityId}`, { cookie: cookies.otherRep })).status,
      ).toBe(404);
      const list = await server.call(`/api/v1/opportunities?accountId=${customer.id}`, {
        cookie: cookies.otherRep,
      });
      expect(list.body.total).toBe(0);
      expect((await server.call(`/api/v1/opportunities?mine=true`, { cookie: cookies.rep })).body.total).toBe(
        1,
      );
    });

    it('moves stage and amount while open; won once, audited and announced; closed afterwards', async () => {
      const moved = await server.call(`/api/v1/opportunities/${opportunityId}`, {
        method: 'PATCH',
        cookie: cookies.rep,
        json: { stage: 'negotiate', amount: '20000', currency: 'CNY' },
      });
      expect(moved.body).toMatchObject({ stage: 'negotiate', amount: '20000.00' });
      const byFinance = await server.call(`/api/v1/opportunities/${opportunityId}/won`, {
        cookie: cookies.finance,
        json: {},
      });
      expect(byFinance.status).toBe(403);
      const won = await server.call(`/api/v1/opportunities/${opportunityId}/won`, {
        cookie: cookies.rep,
        json: {},
      });
      expect(won.status).toBe(200);
      expect(won.body).toMatchObject({ status: 'won', closedAt: expect.any(String) });
      const again = await server.call(`/api/v1/opportunities/${opportunityId}/lost`, {
        cookie: cookies.rep,
        json: { reason: '价格' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'OPPORTUNITY_CLOSED', details: { status: 'won' } });
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', opportunityId)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'opportunity.created',
        'opportunity.updated',
        'opportunity.won',
      ]);
      const events = await db()
        .selectFrom('events')
        .select('payload')
        .where('name', '=', 'opportunity.won')
        .execute();
      expect(events.map((e) => e.payload)).toContainEqual({
        opportunityId,
        accountId: customer.id,
        ownerId: repId,
        amountMinor: '2000000',
        currency: 'CNY',
      });
    });

    it('records a loss with its reason', async () => {
      const made = await server.call('/api/v1/opportunities', {
        cookie: cookies.rep,
        json: { accountId: customer.id, name: '小单', amount: '10', currency: 'USD' },
      });
      const lost = await server.call(`/api/v1/opportunities/${made.body.id}/lost`, {
        cookie: cookies.rep,
        json: { reason: '客户选择了竞品' },
      });
      expect(lost.body).toMatchObject({
        status: 'lost',
        lostReason: '客户选择了竞品',
        amount: '10.00',
        currency: 'USD',
      });
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'reason'])
        .where('entity_id', '=', made.body.id)
        .orderBy('id')
        .execute();
      expect(audit.at(-1)).toEqual({ action: 'opportunity.lost', reason: '客户选择了竞品' });
    });
  });
});
