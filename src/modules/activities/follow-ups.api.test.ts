import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('follow-ups: the customer’s activity log', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'owner' | 'manager' | 'stranger' | 'finance', string>;
  let customer: Awaited<ReturnType<typeof makeAccount>>;
  let ownerId: string;
  let managerId: string;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    const owner = await makeUser(db(), { role: 'rep', teamId: team.id });
    const manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    const stranger = await makeUser(db(), { role: 'rep', teamId: (await makeTeam(db())).id });
    const finance = await makeUser(db(), { role: 'finance' });
    ownerId = owner.id;
    managerId = manager.id;
    customer = await makeAccount(db(), { owner });
    for (const [key, user] of Object.entries({ owner, manager, stranger, finance }))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
  });
  afterAll(() => server.close());

  const log = (cookie: string, json: unknown, accountId = customer.id) =>
    server.call(`/api/v1/accounts/${accountId}/follow-ups`, { cookie, json });
  const list = (cookie: string) => server.call(`/api/v1/accounts/${customer.id}/follow-ups`, { cookie });
  const rows = () =>
    db().selectFrom('follow_ups').selectAll().where('account_id', '=', customer.id).execute();
  // The customer was entered moments ago: nothing can have happened with it before.
  const justNow = () => new Date().toISOString();

  it('logs the owner’s visit with its check-in place and next step, audited and announced', async () => {
    const reply = await log(cookies.owner, {
      kind: 'visit',
      at: justNow(),
      note: '拜访采购部，确认二期需求',
      nextStep: { text: '发送报价', at: '2027-01-15' },
      location: { lat: 31.2304, lng: 121.4737, label: '上海市黄浦区' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      kind: 'visit',
      byOwner: true,
      mine: true,
      nextStep: { text: '发送报价', at: '2027-01-15' },
      location: { lat: 31.2304, lng: 121.4737, label: '上海市黄浦区' },
      author: { id: ownerId },
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', reply.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['follow_up.logged']);
    const events = await db()
      .selectFrom('events')
      .select(['name', 'payload'])
      .where('name', 'in', ['follow_up.logged', 'follow_up.overlap'])
      .execute();
    expect(events.filter((e) => (e.payload as any).followUpId === reply.body.id)).toEqual([
      {
        name: 'follow_up.logged',
        payload: { followUpId: reply.body.id, accountId: customer.id, userId: ownerId, byOwner: true },
      },
    ]);
  });

  it('counts a follow-up by someone other than the owner as overlap, and shows it to the owner', async () => {
    const reply = await log(cookies.manager, { kind: 'call', at: justNow(), note: '经理电话回访' });
    expect(reply.status).toBe(201);
    expect(reply.body.byOwner).toBe(false);
    const overlap = await db()
      .selectFrom('events')
      .select('payload')
      .where('name', '=', 'follow_up.overlap')
      .execute();
    expect(overlap.map((e) => e.payload)).toContainEqual({
      followUpId: reply.body.id,
      accountId: customer.id,
      userId: managerId,
      ownerId,
    });
    const seen = await list(cookies.owner);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ total: 2, byOthers: 1 });
    // Latest first; the rep may not see its manager's user record, so the author is not named to it.
    expect(seen.body.items.map((f: any) => [f.kind, f.byOwner, f.author?.id ?? null])).toEqual([
      ['call', false, null],
      ['visit', true, ownerId],
    ]);
    expect((await list(cookies.manager)).body.items[0].author.id).toBe(managerId);
  });

  it('refuses a follow-up in the future, naming `at`, and writes nothing', async () => {
    const before = await rows();
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    const reply = await log(cookies.owner, { kind: 'call', at: future, note: '明天再打' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'at', problem: 'in_future' }] },
    });
    // A phone's clock a minute or two ahead is not the future.
    const skewed = await log(cookies.owner, {
      kind: 'message',
      at: new Date(Date.now() + 2 * 60_000).toISOString(),
      note: '微信沟通',
    });
    expect(skewed.status).toBe(201);
    expect(await rows()).toHaveLength(before.length + 1);
  });

  it('refuses a follow-up before the customer was entered, a location on a call, and every problem at once', async () => {
    const before = await rows();
    const early = await log(cookies.owner, {
      kind: 'meeting',
      at: '2001-01-01T09:00:00+08:00',
      note: '旧会议',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'at', problem: 'before_account_created' }),
    ]);
    const many = await log(cookies.owner, {
      kind: 'call',
      at: 'yesterday',
      note: '',
      location: { lat: 91, lng: 0 },
    });
    expect(many.status).toBe(400);
    const fields = many.body.error.details.fields.map((f: any) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['at', 'location.lat', 'note']));
    expect(await rows()).toEqual(before);
  });

  it('answers callers who may not see the customer as if it did not exist, and finance may not log', async () => {
    const hidden = await log(cookies.stranger, { kind: 'call', at: justNow(), note: '试探' });
    const missing = await log(
      cookies.stranger,
      { kind: 'call', at: justNow(), note: '试探' },
      crypto.randomUUID(),
    );
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await list(cookies.stranger)).status).toBe(404);
    const finance = await log(cookies.finance, { kind: 'call', at: justNow(), note: '财务' });
    expect(finance.status).toBe(403);
    expect((await list(cookies.finance)).body.total).toBeGreaterThanOrEqual(3);
  });
});
