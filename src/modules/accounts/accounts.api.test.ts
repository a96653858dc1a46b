import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { usccCheckChar } from '../matching/uscc.js';

const validUscc = (first17: string) => first17 + usccCheckChar(first17)!;

describeEachEngine('accounts: duplicate check at entry', (t) => {
  let server: TestServer;
  let rep: string;
  let otherRep: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    rep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
    otherRep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
  });
  afterAll(() => server.close());

  const create = (cookie: string, json: Record<string, unknown>) =>
    server.call('/api/v1/accounts', { cookie, json });
  // The customer the duplicate checks below are about: created here, by each test that needs it, once.
  let byteDance: Promise<{ status: number; body: any }> | undefined;
  const theByteDance = () =>
    (byteDance ??= create(rep, {
      legalName: '字节跳动（北京）科技有限公司',
      phones: ['010-6212 3456'],
      contacts: [{ name: '张伟', mobile: '138-1234-5678', email: 'Zhang.Wei@bytedance.com' }],
    }));

  it('creates an account with contacts, normalised phones, and an audit record', async () => {
    const created = await theByteDance();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phones: ['+861062123456'], status: 'active' });
    expect(created.body.contacts[0]).toMatchObject({
      mobile: '+8613812345678',
      email: 'zhang.wei@bytedance.com',
    });
    const admin = await server.login('admin');
    const audit = await server.call(`/api/v1/audit?entityType=account&entityId=${created.body.id}`, {
      cookie: admin,
    });
    expect(audit.body.items[0]).toMatchObject({ action: 'account.created' });
  });

  it('refuses the same company typed another way, with the reasons, to someone who can see it', async () => {
    await theByteDance();
    for (const legalName of [
      '北京字節跳動科技有限公司',
      'Beijing Zijie Tiaodong Technology Co., Ltd.',
      '字节跳动（北京）科技有限公司 ',
    ]) {
      const dup = await create(rep, { legalName });
      expect(dup.status, legalName).toBe(409);
      expect(dup.body.error.code).toBe('DUPLICATE_ACCOUNT');
      const match = dup.body.error.details.matches[0];
      expect(match).toMatchObject({
        verdict: 'same',
        visible: true,
        owned: true,
        legalName: '字节跳动（北京）科技有限公司',
      });
      expect(match.reasons).toContainEqual(
        expect.objectContaining({ code: 'name.equal', params: expect.objectContaining({ b: '字节跳动' }) }),
      );
    }
  });

  it('tells someone who cannot see the account only that it exists and is owned', async () => {
    await theByteDance();
    const dup = await create(otherRep, { legalName: '北京字节跳动科技有限公司' });
    expect(dup.status).toBe(409);
    // What it may do about it: ask for access with an opaque reference, knowing whom to contact.
    expect(dup.body.error.details.matches).toEqual([
      {
        verdict: 'same',
        visible: false,
        owned: true,
        accessRef: expect.any(String),
        owner: { displayName: expect.any(String), teamName: null },
      },
    ]);
    const check = await server.call('/api/v1/accounts/check', {
      cookie: otherRep,
      json: { legalName: '字节跳动' },
    });
    expect(JSON.stringify(check.body)).not.toMatch(/字节跳动（北京）|accountId|reasons/);
  });

  let huayuan: Promise<void> | undefined;
  const theHuayuans = () =>
    (huayuan ??= (async () => {
      expect((await create(rep, { legalName: '北京华源科技有限公司' })).status).toBe(201);
      expect((await create(rep, { legalName: '上海华源科技有限公司' })).status).toBe(201);
    })());

  it('treats one trade name in two cities as two companies', async () => {
    await theHuayuans();
  });

  it('asks for confirmation with a reason when a look-alike exists, and keeps the decision with its evidence', async () => {
    await theHuayuans();
    const look = { legalName: '北京华源信息技术有限公司' };
    const check = await server.call('/api/v1/accounts/check', { cookie: rep, json: look });
    expect(check.body.verdict).toBe('possible');
    const refused = await create(rep, look);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('POSSIBLE_DUPLICATE');
    const confirmed = await create(rep, { ...look, confirm: { reason: '集团内另一家独立法人' } });
    expect(confirmed.status).toBe(201);
    const admin = await server.login('admin');
    const audit = await server.call(`/api/v1/audit?entityId=${confirmed.body.id}&action=account.created`, {
      cookie: admin,
    });
    expect(audit.body.items[0]).toMatchObject({
      reason: '集团内另一家独立法人',
      decisionId: confirmed.body.decisionId,
    });
    const decision = await server.call(`/api/v1/decisions/${confirmed.body.decisionId}`, { cookie: rep });
    expect(decision.body).toMatchObject({
      kind: 'account.admission',
      subject: { type: 'account', id: confirmed.body.id },
      verdict: 'created_despite_possible',
      rule: { id: 'account.admission', version: 1, params: { source: 'create' } },
    });
    const codes = decision.body.evidence.map((e: { code: string }) => e.code);
    expect(codes).toEqual(['match.possible', 'admission.confirmed', 'owner.creator']);
    expect(decision.body.evidence[0].params.accountId).toEqual(expect.any(String));
    expect(decision.body.evidence[0].evidence.length).toBeGreaterThan(0);
    // The same decision, read by someone who may not see the look-alike: it exists, nothing more.
    const other = await server.call(`/api/v1/decisions/${confirmed.body.decisionId}`, { cookie: otherRep });
    expect(other.status).toBe(404);
    const listed = await server.call(`/api/v1/accounts/${confirmed.body.id}/decisions`, { cookie: rep });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([confirmed.body.decisionId]);
  });

  it('weighs a bare name by how many companies answer to it, as bulk de-duplication does', async () => {
    const check = async (legalName: string) =>
      (await server.call('/api/v1/accounts/check', { cookie: rep, json: { legalName } })).body;
    expect((await create(rep, { legalName: '北京翠微泉餐饮管理有限公司' })).status).toBe(201);
    const alone = await check('翠微泉');
    expect(alone.matches[0].reasons).toContainEqual({
      code: 'name.unique',
      params: { name: '翠微泉', industry: '餐饮管理', region: '北京' },
      points: 1.5,
    });
    // A namesake elsewhere: the bare name could be either, so no "only one" evidence for either.
    expect((await create(rep, { legalName: '上海翠微泉餐饮管理有限公司' })).status).toBe(201);
    const ambiguous = await check('翠微泉');
    expect(ambiguous.matches.length).toBeGreaterThan(0);
    for (const match of ambiguous.matches)
      expect(match.reasons.some((r: { code: string }) => r.code === 'name.unique')).toBe(false);
  });

  it('decides with the organisation’s thresholds, which an admin can change and must keep in order', async () => {
    const admin = await server.login('admin');
    const setThresholds = (json: Record<string, number>) =>
      server.call('/api/v1/organization', { method: 'PATCH', cookie: admin, json });
    expect((await create(rep, { legalName: '南京紫金山仪器设备有限公司' })).status).toBe(201);
    const check = async () =>
      (
        await server.call('/api/v1/accounts/check', {
          cookie: rep,
          json: { legalName: '南京紫金山仪器设备有限公司' },
        })
      ).body;
    expect((await check()).verdict).toBe('same');
    const stricter = await setThresholds({ matchSameThreshold: 0.999, matchPossibleThreshold: 0.5 });
    expect(stricter.status).toBe(200);
    expect(stricter.body).toMatchObject({ matchSameThreshold: 0.999, matchPossibleThreshold: 0.5 });
    expect((await check()).verdict).toBe('possible');

    const inverted = await setThresholds({ matchSameThreshold: 0.4 });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.details.fields[0]).toMatchObject({
      field: 'matchSameThreshold',
      problem: 'thresholds_order',
    });
    expect((await setThresholds({ matchSameThreshold: 1 })).status).toBe(400);
    expect((await setThresholds({ matchSameThreshold: 0.9, matchPossibleThreshold: 0.6 })).status).toBe(200);
    expect((await check()).verdict).toBe('same');
  });

  it('uses a contact’s mobile on another account as evidence', async () => {
    await create(rep, {
      legalName: '杭州青藤科技有限公司',
      contacts: [{ name: '王芳', mobile: '13912345678' }],
    });
    const check = await server.call('/api/v1/accounts/check', {
      cookie: rep,
      json: { legalName: '青藤云', phones: ['+86 139 1234 5678'] },
    });
    expect(check.body.verdict).toBe('same');
    expect(check.body.matches[0].reasons).toContainEqual(
      expect.objectContaining({ code: 'phone.shared', params: { value: '+8613912345678', holders: 2 } }),
    );
  });

  it('reports an invalid USCC and never uses it as evidence; a valid one decides', async () => {
    const good = validUscc('91110108MA01ABCD1');
    const broken = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const warned = await create(rep, { legalName: '深圳星河电子有限公司', uscc: broken });
    expect(warned.status).toBe(201);
    expect(warned.body.warnings[0]).toMatchObject({ field: 'uscc' });
    expect(warned.body.usccValid).toBe(false);
    expect((await create(rep, { legalName: '成都蓝海物流有限公司', uscc: good })).status).toBe(201);
    const same = await create(rep, { legalName: 'Blue Ocean Logistics', uscc: good.toLowerCase() });
    expect(same.status).toBe(409);
    expect(same.body.error.details.matches[0].reasons[0]).toEqual({
      code: 'uscc.equal',
      params: { uscc: good },
      points: 8,
    });
  });

  it('names bad phones and unknown fields, and writes nothing', async () => {
    const bad = await create(rep, {
      legalName: '测试公司',
      phones: ['12'],
      contacts: [{ name: 'x', mobile: 'abc' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'contacts.0.mobile',
      'phones.0',
    ]);
    const unknown = await create(rep, { legalName: '测试公司', owner: 'me' });
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'owner', problem: 'unknown_field' });
  });

  it('lets exactly one of many racing variants of a new company in', async () => {
    const variants = [
      '广州飞鱼科技有限公司',
      '廣州飛魚科技有限公司',
      '飞鱼科技（广州）有限公司',
      '广州飞鱼科技有限公司 ',
      'Guangzhou Feiyu Technology Co., Ltd.',
    ];
    const results = await Promise.all(
      [...variants, ...variants].map((legalName) => create(rep, { legalName })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });

  it('finds a customer however it is typed: other script, pinyin, part of the name, USCC, phone, domain', async () => {
    const uscc = validUscc('91440300MA5TENGD1');
    const created = await create(rep, {
      legalName: '深圳腾达数码科技有限公司',
      uscc,
      phones: ['0755-2666 8888'],
      website: 'https://www.tengda-digital.cn/',
    });
    expect(created.status).toBe(201);
    for (const q of [
      '騰達',
      'tengda',
      'Teng Da',
      '腾达数码',
      uscc,
      '+86 755 26668888',
      '075526668888',
      'tengda-digital.cn',
    ]) {
      const found = await server.call(`/api/v1/accounts?q=${encodeURIComponent(q)}`, { cookie: rep });
      expect(
        found.body.items.map((a: { id: string }) => a.id),
        q,
      ).toContain(created.body.id);
    }
    // Out of the caller's sight it is not found, whatever is typed.
    const hidden = await server.call(`/api/v1/accounts?q=${encodeURIComponent(uscc)}`, { cookie: otherRep });
    expect(hidden.body.total).toBe(0);
    const sorted = await server.call('/api/v1/accounts?sort=legalName&order=asc&limit=200', { cookie: rep });
    const names = sorted.body.items.map((a: { legalName: string }) => a.legalName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('shows a rep only their own accounts', async () => {
    const mine = await server.call('/api/v1/accounts?limit=200', { cookie: otherRep });
    expect(mine.body.total).toBe(0);
    const theirs = await server.call('/api/v1/accounts?limit=200', { cookie: rep });
    expect(theirs.body.total).toBeGreaterThan(3);
    const id = theirs.body.items[0].id;
    expect((await server.call(`/api/v1/accounts/${id}`, { cookie: otherRep })).status).toBe(404);
  });
});

describeEachEngine('accounts: references', (t) => {
  it('answers a reference to a missing account with 400, never 500', async () => {
    const server = await startTestServer(t.database);
    try {
      const admin = await server.login('admin');
      const a = await server.call('/api/v1/accounts', {
        cookie: admin,
        json: { legalName: '西安秦川机械有限公司' },
      });
      const missing = crypto.randomUUID();
      const patched = await server.call(`/api/v1/accounts/${a.body.id}`, {
        method: 'PATCH',
        cookie: admin,
        json: { parentId: missing },
      });
      expect(patched.status).toBe(400);
      expect(patched.body.error.details.fields[0]).toMatchObject({ field: 'parentId', problem: 'not_found' });
      const created = await server.call('/api/v1/accounts', {
        cookie: admin,
        json: { legalName: '西安秦川重工有限公司', parentId: missing },
      });
      expect(created.status).toBe(400);
      expect(created.body.error.details.fields[0]).toMatchObject({ field: 'parentId', problem: 'not_found' });

      // A group cannot sit under its own subsidiary; a parent the caller cannot see does not exist for it.
      const child = await server.call('/api/v1/accounts', {
        cookie: admin,
        json: { legalName: '西安秦川机械销售有限公司', parentId: a.body.id },
      });
      expect(child.status).toBe(201);
      const loop = await server.call(`/api/v1/accounts/${a.body.id}`, {
        method: 'PATCH',
        cookie: admin,
        json: { parentId: child.body.id },
      });
      expect(loop.status).toBe(400);
      expect(loop.body.error.details.fields[0]).toMatchObject({ field: 'parentId', problem: 'cycle' });
      const outsider = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
      const hidden = await server.call('/api/v1/accounts', {
        cookie: outsider,
        json: { legalName: '咸阳渭河仪表有限公司', parentId: a.body.id },
      });
      expect(hidden.status).toBe(400);
      expect(hidden.body.error.details.fields[0]).toMatchObject({ field: 'parentId', problem: 'not_found' });
    } finally {
      await server.close();
    }
  });
});
