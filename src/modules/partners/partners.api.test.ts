import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makePartner, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { lapseDue } from './certifications.js';

describeEachEngine('partners: admission, lifecycle, tiers, certifications, people, termination', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let ops: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  const cookie = {} as Record<'ops' | 'manager' | 'rep' | 'admin', string>;
  let n = 0;
  // Names the identity engine reads as different companies: digits alone do not tell companies apart.
  const SYLLABLES = '青云星河远山明月清风锦程华宇瑞丰博雅恒信鼎盛嘉禾朗润卓越宏图天启';
  const tradeName = (i: number) =>
    [0, 1, 2].map((k) => SYLLABLES[(i * 3 + k * 11) % SYLLABLES.length]).join('');
  const company = (extra: Record<string, unknown> = {}) => ({
    legalName: `杭州${tradeName(++n)}网络科技有限公司`,
    contactName: '王芳',
    contactEmail: `c${n}@example.com`,
    // Test companies look alike (one city, one trade): each is confirmed a company of its own.
    confirm: { reason: 'a different company' },
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    ops = await makeUser(db(), { role: 'sales_ops' });
    manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    rep = await makeUser(db(), { role: 'rep', teamId: team.id });
    cookie.ops = await server.login(ops.login);
    cookie.manager = await server.login(manager.login);
    cookie.rep = await server.login(rep.login);
    cookie.admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const create = (json: unknown, c = cookie.ops) => server.call('/api/v1/partners', { cookie: c, json });
  const move = (id: string, json: unknown, c = cookie.ops) =>
    server.call(`/api/v1/partners/${id}/status`, { cookie: c, json });

  it('admits a partner through the identity engine, once', async () => {
    const input = company({ uscc: null, phones: ['0571-8888 1234'] });
    const first = await create(input);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'applicant', tierCode: 'registered', managerId: ops.id });
    expect(first.body.history).toEqual([expect.objectContaining({ from: null, to: 'applicant' })]);
    // The same company typed again — another spelling, the same phone — is the same partner.
    const again = await create({ ...input, legalName: input.legalName.replace('有限公司', '公司') });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PARTNER_EXISTS');
    expect(again.body.error.details.partnerId).toBe(first.body.id);
  });

  it('makes a partner of a company already a customer, linked to its account', async () => {
    const customer = await makeAccount(db(), { owner: rep });
    const reply = await create(company({ legalName: customer.legalName }));
    expect(reply.status).toBe(201);
    expect(reply.body.accountId).toBe(customer.id);
  });

  it('names bad fields, and refuses a rep', async () => {
    const bad = await create({ legalName: '', contactName: 'x', contactEmail: 'nope', phones: ['12'] });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['legalName', 'contactEmail']));
    expect((await create(company(), cookie.rep)).status).toBe(403);
  });

  it('walks the lifecycle with a reason for each step; illegal moves are 409 with a code', async () => {
    const { body: p } = await create(company());
    const skip = await move(p.id, { to: 'active', reason: 'skip' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: 'PARTNER_TRANSITION_INVALID',
      details: { from: 'applicant', to: 'active', allowed: ['onboarding', 'terminated'] },
    });
    expect((await move(p.id, { to: 'onboarding', reason: '资料齐全' })).status).toBe(200);
    const early = await move(p.id, { to: 'active', reason: 'go' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PARTNER_CHECKLIST_INCOMPLETE');
    expect(early.body.error.details.missing).toContain('agreement_signed');
    let detail = (await server.call(`/api/v1/partners/${p.id}`, { cookie: cookie.ops })).body;
    for (const item of detail.checklist) {
      const ticked = await server.call(`/api/v1/partners/${p.id}/checklist/${item.itemId}`, {
        method: 'PUT',
        cookie: cookie.ops,
        json: { done: true, note: 'ok' },
      });
      expect(ticked.status).toBe(200);
    }
    detail = (await server.call(`/api/v1/partners/${p.id}`, { cookie: cookie.ops })).body;
    expect(detail.checklist.every((c: any) => c.doneBy === ops.id && c.doneAt)).toBe(true);
    const active = await move(p.id, { to: 'active', reason: '签约完成' });
    expect(active.status).toBe(200);
    expect(active.body.status).toBe('active');
    expect((await move(p.id, { to: 'suspended', reason: '违规' })).body.status).toBe('suspended');
    expect((await move(p.id, { to: 'active', reason: '整改完成' })).body.status).toBe('active');
    const history = (await server.call(`/api/v1/partners/${p.id}`, { cookie: cookie.ops })).body.history;
    expect(history.map((h: any) => h.to)).toEqual([
      'applicant',
      'onboarding',
      'active',
      'suspended',
      'active',
    ]);
    expect(history.every((h: any) => h.decisionId && h.reason && h.at)).toBe(true);
    const audit = await db().selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute();
    expect(audit.filter((a) => a.action === 'partner.status_changed')).toHaveLength(4);
  });

  it('changes a tier with a reason, audited; tiers are configurable', async () => {
    const { body: p } = await create(company());
    const tiers = (await server.call('/api/v1/partner-tiers', { cookie: cookie.ops })).body.items;
    expect(tiers.map((x: any) => x.code)).toEqual(['registered', 'silver', 'gold', 'platinum']);
    expect(tiers[0].protectionDays).toBe(90);
    const gold = tiers.find((x: any) => x.code === 'gold');
    const noReason = await server.call(`/api/v1/partners/${p.id}`, {
      method: 'PATCH',
      cookie: cookie.ops,
      json: { tierId: gold.id },
    });
    expect(noReason.status).toBe(400);
    const changed = await server.call(`/api/v1/partners/${p.id}`, {
      method: 'PATCH',
      cookie: cookie.ops,
      json: { tierId: gold.id, reason: '年度业绩' },
    });
    expect(changed.body.tierCode, JSON.stringify(changed.body)).toBe('gold');
    const tier = await server.call(`/api/v1/partner-tiers/${gold.id}`, {
      method: 'PATCH',
      cookie: cookie.ops,
      json: {
        protectionDays: 120,
        autoApprove: { maxAmountMinor: '50000000', currency: 'CNY', productLineIds: [] },
      },
    });
    expect(tier.body).toMatchObject({
      protectionDays: 120,
      autoApprove: { maxAmountMinor: '50000000', currency: 'CNY' },
    });
    const half = await server.call(`/api/v1/partner-tiers/${gold.id}`, {
      method: 'PATCH',
      cookie: cookie.ops,
      json: { autoApprove: { maxAmountMinor: '1', currency: null, productLineIds: [] } },
    });
    expect(half.body.error.details.fields[0].field).toBe('autoApprove.currency');
    // Only configurers change tiers: a manager manages partners but not the tiers.
    expect(
      (
        await server.call(`/api/v1/partner-tiers/${gold.id}`, {
          method: 'PATCH',
          cookie: cookie.manager,
          json: {},
        })
      ).status,
    ).toBe(403);
  });

  it('suspends registration rights when a required certification lapses, with a notice and an event', async () => {
    const p = await makePartner(db(), { managerId: ops.id });
    const types = (await server.call('/api/v1/partner-certification-types', { cookie: cookie.ops })).body
      .items;
    const sales = types.find((x: any) => x.code === 'sales');
    const added = await server.call(`/api/v1/partners/${p.id}/certifications`, {
      cookie: cookie.ops,
      json: { typeId: sales.id, reference: 'S-1', expiresOn: '2020-01-01' },
    });
    expect(added.status).toBe(201);
    expect(added.body.registrationRights.suspended).toBe(false);
    // The sweep, as the worker runs it every hour.
    expect(await runWork(db(), systemContext('test'), (w) => lapseDue(w))).toBe(1);
    const detail = (await server.call(`/api/v1/partners/${p.id}`, { cookie: cookie.ops })).body;
    expect(detail.registrationRights).toMatchObject({ suspended: true, reason: 'certification_lapsed' });
    expect(detail.certifications[0].lapsed).toBe(true);
    const notice = await db()
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', ops.id)
      .where('kind', '=', 'partner.registration_suspended')
      .execute();
    expect(notice).toHaveLength(1);
    const events = await db()
      .selectFrom('events')
      .select('name')
      .where('name', '=', 'partner.registration_suspended')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    // A valid certification gives the rights back.
    const renewed = await server.call(`/api/v1/partners/${p.id}/certifications`, {
      cookie: cookie.ops,
      json: { typeId: sales.id, expiresOn: '2099-12-31' },
    });
    expect(renewed.body.registrationRights.suspended).toBe(false);
  });

  it('lets a partner admin invite its own people only; a suspended partner’s people cannot act', async () => {
    const p = await makePartner(db(), { managerId: ops.id });
    const other = await makePartner(db(), { managerId: ops.id });
    const invited = await server.call(`/api/v1/partners/${p.id}/users`, {
      cookie: cookie.ops,
      json: { login: `pa${Date.now()}`, displayName: 'PA', role: 'partner_admin' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.generatedPassword).toEqual(expect.any(String));
    const pa = await makeUser(db(), { role: 'partner_admin', partnerId: p.id });
    const paCookie = await server.login(pa.login);
    const own = await server.call(`/api/v1/partners/${p.id}/users`, {
      cookie: paCookie,
      json: { login: `pu${Date.now()}`, displayName: 'PU', role: 'partner_user' },
    });
    expect(own.status).toBe(201);
    const foreign = await server.call(`/api/v1/partners/${other.id}/users`, {
      cookie: paCookie,
      json: { login: `px${Date.now()}`, displayName: 'PX', role: 'partner_user' },
    });
    expect(foreign.status).toBe(404);
    expect((await server.call(`/api/v1/partners/${other.id}`, { cookie: paCookie })).status).toBe(404);
    const list = (await server.call('/api/v1/partners', { cookie: paCookie })).body;
    expect(list.items.map((x: any) => x.id)).toEqual([p.id]);
    expect(list.total).toBe(1);

    await move(p.id, { to: 'suspended', reason: '欠款' });
    const blocked = await server.call('/api/v1/accounts', { cookie: paCookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ code: 'PARTNER_INACTIVE', details: { status: 'suspended' } });
    expect((await server.call('/api/v1/me', { cookie: paCookie })).status).toBe(200);
  });

  it('hands a terminated partner’s customers over in one operation, a decision per customer', async () => {
    const p = await makePartner(db(), { managerId: ops.id });
    const heir = await makePartner(db(), { managerId: ops.id });
    const pu = await makeUser(db(), { role: 'partner_user', partnerId: p.id });
    const a1 = await makeAccount(db(), { owner: pu });
    const a2 = await makeAccount(db(), { owner: pu });
    const refused = await move(p.id, { to: 'terminated', reason: '合同到期' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'handover', problem: 'required' });
    const done = await move(p.id, {
      to: 'terminated',
      reason: '合同到期',
      handover: { type: 'partner', partnerId: heir.id },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'terminated', handedOver: 2 });
    const accounts = await db()
      .selectFrom('accounts')
      .select(['id', 'partner_id', 'owner_id'])
      .where('id', 'in', [a1.id, a2.id])
      .execute();
    expect(accounts.every((a) => a.partner_id === heir.id && a.owner_id === null)).toBe(true);
    const decisions = await db()
      .selectFrom('decisions')
      .select('subject_id')
      .where('kind', '=', 'ownership.transfer')
      .where('subject_id', 'in', [a1.id, a2.id])
      .execute();
    expect(decisions).toHaveLength(2);
    expect((await move(p.id, { to: 'active', reason: 'back' })).body.error.code).toBe(
      'PARTNER_TRANSITION_INVALID',
    );
  });

  it('answers the public form the same whatever the company, and rate-limits it', async () => {
    const { confirm: _, ...input } = company();
    const apply = (json: unknown) => server.call('/api/v1/partner-applications', { json });
    const fresh = await apply(input);
    expect(fresh.status).toBe(202);
    const repeated = await apply(input);
    expect(repeated.status).toBe(202);
    expect(repeated.body).toEqual(fresh.body);
    const partners = await db()
      .selectFrom('partners')
      .select(['status', 'source'])
      .where('name', '=', input.legalName)
      .execute();
    expect(partners).toEqual([{ status: 'applicant', source: 'application' }]);
    const bad = await apply({ legalName: 'x', contactName: 'y', contactEmail: 'not-mail' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: any) => f.field)).toContain('contactEmail');
    const other = () => ({ ...input, legalName: `${input.legalName}${++n}` });
    await apply(other());
    await apply(other());
    const limited = await apply(other());
    expect(limited.status).toBe(429);
  });
});
