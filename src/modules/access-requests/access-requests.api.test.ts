import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('access requests: a hidden customer is not a dead end', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'owner' | 'asker' | 'manager' | 'otherManager' | 'partner' | 'admin', string>;
  let customer: Awaited<ReturnType<typeof makeAccount>>;
  let ownerName: string;
  let askerId: string;
  const teamName = `东区 ${Date.now()}`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const east = await makeTeam(db(), { name: teamName });
    const west = await makeTeam(db());
    const manager = await makeUser(db(), { role: 'manager', teamId: east.id });
    const otherManager = await makeUser(db(), { role: 'manager', teamId: west.id });
    await db().updateTable('teams').set({ manager_id: manager.id }).where('id', '=', east.id).execute();
    const owner = await makeUser(db(), { role: 'rep', teamId: east.id, displayName: '王芳' });
    const asker = await makeUser(db(), { role: 'rep', teamId: west.id });
    const partner = await makeUser(db(), { role: 'partner_user', partnerId: makePartnerId() });
    ownerName = owner.displayName;
    askerId = asker.id;
    customer = await makeAccount(db(), {
      owner,
      legalName: '杭州翠微泉茶业有限公司',
      phones: ['0571-8765 4321'],
    });
    for (const [key, user] of Object.entries({ owner, asker, manager, otherManager, partner }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    cookies.admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const check = async (cookie: string) => {
    const reply = await server.call('/api/v1/accounts/check', {
      cookie,
      json: { legalName: '杭州翠微泉茶业有限公司', phones: ['0571-87654321'] },
    });
    expect(reply.status).toBe(200);
    return reply.body.matches[0];
  };
  const ask = (cookie: string, accountRef: string, kind = 'access', note = '客户主动联系我') =>
    server.call('/api/v1/access-requests', {
      cookie,
      json: { accountRef, kind, customerName: '翠微泉茶业', note },
    });
  const list = (cookie: string, query = '') => server.call(`/api/v1/access-requests${query}`, { cookie });
  const requestRows = () =>
    db().selectFrom('access_requests').selectAll().where('account_id', '=', customer.id).execute();

  describe('the duplicate check', () => {
    it('tells a caller who may not see the customer whom to contact and gives it a reference', async () => {
      const match = await check(cookies.asker);
      expect(match).toEqual({
        verdict: 'same',
        visible: false,
        owned: true,
        accessRef: expect.any(String),
        owner: { displayName: ownerName, teamName },
      });
      expect(JSON.stringify(match)).not.toContain(customer.id);
      // A refused create offers the same way out.
      const refused = await server.call('/api/v1/accounts', {
        cookie: cookies.asker,
        json: { legalName: '杭州翠微泉茶业有限公司' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.matches[0].accessRef).toEqual(expect.any(String));
    });

    it('keeps the owner to itself where the organisation says so, and from partners always', async () => {
      expect((await check(cookies.partner)).owner).toBeUndefined();
      expect((await check(cookies.partner)).accessRef).toEqual(expect.any(String));
      const off = await server.call('/api/v1/organization', {
        method: 'PATCH',
        cookie: cookies.admin,
        json: { revealOwnerOnConflict: false },
      });
      expect(off.status).toBe(200);
      expect(off.body.revealOwnerOnConflict).toBe(false);
      try {
        const match = await check(cookies.asker);
        expect(match.owner).toBeUndefined();
        expect(match.accessRef).toEqual(expect.any(String));
      } finally {
        await server.call('/api/v1/organization', {
          method: 'PATCH',
          cookie: cookies.admin,
          json: { revealOwnerOnConflict: true },
        });
      }
    });

    it('gives nothing extra to a caller who may see the customer', async () => {
      const match = await check(cookies.manager);
      expect(match.visible).toBe(true);
      expect(match.accessRef).toBeUndefined();
      expect(match.owner).toBeUndefined();
    });
  });

  describe('asking', () => {
    it('refuses references it did not hand to this caller, all with one answer', async () => {
      const others = (await check(cookies.partner)).accessRef as string;
      for (const ref of [others, customer.id, 'not-a-ref', `${others.slice(0, -2)}AA`]) {
        const reply = await ask(cookies.asker, ref);
        expect(reply.status, ref).toBe(400);
        expect(reply.body.error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: [{ field: 'accountRef', problem: 'invalid' }] },
        });
      }
      expect(await requestRows()).toEqual([]);
    });

    it('files one open request per requester and customer, even when many race', async () => {
      const ref = (await check(cookies.asker)).accessRef as string;
      const replies = await Promise.all(Array.from({ length: 6 }, () => ask(cookies.asker, ref)));
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const created = replies.find((r) => r.status === 201)!.body;
      for (const r of replies.filter((x) => x.status === 409))
        expect(r.body.error.code).toBe('ACCESS_REQUEST_OPEN');
      const rows = await requestRows();
      expect(rows.filter((r) => r.status === 'open' && r.requester_id === askerId)).toHaveLength(1);
      // The requester sees its request, but not the customer it may not see.
      expect(created).toMatchObject({ kind: 'access', status: 'open', mine: true, account: null });
      expect(JSON.stringify(created)).not.toContain(customer.id);
      const again = await ask(cookies.asker, ref);
      expect(again.body.error.details.accessRequestId).toBe(created.id);
      // Audited, with an event for the ownership rules.
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', created.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['access_request.created']);
      const events = await db()
        .selectFrom('events')
        .select(['name', 'payload'])
        .where('name', '=', 'access_request.created')
        .execute();
      expect(events.map((e) => e.payload)).toContainEqual({
        requestId: created.id,
        accountId: customer.id,
        requesterId: askerId,
        kind: 'access',
      });
    });
  });

  describe('deciding', () => {
    it('lands on the owner’s manager and sales ops, not on other managers or the owner', async () => {
      const seen = await list(cookies.manager, '?status=open');
      expect(seen.body.items).toHaveLength(1);
      expect(seen.body.items[0]).toMatchObject({
        customerName: '翠微泉茶业',
        note: '客户主动联系我',
        mine: false,
        account: { id: customer.id, legalName: '杭州翠微泉茶业有限公司', owner: { displayName: ownerName } },
      });
      expect((await list(cookies.admin, '?status=open')).body.total).toBeGreaterThanOrEqual(1);
      expect((await list(cookies.otherManager)).body).toMatchObject({ total: 0, items: [] });
      expect((await list(cookies.owner)).body).toMatchObject({ total: 0, items: [] });
      expect((await list(cookies.asker, '?mine=true')).body.total).toBe(1);
    });

    it('records a grant as a decision and leaves the customer where it was', async () => {
      const [request] = (await list(cookies.manager, '?status=open')).body.items;
      const byRep = await server.call(`/api/v1/access-requests/${request.id}/decide`, {
        cookie: cookies.asker,
        json: { decision: 'grant' },
      });
      expect(byRep.status).toBe(403);
      const byOther = await server.call(`/api/v1/access-requests/${request.id}/decide`, {
        cookie: cookies.otherManager,
        json: { decision: 'grant' },
      });
      expect(byOther.status).toBe(404);
      const decided = await server.call(`/api/v1/access-requests/${request.id}/decide`, {
        cookie: cookies.manager,
        json: { decision: 'grant', note: '一起跟进' },
      });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        ownershipChanged: false,
        request: {
          status: 'granted',
          decisionNote: '一起跟进',
          decidedBy: { displayName: expect.any(String) },
        },
      });
      const decision = await server.call(`/api/v1/decisions/${decided.body.request.decisionId}`, {
        cookie: cookies.manager,
      });
      expect(decision.body).toMatchObject({ kind: 'access_request', verdict: 'granted' });
      expect(decision.body.evidence.map((e: any) => e.code)).toContain('access.ownership_unchanged');
      const account = await db()
        .selectFrom('accounts')
        .select('owner_id')
        .where('id', '=', customer.id)
        .executeTakeFirstOrThrow();
      expect(account.owner_id).toBe(customer.ownerId);
      const twice = await server.call(`/api/v1/access-requests/${request.id}/decide`, {
        cookie: cookies.admin,
        json: { decision: 'deny' },
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({
        code: 'ACCESS_REQUEST_CLOSED',
        details: { status: 'granted' },
      });
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'decision_id', 'reason'])
        .where('entity_id', '=', request.id)
        .orderBy('id')
        .execute();
      expect(audit.at(-1)).toMatchObject({
        action: 'access_request.decided',
        decision_id: decided.body.request.decisionId,
        reason: '一起跟进',
      });
      // The requester sees the outcome.
      const mine = (await list(cookies.asker, '?mine=true')).body.items[0];
      expect(mine).toMatchObject({ status: 'granted', account: null });
    });

    it('lets the requester, and only the requester, withdraw an open request', async () => {
      const ref = (await check(cookies.asker)).accessRef as string;
      const flagged = await ask(cookies.asker, ref, 'conflict', '这是我两年前的客户');
      expect(flagged.status).toBe(201);
      const path = `/api/v1/access-requests/${flagged.body.id}/withdraw`;
      const byAdmin = await server.call(path, { cookie: cookies.admin, json: {} });
      expect(byAdmin.status).toBe(403);
      const withdrawn = await server.call(path, { cookie: cookies.asker, json: {} });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expect((await server.call(path, { cookie: cookies.asker, json: {} })).status).toBe(409);
      const decide = await server.call(`/api/v1/access-requests/${flagged.body.id}/decide`, {
        cookie: cookies.manager,
        json: { decision: 'deny' },
      });
      expect(decide.status).toBe(409);
    });
  });
});
