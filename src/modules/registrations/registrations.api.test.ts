import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { holdCustomer } from './registrations.repo.js';
import { makeCatalogue, registrationBody } from './testing.js';

describeEachEngine('deal registration', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'ops2' | 'p1' | 'p1b' | 'p2' | 'rep', string>;
  let catalogue: Awaited<ReturnType<typeof makeCatalogue>>;
  let repId: string;
  const name = (core: string) => `${core}${crypto.randomUUID().slice(0, 6)}`;
  const firm = (core: string) => `杭州${core}科技有限公司`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const p1 = await makePartnerId(db());
    const p2 = await makePartnerId(db());
    const users = {
      ops: await makeUser(db(), { role: 'sales_ops' }),
      ops2: await makeUser(db(), { role: 'sales_ops' }),
      p1: await makeUser(db(), { role: 'partner_user', partnerId: p1 }),
      p1b: await makeUser(db(), { role: 'partner_admin', partnerId: p1 }),
      p2: await makeUser(db(), { role: 'partner_user', partnerId: p2 }),
      rep: await makeUser(db(), { role: 'rep' }),
    };
    repId = users.rep.id;
    for (const [key, user] of Object.entries(users))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    catalogue = await makeCatalogue(db());
    const set = await server.call('/api/v1/registrations/settings', {
      method: 'PATCH',
      cookie: cookies.ops,
      json: {
        autoApproveMax: '200000.00',
        minimumAmount: '1000.00',
        approvalSteps: [
          { fromMinor: '0', steps: 1 },
          { fromMinor: '50000000', steps: 2 },
        ],
      },
    });
    expect(set.status).toBe(200);
  });
  afterAll(() => server.close());

  const register = async (cookie: string, body: ReturnType<typeof registrationBody>) => {
    const draft = await server.call('/api/v1/registrations', { cookie, json: body });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.status).toBe('draft');
    return server.call(`/api/v1/registrations/${draft.body.id}/submit`, { cookie, json: {} });
  };

  it('approves a clean registration within the limit: the customer is the partner’s until the date', async () => {
    const core = name('云帆');
    const reply = await register(cookies.p1, registrationBody(firm(core), catalogue.crm.productId));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ status: 'approved', refusal: null, daysLeft: 90 });
    expect(reply.body.accountId).toBeTruthy();
    expect(reply.body.opportunityId).toBeTruthy();
    const claim = await db()
      .selectFrom('ownership_claims')
      .selectAll()
      .where('account_id', '=', reply.body.accountId)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    // Admitted straight to the partner (a customer nobody had): the ledger's first claim is the partner's.
    expect(claim).toMatchObject({ holder: 'partner', kind: 'protected', via: 'admission' });
    expect(claim.ends_at).toBeTruthy();
    // The partner's people see their customer; the decision is the channel's to read in full.
    const account = await server.call(`/api/v1/accounts/${reply.body.accountId}`, { cookie: cookies.p1b });
    expect(account.status).toBe(200);
    const decision = await server.call(`/api/v1/decisions/${reply.body.decisionId}`, { cookie: cookies.ops });
    expect(decision.status).toBe(200);
    expect(decision.body.verdict).toBe('auto_approved');
    expect(
      (await server.call(`/api/v1/decisions/${reply.body.decisionId}`, { cookie: cookies.p1 })).status,
    ).toBe(404);

    // Another partner is told only "protected until <date>"; the same partner, that it registered it already.
    const other = await register(
      cookies.p2,
      registrationBody(`${core}科技（杭州）有限公司`, catalogue.crm.productId),
    );
    expect(other.body.status).toBe('rejected');
    expect(other.body.refusal).toEqual({
      code: 'PROTECTED_UNTIL',
      until: reply.body.protectedUntil,
      params: {},
    });
    expect(JSON.stringify(other.body)).not.toContain(reply.body.partnerId);
    expect(JSON.stringify(other.body)).not.toContain(reply.body.id);
    const again = await register(cookies.p1b, registrationBody(firm(core), catalogue.erp.productId));
    expect(again.body.refusal.code).toBe('DUPLICATE_OWN_REGISTRATION');
    const available = await server.call('/api/v1/registrations/availability', {
      cookie: cookies.p2,
      json: { legalName: firm(core) },
    });
    expect(available.body).toEqual({
      available: false,
      refusal: { code: 'PROTECTED_UNTIL', until: reply.body.protectedUntil, params: {} },
    });
  });

  it('refuses a direct customer, a small deal, and a customer a direct rep just called', async () => {
    const direct = await makeAccount(db(), { owner: { id: repId }, legalName: firm(name('直销')) });
    const one = await register(cookies.p1, registrationBody(direct.legalName, catalogue.crm.productId));
    expect(one.body.refusal).toEqual({ code: 'DIRECT_CUSTOMER', until: null, params: {} });
    const small = await register(
      cookies.p1,
      registrationBody(firm(name('小单')), catalogue.crm.productId, {
        lines: [{ productId: catalogue.crm.productId, quantity: 1, amount: '999.99' }],
      }),
    );
    expect(small.body.refusal).toMatchObject({ code: 'BELOW_MINIMUM', params: { minimumMinor: '100000' } });
    // A pooled customer a rep followed up yesterday.
    const ops = cookies.ops;
    const pool = await server.call('/api/v1/pools', { cookie: ops, json: { name: name('公海') } });
    const pooled = await makeAccount(db(), { owner: { id: repId }, legalName: firm(name('跟进')) });
    const followUp = await server.call(`/api/v1/accounts/${pooled.id}/follow-ups`, {
      cookie: ops,
      json: { kind: 'call', at: new Date().toISOString(), note: '电话' },
    });
    expect(followUp.status).toBe(201);
    expect(
      (
        await server.call(`/api/v1/accounts/${pooled.id}/release`, {
          cookie: ops,
          json: { poolId: pool.body.id, reason: 'test' },
        })
      ).status,
    ).toBe(200);
    const recent = await register(cookies.p2, registrationBody(pooled.legalName, catalogue.crm.productId));
    expect(recent.body.refusal.code).toBe('RECENT_DIRECT_FOLLOW_UP');
    expect(recent.body.refusal.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('takes two reviewers for a large deal, returns for information, and refuses illegal steps with 409', async () => {
    const body = registrationBody(firm(name('大单')), catalogue.erp.productId, {
      lines: [{ productId: catalogue.erp.productId, quantity: 10, amount: '600000.00' }],
    });
    const submitted = await register(cookies.p1, body);
    expect(submitted.body).toMatchObject({ status: 'submitted', stepsRequired: 2 });
    const id = submitted.body.id;
    const returned = await server.call(`/api/v1/registrations/${id}/return`, {
      cookie: cookies.ops,
      json: { reason: '请补充联系人' },
    });
    expect(returned.body.status).toBe('returned');
    const edit = await server.call(`/api/v1/registrations/${id}`, {
      method: 'PATCH',
      cookie: cookies.p1,
      json: { customerContact: { name: '李总', mobile: '13900139000' } },
    });
    expect(edit.status).toBe(200);
    const resubmitted = await server.call(`/api/v1/registrations/${id}/submit`, {
      cookie: cookies.p1,
      json: {},
    });
    expect(resubmitted.body.status).toBe('resubmitted');
    const first = await server.call(`/api/v1/registrations/${id}/approve`, { cookie: cookies.ops, json: {} });
    expect(first.body).toMatchObject({ status: 'resubmitted', approvals: [expect.any(Object)] });
    const twice = await server.call(`/api/v1/registrations/${id}/approve`, { cookie: cookies.ops, json: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REGISTRATION_APPROVED_BY_YOU');
    const second = await server.call(`/api/v1/registrations/${id}/approve`, {
      cookie: cookies.ops2,
      json: {},
    });
    expect(second.body.status).toBe('approved');
    const late = await server.call(`/api/v1/registrations/${id}/reject`, {
      cookie: cookies.ops,
      json: { reason: 'x' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'REGISTRATION_WRONG_STATE',
      details: { status: 'approved' },
    });
    // A partner may not approve its own registration.
    expect(
      (await server.call(`/api/v1/registrations/${id}/approve`, { cookie: cookies.p1, json: {} })).status,
    ).toBe(403);

    // An extension before expiry, granted by the channel, moves the protection and the ledger's date.
    const asked = await server.call(`/api/v1/registrations/${id}/extension`, {
      cookie: cookies.p1,
      json: { days: 30, reason: '客户预算推迟' },
    });
    expect(asked.body.extension).toMatchObject({ days: 30, status: 'pending' });
    const granted = await server.call(`/api/v1/registrations/${id}/extension/decide`, {
      cookie: cookies.ops,
      json: { approve: true, reason: '同意' },
    });
    expect(granted.body.daysLeft).toBe(120);

    // The timeline tells the partner each step and the reviewer's question, never the decisions.
    const mine = await server.call(`/api/v1/registrations/${id}/timeline`, { cookie: cookies.p1 });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => i.action)).toEqual([
      'registration.created',
      'registration.submitted',
      'registration.returned',
      'registration.updated',
      'registration.submitted',
      'registration.approved',
      'registration.approved',
      'registration.extension_requested',
      'registration.extension_decided',
    ]);
    expect(mine.body.items[2]).toMatchObject({
      status: 'returned',
      reason: '请补充联系人',
      decisionId: null,
    });
    expect(mine.body.items[5]).toMatchObject({ status: 'resubmitted', stepsGiven: 1 });
    expect(mine.body.items[6]).toMatchObject({ status: 'approved' });
    expect(mine.body.items.every((i: any) => i.decisionId === null)).toBe(true);
    const channel = await server.call(`/api/v1/registrations/${id}/timeline`, { cookie: cookies.ops });
    expect(channel.body.items[1].decisionId).toBeTruthy();
    expect((await server.call(`/api/v1/registrations/${id}/timeline`, { cookie: cookies.p2 })).status).toBe(
      404,
    );
  });

  it('rejects with a reason code and a note the partner reads, and its timeline ends there', async () => {
    const body = registrationBody(firm(name('拒绝')), catalogue.erp.productId, {
      lines: [{ productId: catalogue.erp.productId, quantity: 5, amount: '300000.00' }],
    });
    const submitted = await register(cookies.p1, body);
    expect(submitted.body.status).toBe('submitted');
    const unknown = await server.call(`/api/v1/registrations/${submitted.body.id}/reject`, {
      cookie: cookies.ops,
      json: { reason: '无', code: 'NO_SUCH_CODE' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('code');
    const rejected = await server.call(`/api/v1/registrations/${submitted.body.id}/reject`, {
      cookie: cookies.ops,
      json: { reason: '预算未确认', code: 'NOT_A_QUALIFIED_DEAL' },
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      refusal: {
        code: 'REVIEWER_REJECTED',
        params: { reason: '预算未确认', reasonCode: 'NOT_A_QUALIFIED_DEAL' },
      },
    });
    const timeline = await server.call(`/api/v1/registrations/${submitted.body.id}/timeline`, {
      cookie: cookies.p1,
    });
    expect(timeline.body.items.at(-1)).toMatchObject({
      action: 'registration.rejected',
      status: 'rejected',
      reason: '预算未确认',
    });
  });

  it('expires a registration past its protection and returns the customer', async () => {
    const reply = await register(cookies.p2, registrationBody(firm(name('过期')), catalogue.crm.productId));
    expect(reply.body.status).toBe('approved');
    await db()
      .updateTable('registrations')
      .set({ protected_until: '2020-01-01' })
      .where('id', '=', reply.body.id)
      .execute();
    const { runWork } = await import('../../kernel/index.js');
    const { systemContext } = await import('../access/index.js');
    const { expireDue } = await import('./review.service.js');
    expect(await runWork(db(), systemContext('test'), (w) => expireDue(w))).toBeGreaterThanOrEqual(1);
    const after = await server.call(`/api/v1/registrations/${reply.body.id}`, { cookie: cookies.p2 });
    expect(after.body.status).toBe('expired');
    const open = await db()
      .selectFrom('ownership_claims')
      .select('holder')
      .where('account_id', '=', reply.body.accountId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    expect(open).toBeUndefined();
    const now = await register(
      cookies.p1,
      registrationBody(firm(reply.body.customer.legalName.slice(2, -6)), catalogue.crm.productId),
    );
    expect(now.body.status).toBe('approved');
  });

  describe('what a partner may learn', () => {
    it('shows a partner only its own registrations; others’ ids are 404', async () => {
      const mine = await register(cookies.p1, registrationBody(firm(name('隔离')), catalogue.crm.productId));
      const seen = await server.call(`/api/v1/registrations/${mine.body.id}`, { cookie: cookies.p2 });
      expect(seen.status).toBe(404);
      const list = await server.call('/api/v1/registrations?limit=200', { cookie: cookies.p2 });
      expect(list.body.items.every((r: { partnerId: string }) => r.partnerId !== mine.body.partnerId)).toBe(
        true,
      );
      const rep = await server.call('/api/v1/registrations', { cookie: cookies.rep });
      expect(rep.body.total).toBe(0);
      const touch = await server.call(`/api/v1/registrations/${mine.body.id}/withdraw`, {
        cookie: cookies.p2,
        json: { reason: 'x' },
      });
      expect(touch.status).toBe(404);
    });

    it('rate-limits availability lookups per user', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (
            await server.call('/api/v1/registrations/availability', {
              cookie: cookies.p1b,
              json: { legalName: firm(name('查询')) },
            })
          ).status,
        );
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    });

    it('refuses bad input with every field named and writes nothing', async () => {
      const before = await db()
        .selectFrom('registrations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const bad = await server.call('/api/v1/registrations', {
        cookie: cookies.p1,
        json: registrationBody(firm('坏'), '00000000-0000-4000-8000-000000000000', {
          expectedClose: '2001-01-01',
        }),
      });
      expect(bad.status).toBe(400);
      const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['lines.0.productId', 'expectedClose']));
      const negative = await server.call('/api/v1/registrations', {
        cookie: cookies.p1,
        json: registrationBody(firm('负'), catalogue.crm.productId, {
          lines: [{ productId: catalogue.crm.productId, quantity: 1, amount: '-5' }],
        }),
      });
      expect(negative.status).toBe(400);
      const after = await db()
        .selectFrom('registrations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toEqual(before.n);
      // Only a partner's people register.
      expect(
        (
          await server.call('/api/v1/registrations', {
            cookie: cookies.rep,
            json: registrationBody(firm('直'), catalogue.crm.productId),
          })
        ).status,
      ).toBe(403);
    });
  });

  it('answers a second hold on a held customer with false, not an error, keeping the first', async () => {
    const drafts = await Promise.all(
      [cookies.p1, cookies.p2].map(async (cookie) => {
        const reply = await server.call('/api/v1/registrations', {
          cookie,
          json: registrationBody(firm(name('双持')), catalogue.crm.productId),
        });
        expect(reply.status).toBe(201);
        return reply.body.id as string;
      }),
    );
    const customer = `a:${crypto.randomUUID()}`;
    const rolledBack = new Error('rolled back');
    await expect(
      db()
        .transaction()
        .execute(async (tx) => {
          expect(await holdCustomer(tx, drafts[0]!, customer, ['*'], ['k:one'])).toBe(true);
          // The partial unique index refuses the row; the statement goes on and the transaction stays usable.
          expect(await holdCustomer(tx, drafts[1]!, customer, ['*'], ['k:two'])).toBe(false);
          const held = await tx
            .selectFrom('registration_protections')
            .select('registration_id')
            .where('customer_key', '=', customer)
            .execute();
          expect(held.map((h) => h.registration_id)).toEqual([drafts[0]]);
          throw rolledBack;
        }),
    ).rejects.toBe(rolledBack);
  });
});
