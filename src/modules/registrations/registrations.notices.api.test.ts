import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartnerId, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import { systemContext } from '../access/index.js';
import { localDate, addDays } from '../ownership/index.js';
import { remindExpiring } from './reminders.js';
import { makeCatalogue, registrationBody } from './testing.js';

describeEachEngine('registration notices and events', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  type Who = 'ops' | 'ops2' | 'p1' | 'p1admin' | 'p1other' | 'p2' | 'p2admin' | 'p3' | 'p3admin';
  const cookies = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  let partners: { p1: string; p2: string; p3: string };
  let catalogue: Awaited<ReturnType<typeof makeCatalogue>>;
  const name = (core: string) => `${core}${crypto.randomUUID().slice(0, 6)}`;
  const firm = (core: string) => `苏州${core}科技有限公司`;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const ops = await makeUser(db(), { role: 'sales_ops' });
    const ops2 = await makeUser(db(), { role: 'sales_ops' });
    partners = {
      p1: await makePartnerId(db()),
      p2: await makePartnerId(db()),
      // A partner whose channel manager reviews: only that person hears of its pending registrations.
      p3: await makePartnerId(db(), { managerId: ops2.id }),
    };
    const users = {
      ops,
      ops2,
      p1: await makeUser(db(), { role: 'partner_user', partnerId: partners.p1 }),
      p1admin: await makeUser(db(), { role: 'partner_admin', partnerId: partners.p1 }),
      p1other: await makeUser(db(), { role: 'partner_user', partnerId: partners.p1 }),
      p2: await makeUser(db(), { role: 'partner_user', partnerId: partners.p2 }),
      p2admin: await makeUser(db(), { role: 'partner_admin', partnerId: partners.p2 }),
      p3: await makeUser(db(), { role: 'partner_user', partnerId: partners.p3 }),
      p3admin: await makeUser(db(), { role: 'partner_admin', partnerId: partners.p3 }),
    };
    for (const [key, user] of Object.entries(users)) {
      ids[key as Who] = user.id;
      cookies[key as Who] = await server.login(user.login);
    }
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
    expect(set.body.reminderDays).toEqual([14, 3]);
  });
  afterAll(() => server.close());

  const register = async (cookie: string, body: ReturnType<typeof registrationBody>) => {
    const draft = await server.call('/api/v1/registrations', { cookie, json: body });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const reply = await server.call(`/api/v1/registrations/${draft.body.id}/submit`, { cookie, json: {} });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  const big = (core: string) =>
    registrationBody(firm(name(core)), catalogue.erp.productId, {
      lines: [{ productId: catalogue.erp.productId, quantity: 10, amount: '600000.00' }],
    });

  /** Notices about one registration: who got which kind, with what. */
  const noticesOf = async (registrationId: string) => {
    const rows = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'params', 'account_id'])
      .where('kind', 'like', 'registration.%')
      .orderBy('created_at')
      .execute();
    return rows.filter((r) => (r.params as { registrationId?: string }).registrationId === registrationId);
  };
  const who = (rows: { user_id: string }[]) =>
    rows.map((r) => (Object.keys(ids) as Who[]).find((k) => ids[k] === r.user_id) ?? r.user_id).sort();
  const eventsOf = async (registrationId: string) => {
    const rows = await db().selectFrom('events').select(['name', 'payload']).orderBy('created_at').execute();
    return rows.filter(
      (r) => (r.payload as { registrationId?: string }).registrationId === registrationId,
    ) as { name: string; payload: Record<string, unknown> }[];
  };
  const allNoticesFor = async (userIds: string[]) =>
    db().selectFrom('notifications').selectAll().where('user_id', 'in', userIds).execute();

  it('an automatic approval tells the submitter and the partner admins, and emits submitted and decided', async () => {
    const reg = await register(cookies.p1, registrationBody(firm(name('自动')), catalogue.crm.productId));
    expect(reg.status).toBe('approved');
    const events = await eventsOf(reg.id);
    expect(events.map((e) => e.name)).toEqual(['registration.submitted', 'registration.decided']);
    expect(events[1]!.payload).toMatchObject({
      verdict: 'approved',
      automatic: true,
      code: null,
      protectedUntil: reg.protectedUntil,
      decisionId: reg.decisionId,
    });
    const notices = await noticesOf(reg.id);
    // Not p1other: a partner user hears of its own registrations and its admins hear of all.
    expect(who(notices)).toEqual(['p1', 'p1admin']);
    expect(notices.every((n) => n.kind === 'registration.approved')).toBe(true);
    expect(notices[0]!.params).toMatchObject({ until: reg.protectedUntil, deal: reg.name });
    // The customer is theirs now: the notice links it.
    expect(notices[0]!.account_id).toBe(reg.accountId);
  });

  it('a review: reviewers hear what waits, the partner hears every verdict, each with its event', async () => {
    const reg = await register(cookies.p1, big('评审'));
    expect(reg.status).toBe('submitted');
    let notices = await noticesOf(reg.id);
    // No channel manager for p1: everyone who reviews hears of it; the partner hears nothing yet.
    expect(who(notices).filter((w) => w === 'ops' || w === 'ops2')).toEqual(['ops', 'ops2']);
    expect(notices.every((n) => n.kind === 'registration.pending_review')).toBe(true);
    expect(notices.some((n) => [ids.p1, ids.p1admin].includes(n.user_id))).toBe(false);

    const id = reg.id;
    const returned = await server.call(`/api/v1/registrations/${id}/return`, {
      cookie: cookies.ops,
      json: { reason: '请补充预算' },
    });
    expect(returned.status).toBe(200);
    notices = (await noticesOf(id)).filter((n) => n.kind === 'registration.returned');
    expect(who(notices)).toEqual(['p1', 'p1admin']);
    expect(notices[0]!.params).toMatchObject({ reason: '请补充预算' });
    expect(notices[0]!.account_id).toBeNull();

    await server.call(`/api/v1/registrations/${id}/submit`, { cookie: cookies.p1, json: {} });
    const first = await server.call(`/api/v1/registrations/${id}/approve`, { cookie: cookies.ops, json: {} });
    expect(first.body.status).toBe('resubmitted');
    // The first step tells the other reviewers that a second approval is needed, not the one who gave it.
    const steps = (await noticesOf(id)).filter((n) => n.kind === 'registration.step_approved');
    expect(who(steps)).not.toContain('ops');
    expect(who(steps)).toContain('ops2');
    expect(steps[0]!.params).toMatchObject({ step: 1, of: 2 });
    const second = await server.call(`/api/v1/registrations/${id}/approve`, {
      cookie: cookies.ops2,
      json: {},
    });
    expect(second.body.status).toBe('approved');

    const asked = await server.call(`/api/v1/registrations/${id}/extension`, {
      cookie: cookies.p1,
      json: { days: 30, reason: '客户预算推迟' },
    });
    expect(asked.status).toBe(200);
    const extensionAsked = (await noticesOf(id)).filter((n) => n.kind === 'registration.extension_requested');
    expect(who(extensionAsked)).toEqual(expect.arrayContaining(['ops', 'ops2']));
    expect(extensionAsked[0]!.params).toMatchObject({ days: 30, partnerId: partners.p1 });
    const decided = await server.call(`/api/v1/registrations/${id}/extension/decide`, {
      cookie: cookies.ops,
      json: { approve: false, reason: '预算未确认' },
    });
    expect(decided.status).toBe(200);
    const won = await server.call(`/api/v1/registrations/${id}/won`, { cookie: cookies.ops, json: {} });
    expect(won.status, JSON.stringify(won.body)).toBe(200);

    const events = await eventsOf(id);
    expect(events.map((e) => e.name)).toEqual([
      'registration.submitted',
      'registration.decided',
      'registration.submitted',
      'registration.decided',
      'registration.decided',
      'registration.extension_requested',
      'registration.extension_decided',
      'registration.won',
    ]);
    expect(events.map((e) => e.payload.verdict ?? null)).toEqual([
      null,
      'returned',
      null,
      'step_approved',
      'approved',
      null,
      null,
      null,
    ]);
    expect(events[2]!.payload.resubmitted).toBe(true);
    expect(events[6]!.payload).toMatchObject({ approved: false, protectedUntil: reg.protectedUntil });
    const toPartner = (await noticesOf(id)).filter((n) => n.user_id === ids.p1).map((n) => n.kind);
    expect(toPartner).toEqual([
      'registration.returned',
      'registration.approved',
      'registration.extension_decided',
      'registration.won',
    ]);
  });

  it('a partner’s channel manager who reviews is the one told; a withdrawal takes it back', async () => {
    const reg = await register(cookies.p3, big('经理'));
    expect(who(await noticesOf(reg.id))).toEqual(['ops2']);
    const withdrawn = await server.call(`/api/v1/registrations/${reg.id}/withdraw`, {
      cookie: cookies.p3,
      json: { reason: '客户取消' },
    });
    expect(withdrawn.status).toBe(200);
    const notices = (await noticesOf(reg.id)).filter((n) => n.kind === 'registration.withdrawn');
    // The one who withdrew is not told of it; its admin and the reviewer are.
    expect(who(notices)).toEqual(['ops2', 'p3admin']);
    expect((await eventsOf(reg.id)).map((e) => e.name)).toContain('registration.withdrawn');
  });

  it('partner B hears only “protected until” about A’s customer, and nothing of A’s registration', async () => {
    const before = await allNoticesFor([ids.p2, ids.p2admin]);
    const core = name('隔离');
    const a = await register(cookies.p1, registrationBody(firm(core), catalogue.crm.productId));
    expect(a.status).toBe('approved');
    const b = await register(
      cookies.p2,
      registrationBody(`${core}科技（苏州）有限公司`, catalogue.crm.productId),
    );
    expect(b.refusal.code).toBe('PROTECTED_UNTIL');
    const bNotices = await noticesOf(b.id);
    expect(who(bNotices)).toEqual(['p2', 'p2admin']);
    expect(bNotices[0]).toMatchObject({
      kind: 'registration.rejected',
      account_id: null,
      params: { code: 'PROTECTED_UNTIL', until: a.protectedUntil, refusal: {} },
    });
    const decided = (await eventsOf(b.id)).find((e) => e.name === 'registration.decided')!;
    expect(decided.payload).toMatchObject({ verdict: 'rejected', automatic: true, code: 'PROTECTED_UNTIL' });
    // Nothing B's people got names A, A's registration, A's customer account or A's deal.
    const after = await allNoticesFor([ids.p2, ids.p2admin]);
    const fresh = after.filter((n) => !before.some((o) => o.id === n.id));
    const text = JSON.stringify(fresh);
    for (const secret of [partners.p1, a.id, a.accountId, a.name, a.decisionId, ids.p1])
      expect(text).not.toContain(secret);
    // And A's people heard nothing of B's attempt.
    expect((await noticesOf(b.id)).some((n) => [ids.p1, ids.p1admin, ids.p1other].includes(n.user_id))).toBe(
      false,
    );

    // A reviewer's rejection says the reviewer's reason.
    const c = await register(cookies.p2, big('拒绝'));
    await server.call(`/api/v1/registrations/${c.id}/reject`, {
      cookie: cookies.ops,
      json: { reason: '重复' },
    });
    const rejected = (await noticesOf(c.id)).filter((n) => n.kind === 'registration.rejected');
    expect(who(rejected)).toEqual(['p2', 'p2admin']);
    expect(rejected[0]!.params).toMatchObject({ code: 'REVIEWER_REJECTED', refusal: { reason: '重复' } });
  });

  describe('warnings before a protection ends', () => {
    const remind = (daysLater = 0) =>
      runWork(db(), systemContext('test'), (w) =>
        remindExpiring(w, 500, new Date(Date.now() + daysLater * 86_400_000)),
      );
    const today = async () => {
      const org = await db().selectFrom('organization').select('time_zone').executeTakeFirstOrThrow();
      return localDate(new Date(), org.time_zone);
    };
    const endIn = async (id: string, daysLeft: number) =>
      db()
        .updateTable('registrations')
        .set({ protected_until: addDays(await today(), daysLeft - 1) })
        .where('id', '=', id)
        .execute();
    const warnings = async (id: string) =>
      (await noticesOf(id)).filter((n) => n.kind === 'registration.expiring');

    it('warns once per threshold, idempotently, and only the partner that holds it', async () => {
      const reg = await register(cookies.p1, registrationBody(firm(name('提醒')), catalogue.crm.productId));
      const others = await allNoticesFor([ids.p2, ids.p2admin, ids.p3, ids.p3admin]);
      await remind();
      expect(await warnings(reg.id)).toHaveLength(0); // 90 days left: nothing due

      await endIn(reg.id, 14);
      await remind();
      await remind();
      let sent = await warnings(reg.id);
      expect(who(sent)).toEqual(['p1', 'p1admin']);
      expect(sent[0]!.params).toMatchObject({ daysLeft: 14, until: addDays(await today(), 13) });

      // Days pass (the sweep runs on later days): at 10 days left the 14-day warning went out already.
      await remind(4);
      expect(await warnings(reg.id)).toHaveLength(2);

      await remind(11);
      await remind(11);
      await remind(12);
      sent = await warnings(reg.id);
      expect(sent).toHaveLength(4);
      expect(sent.map((n) => (n.params as { daysLeft: number }).daysLeft)).toEqual([14, 14, 3, 3]);
      const events = (await eventsOf(reg.id)).filter((e) => e.name === 'registration.expiring');
      expect(events.map((e) => e.payload.daysLeft)).toEqual([14, 3]);
      const stored = await db()
        .selectFrom('registration_reminders')
        .select('days')
        .where('registration_id', '=', reg.id)
        .orderBy('days', 'desc')
        .execute();
      expect(stored.map((r) => r.days)).toEqual([14, 3]);

      // Another partner's people heard nothing of it.
      const after = await allNoticesFor([ids.p2, ids.p2admin, ids.p3, ids.p3admin]);
      expect(after.length).toBe(others.length);
    });

    it('sends one warning when several thresholds are already passed, and starts again after an extension', async () => {
      const reg = await register(cookies.p1, registrationBody(firm(name('延期')), catalogue.crm.productId));
      await endIn(reg.id, 2);
      await remind();
      expect(await warnings(reg.id)).toHaveLength(2); // one each to p1 and p1admin, not one per threshold
      await server.call(`/api/v1/registrations/${reg.id}/extension`, {
        cookie: cookies.p1,
        json: { days: 10, reason: '客户流程' },
      });
      const granted = await server.call(`/api/v1/registrations/${reg.id}/extension/decide`, {
        cookie: cookies.ops,
        json: { approve: true, reason: '同意' },
      });
      expect(granted.body.daysLeft).toBe(12);
      const extended = (await noticesOf(reg.id)).filter((n) => n.kind === 'registration.extension_decided');
      expect(who(extended)).toEqual(['p1', 'p1admin']);
      expect(extended[0]!.params).toMatchObject({ approved: true, days: 10 });
      // 12 days left of the new end: below 14, so the 14-day warning for the new end goes out.
      await remind();
      const sent = await warnings(reg.id);
      expect(sent.map((n) => (n.params as { daysLeft: number }).daysLeft)).toEqual([2, 2, 12, 12]);
    });

    it('an expiry tells the partner and emits registration.expired', async () => {
      const reg = await register(cookies.p2, registrationBody(firm(name('过期')), catalogue.crm.productId));
      await db()
        .updateTable('registrations')
        .set({ protected_until: '2020-01-01' })
        .where('id', '=', reg.id)
        .execute();
      const { expireDue } = await import('./review.service.js');
      await runWork(db(), systemContext('test'), (w) => expireDue(w));
      const notices = (await noticesOf(reg.id)).filter((n) => n.kind === 'registration.expired');
      expect(who(notices)).toEqual(['p2', 'p2admin']);
      expect(notices[0]!.account_id).toBeNull();
      const expired = (await eventsOf(reg.id)).find((e) => e.name === 'registration.expired');
      expect(expired?.payload).toMatchObject({ partnerId: partners.p2, accountId: reg.accountId });
    });
  });
});
