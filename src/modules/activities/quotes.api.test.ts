import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { updateAccount } from '../accounts/accounts.service.js';
import { createProduct, createProductLine } from './products.service.js';

describeEachEngine('quotes and the concurrent-quote alert', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'east' | 'west' | 'ops' | 'eastManager' | 'rep', string>;
  let parent: Awaited<ReturnType<typeof makeAccount>>;
  let subsidiary: Awaited<ReturnType<typeof makeAccount>>;
  /** A customer of no group, for quotes that must not meet the group's. */
  let solo: Awaited<ReturnType<typeof makeAccount>>;
  let product: { id: string };
  let usdProduct: { id: string };
  const users = {} as Record<keyof typeof cookies, TestUser>;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const east = await makeTeam(db());
    const west = await makeTeam(db());
    users.east = await makeUser(db(), { role: 'rep', teamId: east.id });
    users.west = await makeUser(db(), { role: 'rep', teamId: west.id });
    users.ops = await makeUser(db(), { role: 'sales_ops' });
    users.eastManager = await makeUser(db(), { role: 'manager', teamId: east.id });
    users.rep = await makeUser(db(), { role: 'rep', teamId: east.id });
    await db()
      .updateTable('teams')
      .set({ manager_id: users.eastManager.id })
      .where('id', '=', east.id)
      .execute();
    // The east team holds the group's head office, the west team one of its subsidiaries.
    parent = await makeAccount(db(), { owner: users.east });
    solo = await makeAccount(db(), { owner: users.east });
    subsidiary = await makeAccount(db(), { owner: users.west });
    // Sales ops tied them (the west rep may not see the head office to name it).
    await updateAccount(db(), await contextOf(db(), users.ops), subsidiary.id, { parentId: parent.id });
    const ops = await contextOf(db(), users.ops);
    const line = await createProductLine(db(), ops, {
      code: `Q-${crypto.randomUUID().slice(0, 8)}`,
      nameZh: '报价测试',
      nameEn: 'Quote test',
    });
    const make = (listPrice: string, currency: string) =>
      createProduct(db(), ops, {
        code: `q-${crypto.randomUUID().slice(0, 8)}`,
        name: `产品 ${listPrice}`,
        productLineId: line.id,
        listPrice,
        currency,
        active: true,
      });
    product = await make('19.99', 'CNY');
    usdProduct = await make('5.00', 'USD');
    for (const key of Object.keys(users) as (keyof typeof cookies)[])
      cookies[key] = await server.login(users[key].login);
  });
  afterAll(() => server.close());

  const opportunity = async (cookie: string, accountId: string) => {
    const reply = await server.call('/api/v1/opportunities', {
      cookie,
      json: { accountId, name: '集团采购', amount: '50000', currency: 'CNY' },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const quote = (cookie: string, json: Record<string, unknown>) =>
    server.call('/api/v1/quotes', { cookie, json });
  const send = (cookie: string, id: string) => server.call(`/api/v1/quotes/${id}/send`, { cookie, json: {} });
  const alertsFor = (quoteIds: string[]) =>
    db()
      .selectFrom('overlap_alerts')
      .selectAll()
      .where((eb) => eb.or([eb('quote_id', 'in', quoteIds), eb('other_quote_id', 'in', quoteIds)]))
      .execute();

  describe('a quote', () => {
    it('totals its lines exactly in minor units, from list prices and discounts', async () => {
      const opportunityId = await opportunity(cookies.east, parent.id);
      const reply = await quote(cookies.east, {
        opportunityId,
        validFrom: '2027-05-01',
        validUntil: '2027-05-31',
        lines: [
          { productId: product.id, quantity: 3, discountPercent: '10' },
          { productId: product.id, quantity: 2, unitPrice: '100' },
          { productId: usdProduct.id, quantity: 1, unitPrice: '0.05', discountPercent: '50' },
        ],
      });
      expect(reply.status).toBe(201);
      // 3 × 19.99 − 10 % = 53.973 → 53.97; 2 × 100.00; 0.05 − 50 % = 0.025 → 0.03 (half up)
      expect(reply.body.lines.map((l: any) => [l.unitPrice, l.discountPercent, l.total])).toEqual([
        ['19.99', '10', '53.97'],
        ['100.00', '0', '200.00'],
        ['0.05', '50', '0.03'],
      ]);
      expect(reply.body).toMatchObject({ status: 'draft', total: '254.00', currency: 'CNY' });
      const row = await db()
        .selectFrom('quotes')
        .select('total_minor')
        .where('id', '=', reply.body.id)
        .executeTakeFirstOrThrow();
      expect(row.total_minor).toBe('25400');
    });

    it('refuses bad lines naming each field, and writes nothing', async () => {
      const opportunityId = await opportunity(cookies.east, parent.id);
      const count = async () =>
        (await db().selectFrom('quotes').select('id').where('opportunity_id', '=', opportunityId).execute())
          .length;
      const badPrices = [
        { productId: crypto.randomUUID(), quantity: 1 },
        { productId: usdProduct.id, quantity: 1 },
        { productId: product.id, quantity: 1, unitPrice: '9.999' },
      ];
      const reply = await quote(cookies.east, {
        opportunityId,
        validUntil: '2027-06-30',
        lines: [...badPrices, { productId: product.id, quantity: 0, discountPercent: '12.345' }],
      });
      expect(reply.status).toBe(400);
      const fields = reply.body.error.details.fields.map((f: any) => `${f.field} ${f.problem}`).sort();
      // Shape problems come first, from the schema: the line with quantity 0 and a three-decimal discount.
      expect(fields).toEqual(['lines.3.discountPercent too_many_decimals', 'lines.3.quantity too_small']);
      const priced = await quote(cookies.east, { opportunityId, validUntil: '2027-06-30', lines: badPrices });
      expect(priced.body.error.details.fields.map((f: any) => `${f.field} ${f.problem}`)).toEqual([
        'lines.0.productId not_found',
        'lines.1.unitPrice currency_mismatch',
        'lines.2.unitPrice too_many_decimals',
      ]);
      const backwards = await quote(cookies.east, {
        opportunityId,
        validFrom: '2027-06-30',
        validUntil: '2027-06-01',
        lines: [{ productId: product.id, quantity: 1 }],
      });
      expect(backwards.body.error.details.fields).toEqual([
        expect.objectContaining({ field: 'validUntil', problem: 'before_valid_from' }),
      ]);
      expect(await count()).toBe(0);
    });

    it('is accepted only while sent and valid: a sent quote past its window reads as expired', async () => {
      const opportunityId = await opportunity(cookies.east, solo.id);
      const old = await quote(cookies.east, {
        opportunityId,
        validFrom: '2020-01-01',
        validUntil: '2020-01-31',
        lines: [{ productId: product.id, quantity: 1 }],
      });
      expect(
        (await server.call(`/api/v1/quotes/${old.body.id}/accept`, { cookie: cookies.east, json: {} })).body
          .error,
      ).toMatchObject({ code: 'QUOTE_WRONG_STATE', details: { status: 'draft', expected: 'sent' } });
      expect((await send(cookies.east, old.body.id)).body.quote.status).toBe('expired');
      const accepted = await server.call(`/api/v1/quotes/${old.body.id}/accept`, {
        cookie: cookies.east,
        json: {},
      });
      expect(accepted.status).toBe(409);
      expect(accepted.body.error.details).toMatchObject({ status: 'expired', expected: 'sent' });
      const current = await quote(cookies.east, {
        opportunityId,
        validUntil: '2099-12-31',
        lines: [{ productId: product.id, quantity: 1 }],
      });
      await send(cookies.east, current.body.id);
      const ok = await server.call(`/api/v1/quotes/${current.body.id}/reject`, {
        cookie: cookies.east,
        json: {},
      });
      expect(ok.body.status).toBe('rejected');
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', current.body.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['quote.created', 'quote.sent', 'quote.rejected']);
    });
  });

  describe('concurrent quotes', () => {
    const window = { validFrom: '2031-03-01', validUntil: '2031-03-31' };

    it('raises an alert when another team quotes a subsidiary of the group in an overlapping window', async () => {
      const eastQuote = await quote(cookies.east, {
        opportunityId: await opportunity(cookies.east, parent.id),
        ...window,
        lines: [{ productId: product.id, quantity: 10 }],
      });
      const first = await send(cookies.east, eastQuote.body.id);
      expect(first.body.alerts).toEqual([]);
      // Their manager's quote on the same group is the same party (the team): no alert.
      const mate = await quote(cookies.eastManager, {
        opportunityId: await opportunity(cookies.eastManager, parent.id),
        ...window,
        lines: [{ productId: product.id, quantity: 8 }],
      });
      expect((await send(cookies.eastManager, mate.body.id)).body.alerts).toEqual([]);
      const westQuote = await quote(cookies.west, {
        opportunityId: await opportunity(cookies.west, subsidiary.id),
        validFrom: '2031-03-20',
        validUntil: '2031-04-30',
        lines: [{ productId: product.id, quantity: 9, discountPercent: '15' }],
      });
      const second = await send(cookies.west, westQuote.body.id);
      expect(second.status).toBe(200);
      expect(second.body.alerts).toHaveLength(2);
      for (const alert of second.body.alerts) {
        expect(alert).toMatchObject({
          kind: 'quote.concurrent',
          window: { from: '2031-03-20', until: '2031-03-31' },
          sameAccount: false,
          quote: { id: westQuote.body.id, account: { id: subsidiary.id } },
          // The west rep may not see the head office or the east team's quotes: it learns a team is there.
          other: { id: null, account: null, team: { name: expect.any(String) }, byPartner: false },
        });
      }
      const stored = await alertsFor([westQuote.body.id]);
      expect(stored.map((a) => a.other_quote_id).sort()).toEqual([eastQuote.body.id, mate.body.id].sort());
      const events = await db()
        .selectFrom('events')
        .select('payload')
        .where('name', '=', 'overlap.quote_concurrent')
        .execute();
      expect(events.map((e) => (e.payload as any).alertId)).toEqual(
        expect.arrayContaining(stored.map((a) => a.id)),
      );

      // Sales ops sees both sides; the east manager sees its side and the group's subsidiary only as a team.
      const byOps = await server.call('/api/v1/overlap-alerts', { cookie: cookies.ops });
      const opsAlert = byOps.body.items.find((a: any) => a.quote.id === westQuote.body.id);
      expect(opsAlert.other.account.id).toBe(parent.id);
      const byManager = await server.call('/api/v1/overlap-alerts', { cookie: cookies.eastManager });
      const managerAlerts = byManager.body.items.filter((a: any) => a.other.account?.id === parent.id);
      expect(managerAlerts).toHaveLength(2);
      expect(managerAlerts[0].quote.account).toBeNull();
      expect((await server.call('/api/v1/overlap-alerts', { cookie: cookies.rep })).status).toBe(403);
    });

    it('finds one clash, not two or none, when two parties send at the same moment', async () => {
      const at = { validFrom: '2032-07-01', validUntil: '2032-07-31' };
      const drafts = await Promise.all(
        (['east', 'west'] as const).map(async (who) => {
          const accountId = who === 'east' ? parent.id : subsidiary.id;
          const made = await quote(cookies[who], {
            opportunityId: await opportunity(cookies[who], accountId),
            ...at,
            lines: [{ productId: product.id, quantity: 1 }],
          });
          return { who, id: made.body.id as string };
        }),
      );
      const replies = await Promise.all(drafts.map((d) => send(cookies[d.who], d.id)));
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies.map((r) => r.body.alerts.length).sort()).toEqual([0, 1]);
      expect(await alertsFor(drafts.map((d) => d.id))).toHaveLength(1);
      // Sending again changes nothing.
      expect((await send(cookies.east, drafts[0]!.id)).body.error.code).toBe('QUOTE_WRONG_STATE');
    });
  });
});
