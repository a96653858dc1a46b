import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('accounts: contacts and archiving', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  it('adds, changes and archives contacts; their mobiles count as evidence while they live', async () => {
    const account = (
      await server.call('/api/v1/accounts', { cookie: admin, json: { legalName: '厦门鹭岛软件有限公司' } })
    ).body;
    const added = await server.call(`/api/v1/accounts/${account.id}/contacts`, {
      cookie: admin,
      json: { name: '陈静', mobile: '137 0000 1111', title: '采购经理' },
    });
    expect(added.status).toBe(201);
    expect(added.body.mobile).toBe('+8613700001111');
    const check = () =>
      server.call('/api/v1/accounts/check', {
        cookie: admin,
        json: { legalName: '鹭岛云', phones: ['13700001111'] },
      });
    const found = (await check()).body;
    expect(found.verdict).not.toBe('none');
    expect(found.matches[0].reasons).toContainEqual(
      expect.objectContaining({ code: 'phone.shared', params: { value: '+8613700001111', holders: 2 } }),
    );

    const changed = await server.call(`/api/v1/accounts/${account.id}/contacts/${added.body.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { title: '总经理' },
    });
    expect(changed.body).toMatchObject({ title: '总经理', mobile: '+8613700001111' });
    const bad = await server.call(`/api/v1/accounts/${account.id}/contacts/${added.body.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { mobile: 'not a phone' },
    });
    expect(bad.body.error.details.fields[0]).toMatchObject({ field: 'mobile', problem: 'invalid_phone' });

    const archived = await server.call(`/api/v1/accounts/${account.id}/contacts/${added.body.id}`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(archived.status).toBe(204);
    expect((await server.call(`/api/v1/accounts/${account.id}`, { cookie: admin })).body.contacts).toEqual(
      [],
    );
    expect((await check()).body.verdict).toBe('none');
  });

  it('archives an account out of duplicate checks and restores it', async () => {
    const account = (
      await server.call('/api/v1/accounts', { cookie: admin, json: { legalName: '青岛海风啤酒有限公司' } })
    ).body;
    const archived = await server.call(`/api/v1/accounts/${account.id}/archive`, {
      cookie: admin,
      json: { reason: '客户注销' },
    });
    expect(archived.body.status).toBe('archived');
    const check = () =>
      server.call('/api/v1/accounts/check', { cookie: admin, json: { legalName: '青岛海风啤酒有限公司' } });
    expect((await check()).body.verdict).toBe('none');
    const again = await server.call(`/api/v1/accounts/${account.id}/archive`, {
      cookie: admin,
      json: { reason: 'x' },
    });
    expect(again.status).toBe(409);
    const restored = await server.call(`/api/v1/accounts/${account.id}/restore`, {
      cookie: admin,
      json: { reason: '误操作' },
    });
    expect(restored.body.status).toBe('active');
    expect((await check()).body.verdict).toBe('same');
  });

  it('refuses to restore an account whose twin was created meanwhile', async () => {
    const first = (
      await server.call('/api/v1/accounts', { cookie: admin, json: { legalName: '大连星海渔业有限公司' } })
    ).body;
    await server.call(`/api/v1/accounts/${first.id}/archive`, { cookie: admin, json: { reason: '重复' } });
    const twin = await server.call('/api/v1/accounts', {
      cookie: admin,
      json: { legalName: '大连星海渔业有限公司' },
    });
    expect(twin.status).toBe(201);
    const restored = await server.call(`/api/v1/accounts/${first.id}/restore`, {
      cookie: admin,
      json: { reason: 'x' },
    });
    expect(restored.status).toBe(409);
    expect(restored.body.error.code).toBe('DUPLICATE_ACCOUNT');
    expect(restored.body.error.details.matches[0]).toMatchObject({
      accountId: twin.body.id,
      verdict: 'same',
    });
  });
});
