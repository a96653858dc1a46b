import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('duplicate checks that hit someone else’s customer', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  let owner: TestUser;
  let outsider: TestUser;
  const cookie = {} as Record<'owner' | 'outsider' | 'manager', string>;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const team = await makeTeam(db());
    owner = await makeUser(db(), { role: 'rep', teamId: team.id });
    const manager = await makeUser(db(), { role: 'manager', teamId: team.id });
    await db().updateTable('teams').set({ manager_id: manager.id }).where('id', '=', team.id).execute();
    outsider = await makeUser(db(), { role: 'rep', teamId: (await makeTeam(db())).id });
    cookie.owner = await server.login(owner.login);
    cookie.outsider = await server.login(outsider.login);
    cookie.manager = await server.login(manager.login);
  });
  afterAll(() => server.close());

  const touches = (accountId: string) =>
    db().selectFrom('overlap_touches').selectAll().where('account_id', '=', accountId).execute();
  const audited = (accountId: string) =>
    db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', accountId)
      .where('action', '=', 'overlap.duplicate_check')
      .execute();

  it('records a check by someone else as overlap, once a day, telling the checker nothing more', async () => {
    const customer = await makeAccount(db(), { owner });
    const check = () =>
      server.call('/api/v1/accounts/check', {
        cookie: cookie.outsider,
        json: { legalName: customer.legalName },
      });
    const first = await check();
    expect(first.status).toBe(200);
    expect(first.body.verdict).toBe('same');
    expect(first.body.matches[0]).toMatchObject({ visible: false, owned: true });
    const answer = JSON.stringify(first.body);
    expect(answer).not.toContain(customer.id);
    expect(answer).not.toContain(customer.legalName);
    expect(answer).not.toMatch(/overlap|touch/i);
    expect(await touches(customer.id)).toEqual([
      expect.objectContaining({ kind: 'duplicate_check', user_id: outsider.id, holder_id: owner.id }),
    ]);
    await check();
    expect(await touches(customer.id)).toHaveLength(1);
    expect(await audited(customer.id)).toEqual([
      { action: 'overlap.duplicate_check', actor_id: outsider.id },
    ]);
  });

  it('does not count the owner checking its own customer', async () => {
    const customer = await makeAccount(db(), { owner });
    const mine = await server.call('/api/v1/accounts/check', {
      cookie: cookie.owner,
      json: { legalName: customer.legalName },
    });
    expect(mine.body.verdict).toBe('same');
    expect(await touches(customer.id)).toEqual([]);
  });

  it('records a create refused as a duplicate, though the create itself rolled back', async () => {
    const customer = await makeAccount(db(), { owner });
    const refused = await server.call('/api/v1/accounts', {
      cookie: cookie.outsider,
      json: { legalName: customer.legalName },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DUPLICATE_ACCOUNT');
    expect(JSON.stringify(refused.body)).not.toContain(customer.id);
    expect(await touches(customer.id)).toEqual([expect.objectContaining({ user_id: outsider.id })]);
  });

  it('counts it in the overlap report and rate of those who see the customer, and only theirs', async () => {
    const customer = await makeAccount(db(), { owner });
    await server.call('/api/v1/accounts/check', {
      cookie: cookie.outsider,
      json: { legalName: customer.legalName },
    });
    const report = await server.call('/api/v1/reports/overlap', { cookie: cookie.manager });
    expect(report.status).toBe(200);
    const row = report.body.accounts.find((a: { id: string }) => a.id === customer.id);
    expect(row).toMatchObject({ reasons: ['duplicate_check'], events: 1 });
    expect(report.body.byReason.duplicate_check).toBeGreaterThanOrEqual(3);
    expect(report.body.overlapping).toBeGreaterThanOrEqual(3);
    expect(report.body.rate).toBeGreaterThan(0);
    expect(report.body.weeks.at(-1).overlapping).toBeGreaterThanOrEqual(1);
    const theirs = await server.call('/api/v1/reports/overlap', { cookie: cookie.outsider });
    expect(theirs.body.accounts.map((a: { id: string }) => a.id)).not.toContain(customer.id);
    expect(theirs.body.byReason.duplicate_check).toBe(0);
  });
});
