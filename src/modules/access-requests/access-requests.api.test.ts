import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePartnerId, makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('access requests: a hidden customer is not a dead end', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<
    'owner' | 'asker' | 'rival' | 'manager' | 'otherManager' | 'partner' | 'admin',
    string
  >;
  let customer: Awaited<ReturnType<typeof makeAccount>>;
  let ownerName: string;
  let askerId: string;
  let rivalId: string;
  let managerId: string;
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
    const rival = await makeUser(db(), { role: 'rep', teamId: west.id });
    const partner = await makeUser(db(), { role: 'partner_user', partnerId: await makePartnerId(db()) });
    ownerName = owner.displayName;
    askerId = asker.id;
    rivalId = rival.id;
    managerId = manager.id;
    customer = await makeAccount(db(), {
      owner,
      legalName: '杭州翠微泉茶业有限公司',
      phones: ['0571-8765 4321'],
    });
    for (const [key, user] of Object.entries({ owner, asker, rival, manager, otherManager, partner }))
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
  const ownerNow = async () =>
    (
      await db()
        .selectFrom('accounts')
        .select('owner_id')
        .where('id', '=', customer.id)
        .executeTakeFirstOrThrow()
    ).owner_id;
  const openClaims = () =>
    db()
      .selectFrom('ownership_claims')
      .select(['user_id', 'via', 'kind', 'decision_id'])
      .where('account_id', '=', customer.id)
      .where('ended_at', 'is', null)
      .execute();
  const noticesOn = (decisionId: string) =>
    db()
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'account_id'])
      .where(sql<SqlBool>`params->>'decisionId' = ${decisionId}`)
      .orderBy('kind')
      .execute();
  /** Back to its first owner, for the tests that follow. */
  const giveBack = async () => {
    const back = await server.call('/api/v1/ownership/transfer', {
      cookie: cookies.admin,
      json: { accountIds: [customer.id], to: { type: 'user', userId: customer.ownerId }, note: '测试复原' },
    });
    expect(back.status).toBe(200);
  };
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

    it('hands the customer to the requester on a grant, in the decision’s transaction, and tells both', async () => {
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
      const before = await openClaims();
      const decided = await server.call(`/api/v1/access-requests/${request.id}/decide`, {
        cookie: cookies.manager,
        json: { decision: 'grant', note: '一起跟进', keepFormerUntil: '2099-12-31' },
      });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        ownershipChanged: true,
        request: {
          status: 'granted',
          decisionNote: '一起跟进',
          decidedBy: { displayName: expect.any(String) },
        },
      });
      const decisionId = decided.body.request.decisionId;
      // The customer left the manager's team with the grant: sales ops reads the decision now.
      const decision = await server.call(`/api/v1/decisions/${decisionId}`, { cookie: cookies.admin });
      expect(decision.body).toMatchObject({ kind: 'access_request', verdict: 'granted' });
      expect(decision.body.evidence).toEqual([
        {
          code: 'access.requested',
          params: { kind: 'access', requestId: request.id, requesterId: askerId },
        },
        { code: 'access.decided', params: { decision: 'grant', by: managerId, reason: '一起跟进' } },
        {
          code: 'access.ownership_moved',
          params: {
            requestId: request.id,
            fromUserId: customer.ownerId,
            toUserId: askerId,
            keepFormerUntil: '2099-12-31',
          },
        },
      ]);
      expect(await ownerNow()).toBe(askerId);
      expect(before).toEqual([expect.objectContaining({ user_id: customer.ownerId })]);
      // A new owner's claim like any other: protected, its deadline computed by the recovery rules.
      expect(await openClaims()).toEqual([
        { user_id: askerId, via: 'request', kind: 'protected', decision_id: decisionId },
      ]);
      // The requester now sees the customer, and its history says how it came.
      const history = await server.call(`/api/v1/accounts/${customer.id}/ownership`, {
        cookie: cookies.asker,
      });
      expect(history.status).toBe(200);
      expect(history.body.current).toMatchObject({ holder: { id: askerId }, via: 'request', decisionId });
      expect(history.body.history.map((c: any) => c.via)).toEqual(['request', expect.any(String)]);
      // The former owner stays on the team, read-only, until the date the decider gave.
      expect(history.body.team).toEqual([
        expect.objectContaining({ userId: customer.ownerId, role: 'former_owner' }),
      ]);
      expect(await noticesOn(decisionId)).toEqual([
        { user_id: askerId, kind: 'access_request.granted', account_id: customer.id },
        { user_id: customer.ownerId, kind: 'ownership.requested_away', account_id: customer.id },
      ]);
      const events = await db()
        .selectFrom('events')
        .select(['name', 'payload'])
        .where(sql<SqlBool>`payload->>'decisionId' = ${decisionId}`)
        .orderBy('name')
        .execute();
      expect(events).toEqual([
        {
          name: 'access_request.decided',
          payload: expect.objectContaining({ decision: 'granted', ownershipChanged: true }),
        },
        {
          name: 'ownership.changed',
          payload: expect.objectContaining({
            fromUserId: customer.ownerId,
            toUserId: askerId,
            via: 'request',
          }),
        },
      ]);
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
        .where('decision_id', '=', decisionId)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'access_request.decided', decision_id: decisionId, reason: '一起跟进' },
        { action: 'ownership.transferred', decision_id: decisionId, reason: '一起跟进' },
      ]);
      const mine = (await list(cookies.asker, '?mine=true')).body.items[0];
      expect(mine).toMatchObject({ status: 'granted', account: { id: customer.id } });
      // The customer left the manager's team; the request it decided stays in its sight.
      expect((await list(cookies.manager)).body.items.map((r: any) => r.id)).toContain(request.id);
      await db().deleteFrom('account_team').where('account_id', '=', customer.id).execute();
      await giveBack();
    });

    it('leaves the customer where it is on a denial and tells the requester, not naming the customer', async () => {
      const ref = (await check(cookies.asker)).accessRef as string;
      const asked = await ask(cookies.asker, ref);
      expect(asked.status).toBe(201);
      const denyWithKeep = await server.call(`/api/v1/access-requests/${asked.body.id}/decide`, {
        cookie: cookies.manager,
        json: { decision: 'deny', keepFormerUntil: '2099-12-31' },
      });
      expect(denyWithKeep.status).toBe(400);
      const denied = await server.call(`/api/v1/access-requests/${asked.body.id}/decide`, {
        cookie: cookies.manager,
        json: { decision: 'deny', note: '客户已有人跟进' },
      });
      expect(denied.status).toBe(200);
      expect(denied.body).toMatchObject({ ownershipChanged: false, request: { status: 'denied' } });
      expect(await ownerNow()).toBe(customer.ownerId);
      const decisionId = denied.body.request.decisionId;
      expect(await noticesOn(decisionId)).toEqual([
        { user_id: askerId, kind: 'access_request.denied', account_id: null },
      ]);
      const decision = await server.call(`/api/v1/decisions/${decisionId}`, { cookie: cookies.manager });
      expect(decision.body.evidence).toContainEqual({
        code: 'access.ownership_unchanged',
        params: { reason: 'denied' },
      });
    });

    it('moves the customer once when two deciders grant competing requests at once; the other gets 409', async () => {
      const asked = await ask(cookies.asker, (await check(cookies.asker)).accessRef as string);
      // The rival flags a conflict: "this customer is mine". Upheld, it moves the customer just the same.
      const flagged = await ask(cookies.rival, (await check(cookies.rival)).accessRef as string, 'conflict');
      expect([asked.status, flagged.status]).toEqual([201, 201]);
      const decide = (id: string, cookie: string) =>
        server.call(`/api/v1/access-requests/${id}/decide`, { cookie, json: { decision: 'grant' } });
      const replies = await Promise.all([
        decide(asked.body.id, cookies.manager),
        decide(flagged.body.id, cookies.admin),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const lost = replies.find((r) => r.status === 409)!;
      expect(lost.body.error).toMatchObject({
        code: 'ACCESS_REQUEST_SUPERSEDED',
        details: { decisionId: expect.any(String) },
      });
      const won = replies.find((r) => r.status === 200)!;
      const winner = won === replies[0] ? askerId : rivalId;
      expect(await ownerNow()).toBe(winner);
      expect(await openClaims()).toEqual([
        expect.objectContaining({
          user_id: winner,
          via: 'request',
          decision_id: won.body.request.decisionId,
        }),
      ]);
      const moves = await db()
        .selectFrom('ownership_claims')
        .select('id')
        .where('account_id', '=', customer.id)
        .where('via', '=', 'request')
        .execute();
      expect(moves).toHaveLength(2); // the first test's grant, and exactly one now
      // The loser stays open for a decider to deny: it was about a customer that has since moved.
      const loserId = won === replies[0] ? flagged.body.id : asked.body.id;
      expect((await requestRows()).find((r) => r.id === loserId)?.status).toBe('open');
      await db()
        .updateTable('access_requests')
        .set({ status: 'withdrawn' })
        .where('id', '=', loserId)
        .execute();
      await giveBack();
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
