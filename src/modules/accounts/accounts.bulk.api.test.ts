import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { BULK_LIMIT } from './accounts.bulk.schema.js';

describeEachEngine('accounts: bulk archive', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  const archive = (cookie: string, json: unknown) =>
    server.call('/api/v1/accounts/archive', { cookie, json });
  const statusOf = async (id: string) =>
    (await server.call(`/api/v1/accounts/${id}`, { cookie: admin })).body.status as string;
  const auditOf = async (id: string) =>
    (await server.call(`/api/v1/audit?entityType=account&entityId=${id}`, { cookie: admin })).body.items as {
      action: string;
      reason: string | null;
    }[];

  it('archives what the caller may archive, each audited, and tells why the others were left', async () => {
    const db = t.database.db;
    const repUser = await makeUser(db, { role: 'rep' });
    const rep = await server.login(repUser.login);
    const [a1, a2, gone, merged, survivor] = await Promise.all(
      Array.from({ length: 5 }, () => makeAccount(db, { owner: repUser })),
    );
    const others = await makeAccount(db);
    expect(
      (await server.call(`/api/v1/accounts/${gone!.id}/archive`, { cookie: rep, json: { reason: '旧' } }))
        .status,
    ).toBe(200);
    const merge = await server.call(`/api/v1/accounts/${survivor!.id}/merge`, {
      cookie: admin,
      json: { mergedId: merged!.id, reason: '同一家' },
    });
    expect(merge.status).toBe(200);
    const missing = randomUUID();

    const reply = await archive(rep, {
      ids: [a1!.id, gone!.id, merged!.id, others.id, missing, a2!.id, a1!.id],
      reason: '客户已注销',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.archived).toEqual([a1!.id, a2!.id]);
    expect(reply.body.refused).toEqual([
      { id: gone!.id, code: 'already_archived' },
      { id: merged!.id, code: 'not_allowed', params: { status: 'merged' } },
      { id: others.id, code: 'not_visible' },
      { id: missing, code: 'not_visible' },
    ]);
    for (const id of [a1!.id, a2!.id]) {
      expect(await statusOf(id)).toBe('archived');
      expect((await auditOf(id))[0]).toMatchObject({ action: 'account.archived', reason: '客户已注销' });
    }
    expect(await statusOf(others.id)).toBe('active');
    expect(await statusOf(merged!.id)).toBe('merged');
    expect((await auditOf(others.id)).map((e) => e.action)).toEqual(['account.created']);

    // Archived customers leave the list and the duplicate check.
    const check = await server.call('/api/v1/accounts/check', {
      cookie: rep,
      json: { legalName: a1!.legalName },
    });
    expect(check.body.verdict).toBe('none');
  });

  it('refuses a bad body before writing anything', async () => {
    const db = t.database.db;
    const account = await makeAccount(db);
    const before = await auditOf(account.id);
    const bad: [unknown, string][] = [
      [{ ids: [account.id] }, 'reason'],
      [{ ids: [account.id], reason: '  ' }, 'reason'],
      [{ ids: [], reason: 'x' }, 'ids'],
      [{ ids: [account.id, 'not-an-id'], reason: 'x' }, 'ids.1'],
      [{ ids: Array.from({ length: BULK_LIMIT + 1 }, () => account.id), reason: 'x' }, 'ids'],
      [{ ids: [account.id], reason: 'x', force: true }, ''],
    ];
    for (const [json, field] of bad) {
      const reply = await archive(admin, json);
      expect(reply.status, JSON.stringify(json).slice(0, 80)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      if (field)
        expect(reply.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await statusOf(account.id)).toBe('active');
    expect(await auditOf(account.id)).toEqual(before);
  });

  it('needs accounts:write', async () => {
    const finance = await server.login((await makeUser(t.database.db, { role: 'finance' })).login);
    const account = await makeAccount(t.database.db);
    const reply = await archive(finance, { ids: [account.id], reason: 'x' });
    expect(reply.status).toBe(403);
    expect(await statusOf(account.id)).toBe('active');
  });
});
