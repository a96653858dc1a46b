import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { makeCatalogue, registrationBody } from '../registrations/testing.js';

const day = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);

describeEachEngine('transactions, exchange rates and credit', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'finance' | 'rep' | 'otherRep' | 'partner', string>;
  let ops: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let productId: string;
  let productCode: string;
  let tag: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await makeUser(db(), { role: 'sales_ops' });
    const finance = await makeUser(db(), { role: 'finance' });
    rep = await makeUser(db(), { role: 'rep' });
    otherRep = await makeUser(db(), { role: 'rep' });
    const partnerId = await makePartnerId(db());
    const partnerUser = await makeUser(db(), { role: 'partner_admin', partnerId });
    for (const [key, user] of Object.entries({ ops, finance, rep, otherRep, partner: partnerUser }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    const catalogue = await makeCatalogue(db());
    productId = catalogue.crm.productId;
    productCode = (
      await db().selectFrom('products').select('code').where('id', '=', productId).executeTakeFirstOrThrow()
    ).code;
    tag = crypto.randomUUID().slice(0, 8);
  });
  afterAll(() => server?.close());

  /** A customer held by `owner` since a year ago. */
  const heldSinceLastYear = (owner: TestUser) => makeAccount(db(), { owner, heldForDays: 365 });

  const order = (externalId: string, accountId: string, over: Record<string, unknown> = {}) => ({
    externalId,
    kind: 'order',
    customer: { accountId },
    currency: 'CNY',
    transactionDate: isoDay(-10),
    lines: [{ productId, quantity: 2, gross: '1000.00', discount: '100.00' }],
    ...over,
  });
  const post = (json: unknown, cookie = cookies.ops) => server.call('/api/v1/transactions', { cookie, json });
  const count = async (table: 'transactions' | 'credit_lines' | 'audit_log') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records an order once: the same again changes nothing; a corrected one is a new, linked, audited version', async () => {
    const account = await heldSinceLastYear(rep);
    const id = `ORD-${tag}-1`;
    const first = await post(order(id, account.id));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      outcome: 'created',
      transaction: { version: 1, gross: '1000.00', discount: '100.00', net: '900.00', current: true },
    });
    const before = await Promise.all([count('transactions'), count('credit_lines'), count('audit_log')]);
    const again = await post(order(id, account.id));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      outcome: 'unchanged',
      transaction: { id: first.body.transaction.id },
    });
    expect(await Promise.all([count('transactions'), count('credit_lines'), count('audit_log')])).toEqual(
      before,
    );

    const corrected = await post(
      order(id, account.id, {
        lines: [{ productId, quantity: 2, gross: '1000.00', discount: '50.00' }],
        correctionReason: '折扣录错',
      }),
    );
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      outcome: 'corrected',
      transaction: {
        version: 2,
        net: '950.00',
        supersedesId: first.body.transaction.id,
        correctionReason: '折扣录错',
      },
    });
    const old = await server.call(`/api/v1/transactions/${first.body.transaction.id}`, {
      cookie: cookies.finance,
    });
    expect(old.body).toMatchObject({
      current: false,
      net: '900.00',
      supersededBy: corrected.body.transaction.id,
    });
    expect(old.body.credit).toEqual([]); // superseded with its version
    const detail = await server.call(`/api/v1/transactions/${corrected.body.transaction.id}`, {
      cookie: cookies.finance,
    });
    expect(detail.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(detail.body.credit).toEqual([
      expect.objectContaining({
        payee: expect.objectContaining({ id: rep.id }),
        amount: '950.00',
        share: '100',
      }),
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'reason', 'before'])
      .where('entity_id', '=', corrected.body.transaction.id)
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'transaction.corrected', reason: '折扣录错' })]);
  });

  it('fixes credit at the transaction date: a later transfer does not move it, and credits later sales to the new owner', async () => {
    const account = await heldSinceLastYear(rep);
    const before = await post(order(`ORD-${tag}-before`, account.id, { transactionDate: isoDay(-3) }));
    expect(before.body.transaction.id).toBeTruthy();
    const moved = await server.call('/api/v1/ownership/transfer', {
      cookie: cookies.ops,
      json: { accountIds: [account.id], to: { type: 'user', userId: otherRep.id }, note: '调岗' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = await post(order(`ORD-${tag}-after`, account.id, { transactionDate: isoDay(2) }));
    const creditOf = async (id: string) =>
      (await server.call(`/api/v1/transactions/${id}`, { cookie: cookies.finance })).body.credit;
    expect(await creditOf(before.body.transaction.id)).toEqual([
      expect.objectContaining({
        payee: expect.objectContaining({ id: rep.id }),
        source: 'owner_claim',
        evidence: [expect.objectContaining({ code: 'credit.owner' })],
      }),
    ]);
    expect(await creditOf(after.body.transaction.id)).toEqual([
      expect.objectContaining({ payee: expect.objectContaining({ id: otherRep.id }) }),
    ]);
    // A correction of the earlier sale, recorded after the transfer, still credits who held it then.
    const fixed = await post(
      order(`ORD-${tag}-before`, account.id, {
        transactionDate: isoDay(-3),
        lines: [{ productId, quantity: 1, gross: '10.00' }],
      }),
    );
    expect(fixed.body.outcome).toBe('corrected');
    expect(await creditOf(fixed.body.transaction.id)).toEqual([
      expect.objectContaining({ payee: expect.objectContaining({ id: rep.id }), amount: '10.00' }),
    ]);
    // Each rep reads its own credit lines and nobody else's.
    const mine = await server.call('/api/v1/credit-lines?limit=200', { cookie: cookies.otherRep });
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((l: any) => l.payee.id === otherRep.id)).toBe(true);
    expect(mine.body.items.map((l: any) => l.transactionId)).toContain(after.body.transaction.id);
    expect((await server.call('/api/v1/transactions', { cookie: cookies.rep })).status).toBe(403);
  });

  it('gives the account team its default shares at the date, a specialist on top, a former owner nothing', async () => {
    const account = await heldSinceLastYear(rep);
    const helper = await makeUser(db());
    const specialist = await makeUser(db());
    const lastYear = new Date(Date.now() - 300 * day).toISOString();
    await db()
      .insertInto('account_team')
      .values([
        {
          account_id: account.id,
          user_id: helper.id,
          role: 'assisting_rep',
          credit_bp: 3333,
          added_at: lastYear,
        },
        {
          account_id: account.id,
          user_id: specialist.id,
          role: 'product_specialist',
          credit_bp: 1000,
          added_at: lastYear,
        },
        {
          account_id: account.id,
          user_id: otherRep.id,
          role: 'former_owner',
          credit_bp: 0,
          added_at: lastYear,
        },
      ])
      .execute();
    const reply = await post(
      order(`ORD-${tag}-team`, account.id, { lines: [{ productId, quantity: 1, gross: '100.01' }] }),
    );
    const credit = (
      await server.call(`/api/v1/transactions/${reply.body.transaction.id}`, { cookie: cookies.finance })
    ).body.credit;
    expect(credit.map((c: any) => [c.payee.id, c.role, c.share, c.amount, c.overlay])).toEqual([
      // 100.01 split 66.67 % / 33.33 %: 66.677 → 66.67 and 33.333 → 33.33 leave 0.01, which goes to the larger
      // remainder (0.7 against 0.3): the owner.
      [rep.id, 'owner', '66.67', '66.68', false],
      [helper.id, 'assisting_rep', '33.33', '33.33', false],
      // 10 % of 100.01 = 10.001, half-even to 10.00, on top of the 100 %.
      [specialist.id, 'product_specialist', '10', '10.00', true],
    ]);
  });

  it('credits a partner holding the customer through a protected registration, citing it', async () => {
    const set = await server.call('/api/v1/registrations/settings', {
      method: 'PATCH',
      cookie: cookies.ops,
      json: { autoApproveMax: '200000.00', minimumAmount: '1.00' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const draft = await server.call('/api/v1/registrations', {
      cookie: cookies.partner,
      json: registrationBody(`测试${tag}云帆信息科技有限公司`, productId),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const approved = await server.call(`/api/v1/registrations/${draft.body.id}/submit`, {
      cookie: cookies.partner,
      json: {},
    });
    expect(approved.body.status, JSON.stringify(approved.body)).toBe('approved');
    const reply = await post(
      order(`ORD-${tag}-partner`, approved.body.accountId, { transactionDate: isoDay(2) }),
    );
    const credit = (
      await server.call(`/api/v1/transactions/${reply.body.transaction.id}`, { cookie: cookies.finance })
    ).body.credit;
    expect(credit).toEqual([
      expect.objectContaining({
        payee: expect.objectContaining({ type: 'partner' }),
        source: 'partner_registration',
        sourceId: draft.body.id,
        amount: '900.00',
      }),
    ]);
    const theirs = await server.call('/api/v1/credit-lines', { cookie: cookies.partner });
    expect(theirs.body.items.map((l: any) => l.transactionId)).toEqual([reply.body.transaction.id]);
  });

  it('splits by hand (主力 + 辅助) only once another person approves; thirds of 100.00 are 33.34 / 33.33 / 33.33', async () => {
    const account = await heldSinceLastYear(rep);
    const helper = await makeUser(db());
    const reply = await post(
      order(`ORD-${tag}-split`, account.id, { lines: [{ productId, quantity: 1, gross: '100.00' }] }),
    );
    const id = reply.body.transaction.id;
    const propose = (lines: unknown, cookie = cookies.finance) =>
      server.call(`/api/v1/transactions/${id}/credit-splits`, {
        cookie,
        json: { reason: '联合拜访', lines },
      });
    const short = await propose([
      { userId: rep.id, role: 'primary', share: '60' },
      { userId: helper.id, role: 'assisting', share: '30' },
    ]);
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'lines', problem: 'not_100_percent' }),
    ]);
    const split = await propose([
      { userId: rep.id, role: 'primary', share: '33.34' },
      { userId: helper.id, role: 'assisting', share: '33.33' },
      { userId: otherRep.id, role: 'assisting', share: '33.33' },
      { userId: helper.id, role: 'overlay', share: '50' },
    ]);
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    expect(split.body.status).toBe('pending');
    // Pending: the ledger's credit stands.
    const current = async () =>
      (await server.call(`/api/v1/transactions/${id}`, { cookie: cookies.finance })).body.credit.map(
        (c: any) => [c.payee.id, c.role, c.amount],
      );
    expect(await current()).toEqual([[rep.id, 'owner', '100.00']]);
    const self = await server.call(`/api/v1/credit-splits/${split.body.id}/approve`, {
      cookie: cookies.finance,
      json: {},
    });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('SPLIT_SELF_APPROVAL');
    const approved = await server.call(`/api/v1/credit-splits/${split.body.id}/approve`, {
      cookie: cookies.ops,
      json: { note: 'ok' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: ops.id });
    expect(await current()).toEqual([
      [rep.id, 'primary', '33.34'],
      [helper.id, 'assisting', '33.33'],
      [otherRep.id, 'assisting', '33.33'],
      [helper.id, 'overlay', '50.00'],
    ]);
    const again = await server.call(`/api/v1/credit-splits/${split.body.id}/reject`, {
      cookie: cookies.ops,
      json: {},
    });
    expect(again.body.error.code).toBe('SPLIT_WRONG_STATE');
    // A correction keeps the approved split: the new amount is split the same way.
    const corrected = await post(
      order(`ORD-${tag}-split`, account.id, { lines: [{ productId, quantity: 1, gross: '1.00' }] }),
    );
    const credit = (
      await server.call(`/api/v1/transactions/${corrected.body.transaction.id}`, { cookie: cookies.finance })
    ).body.credit;
    expect(credit.map((c: any) => c.amount)).toEqual(['0.34', '0.33', '0.33', '0.50']);
    expect(credit[0].evidence[0]).toMatchObject({
      code: 'credit.manual_split',
      params: { splitId: split.body.id },
    });
  });

  it('takes returns and credit notes as negative amounts, and refuses a negative order naming the field', async () => {
    const account = await heldSinceLastYear(rep);
    const refused = await post(
      order(`ORD-${tag}-neg`, account.id, { lines: [{ productId, quantity: 1, gross: '-5.00' }] }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'lines.0.gross', problem: 'must_be_positive_or_zero' }),
    ]);
    const ret = await post(
      order(`RET-${tag}`, account.id, {
        kind: 'return',
        lines: [{ productId, quantity: 1, gross: '-300.00', discount: '-30.00' }],
      }),
    );
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    expect(ret.body.transaction).toMatchObject({ gross: '-300.00', net: '-270.00' });
    const credit = (
      await server.call(`/api/v1/transactions/${ret.body.transaction.id}`, { cookie: cookies.finance })
    ).body.credit;
    expect(credit).toEqual([expect.objectContaining({ amount: '-270.00' })]);
    const positive = await post(
      order(`CN-${tag}`, account.id, {
        kind: 'credit_note',
        lines: [{ productId, quantity: 1, gross: '5.00' }],
      }),
    );
    expect(positive.body.error.details.fields[0]).toMatchObject({
      field: 'lines.0.gross',
      problem: 'must_be_negative_or_zero',
    });
  });

  it('refuses unknown customers and products and a currency without a rate, writing nothing; a batch is all or nothing', async () => {
    const account = await heldSinceLastYear(rep);
    const before = await count('transactions');
    const reply = await server.call('/api/v1/transactions/batch', {
      cookie: cookies.ops,
      json: {
        items: [
          order(`B-${tag}-1`, account.id),
          order(`B-${tag}-2`, '00000000-0000-4000-8000-000000000000'),
          order(`B-${tag}-3`, account.id, {
            lines: [{ productCode: 'NO-SUCH', quantity: 1, gross: '1.00' }],
          }),
          order(`B-${tag}-4`, account.id, { currency: 'EUR' }),
          order(`B-${tag}-1`, account.id),
          order(`B-${tag}-6`, account.id, { customer: { name: `完全不存在${tag}的公司` } }),
        ],
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.fields.map((f: any) => `${f.field} ${f.problem}`).sort()).toEqual([
      'items.1.customer.accountId unknown',
      'items.2.lines.0.productCode unknown',
      'items.3.currency no_rate',
      'items.4.externalId duplicate_in_batch',
      'items.5.customer.name unknown',
    ]);
    expect(await count('transactions')).toBe(before);
    const good = await server.call('/api/v1/transactions/batch', {
      cookie: cookies.ops,
      json: { items: [order(`B-${tag}-1`, account.id), order(`B-${tag}-2`, account.id)] },
    });
    expect(good.body).toMatchObject({ created: 2, unchanged: 0, corrected: 0 });
  });

  it('resolves the customer by its name through the identity engine', async () => {
    const account = await heldSinceLastYear(rep);
    const reply = await post(order(`ORD-${tag}-name`, account.id, { customer: { name: account.legalName } }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.transaction.account.id).toBe(account.id);
  });

  it('converts with the latest rate on or before the date, half to even, and keeps the rate with the transaction', async () => {
    const put = (date: string, rate: string) =>
      server.call('/api/v1/exchange-rates', {
        method: 'PUT',
        cookie: cookies.finance,
        json: { base: 'USD', quote: 'CNY', date, rate },
      });
    expect((await put('2026-01-01', '7.1')).status).toBe(200);
    expect((await put('2026-03-01', '7.2345')).body).toMatchObject({ rate: '7.2345', date: '2026-03-01' });
    const bad = await put('2026-03-02', '0');
    expect(bad.status).toBe(400);
    const convert = await server.call(
      '/api/v1/exchange-rates/convert?from=USD&to=CNY&date=2026-03-05&amount=100.01',
      { cookie: cookies.finance },
    );
    expect(convert.body).toMatchObject({ amount: '723.52', rate: '7.2345', rateDate: '2026-03-01' });
    const before = await server.call(
      '/api/v1/exchange-rates/convert?from=USD&to=CNY&date=2026-02-28&amount=100.01',
      { cookie: cookies.finance },
    );
    expect(before.body).toMatchObject({ amount: '710.07', rateDate: '2026-01-01' }); // 710.071
    const account = await heldSinceLastYear(rep);
    const reply = await post(
      order(`USD-${tag}`, account.id, {
        currency: 'USD',
        transactionDate: '2026-03-05',
        lines: [{ productId, quantity: 1, gross: '100.01' }],
      }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.transaction.base).toEqual({
      currency: 'CNY',
      net: '723.52',
      rate: '7.2345',
      rateDate: '2026-03-01',
    });
    // A later rate for that date range does not change what was recorded.
    await put('2026-03-02', '8');
    const again = await post(
      order(`USD-${tag}`, account.id, {
        currency: 'USD',
        transactionDate: '2026-03-05',
        lines: [{ productId, quantity: 1, gross: '100.01' }],
      }),
    );
    expect(again.body).toMatchObject({ outcome: 'unchanged', transaction: { base: { net: '723.52' } } });
    const list = await server.call('/api/v1/exchange-rates?base=USD', { cookie: cookies.finance });
    expect(list.body.items.map((r: any) => r.date)).toEqual(['2026-03-02', '2026-03-01', '2026-01-01']);
  });

  it('imports CSV and XLSX idempotently: the same file again changes nothing, a corrected row makes a version', async () => {
    const account = await heldSinceLastYear(rep);
    const csv = (gross: string) =>
      [
        'external_id,kind,account_id,currency,transaction_date,product_code,quantity,gross,discount',
        `IMP-${tag}-1,order,${account.id},CNY,${isoDay(-5)},${productCode},1,${gross},0`,
        `IMP-${tag}-1,order,${account.id},CNY,${isoDay(-5)},${productCode},2,50.00,5.00`,
        `IMP-${tag}-2,退货,${account.id},CNY,${isoDay(-4)},${productCode},1,-20.00,`,
      ].join('\n');
    const upload = (body: string | Uint8Array, filename: string) =>
      server.call(`/api/v1/transactions/import?filename=${filename}`, {
        cookie: cookies.ops,
        body,
        headers: { 'content-type': filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
      });
    const first = await upload(csv('100.00'), 'a.csv');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ created: 2, unchanged: 0, corrected: 0 });
    const [one] = first.body.items;
    const view = (await server.call(`/api/v1/transactions/${one.id}`, { cookie: cookies.finance })).body;
    expect(view).toMatchObject({
      net: '145.00',
      source: 'import',
      lines: [{ quantity: 1 }, { quantity: 2 }],
    });
    expect((await upload(csv('100.00'), 'a.csv')).body).toMatchObject({
      created: 0,
      unchanged: 2,
      corrected: 0,
    });
    expect((await upload(csv('120.00'), 'a.csv')).body).toMatchObject({
      created: 0,
      unchanged: 1,
      corrected: 1,
    });

    const bad = await upload(csv('abc'), 'a.csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'rows.2.gross', problem: 'invalid_amount' }),
    ]);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('交易');
    sheet.addRow(['外部编号', '类型', '客户ID', '币种', '交易日期', '产品编码', '数量', '总额']);
    sheet.addRow([`IMP-${tag}-X`, '订单', account.id, 'CNY', isoDay(-2), productCode, '3', '30.00']);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    expect((await upload(xlsx, 'b.xlsx')).body).toMatchObject({ created: 1 });
    expect((await upload(xlsx, 'b.xlsx')).body).toMatchObject({ unchanged: 1 });
  });
});
