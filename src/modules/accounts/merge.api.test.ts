import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { usccCheckChar } from '../matching/uscc.js';

describeEachEngine('accounts: merge and un-merge', (t) => {
  let server: TestServer;
  let ops: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
  });
  afterAll(() => server.close());

  const create = async (json: Record<string, unknown>) => {
    const r = await server.call('/api/v1/accounts', {
      cookie: ops,
      json: { ...json, confirm: { reason: 'test' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  it('folds a duplicate into a survivor, keeps every value, moves contacts, and takes it all back', async () => {
    const uscc = '91440300MA5FXXXX1' + usccCheckChar('91440300MA5FXXXX1')!;
    const survivor = await create({
      legalName: '深圳云帆网络科技有限公司',
      phones: ['0755-8888 8888'],
      website: 'yunfan.com',
    });
    const dup = await create({
      legalName: '云帆网络',
      uscc,
      website: 'yunfan.cn',
      phones: ['13800138000'],
      contacts: [{ name: '刘洋', mobile: '13900139000' }],
    });
    const child = await create({
      legalName: '深圳云帆网络科技有限公司南山分公司',
      parentId: dup.id,
      isBranch: true,
    });

    const merged = await server.call(`/api/v1/accounts/${survivor.id}/merge`, {
      cookie: ops,
      json: { mergedId: dup.id, reason: '同一家公司' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.survivor).toMatchObject({ uscc, usccValid: true, website: 'yunfan.com' });
    expect(merged.body.survivor.aliases).toContain('云帆网络');
    expect(merged.body.survivor.phones).toEqual(['+8675588888888', '+8613800138000']);
    expect(merged.body.delta.conflicts).toEqual([
      { field: 'website', kept: 'yunfan.com', dropped: 'yunfan.cn' },
    ]);
    const detail = await server.call(`/api/v1/accounts/${survivor.id}`, { cookie: ops });
    expect(detail.body.contacts.map((c: { name: string }) => c.name)).toEqual(['刘洋']);
    expect((await server.call(`/api/v1/accounts/${child.id}`, { cookie: ops })).body.parentId).toBe(
      survivor.id,
    );
    const gone = await server.call(`/api/v1/accounts/${dup.id}`, { cookie: ops });
    expect(gone.body).toMatchObject({ status: 'merged', mergedInto: survivor.id });
    // The merged account no longer answers duplicate checks; the survivor does, by the USCC it gained.
    const check = await server.call('/api/v1/accounts/check', {
      cookie: ops,
      json: { legalName: 'Yunfan', uscc },
    });
    const ids = check.body.matches.map((m: { accountId: string }) => m.accountId);
    expect(check.body.matches[0]).toMatchObject({ accountId: survivor.id, verdict: 'same' });
    expect(ids).not.toContain(dup.id);

    const unmerged = await server.call(`/api/v1/accounts/merges/${merged.body.mergeId}/unmerge`, {
      cookie: ops,
      json: { reason: '其实是两家' },
    });
    expect(unmerged.status).toBe(200);
    expect(unmerged.body.survivor).toMatchObject({ uscc: null, aliases: [], phones: ['+8675588888888'] });
    expect(unmerged.body.restored).toMatchObject({ status: 'active', uscc, mergedInto: null });
    const restored = await server.call(`/api/v1/accounts/${dup.id}`, { cookie: ops });
    expect(restored.body.contacts.map((c: { name: string }) => c.name)).toEqual(['刘洋']);
    expect((await server.call(`/api/v1/accounts/${child.id}`, { cookie: ops })).body.parentId).toBe(dup.id);
    const history = await server.call(`/api/v1/accounts/${survivor.id}/merges`, { cookie: ops });
    expect(history.body.items[0]).toMatchObject({ reason: '同一家公司', mergedId: dup.id });
    expect(history.body.items[0].unmergedAt).not.toBeNull();
    const again = await server.call(`/api/v1/accounts/merges/${merged.body.mergeId}/unmerge`, {
      cookie: ops,
      json: { reason: 'twice' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'MERGE_NOT_REVERSIBLE',
      details: { reason: 'already_unmerged' },
    });
  });

  it('refuses self-merges, merged accounts and reps without the permission', async () => {
    const a = await create({ legalName: '武汉长江贸易有限公司' });
    const self = await server.call(`/api/v1/accounts/${a.id}/merge`, {
      cookie: ops,
      json: { mergedId: a.id, reason: 'x' },
    });
    expect(self.status).toBe(422);
    const rep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
    const denied = await server.call(`/api/v1/accounts/${a.id}/merge`, {
      cookie: rep,
      json: { mergedId: a.id, reason: 'x' },
    });
    expect(denied.status).toBe(403);
  });
});
