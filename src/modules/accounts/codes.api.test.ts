import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backfill } from '../../db/migrations/0008_codes.js';
import { makeAccount, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('accounts: regions and industries as standard codes', (t) => {
  let server: TestServer;
  let rep: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    rep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
  });
  afterAll(() => server.close());

  const create = (json: Record<string, unknown>) => server.call('/api/v1/accounts', { cookie: rep, json });
  const tag = `t${Date.now()}`;

  it('serves the standards to every signed-in user', async () => {
    const regions = await server.call('/api/v1/regions', { cookie: rep });
    expect(regions.status).toBe(200);
    const guangdong = regions.body.items.find((p: { code: string }) => p.code === '440000');
    expect(guangdong.name).toBe('广东省');
    expect(guangdong.children.find((c: { code: string }) => c.code === '440300').name).toBe('深圳市');
    const industries = await server.call('/api/v1/industries', { cookie: rep });
    expect(industries.body.items).toHaveLength(20);
    expect(industries.body.items.find((s: { code: string }) => s.code === 'I').divisions).toContainEqual({
      code: '65',
      zh: '软件和信息技术服务业',
      en: expect.any(String),
    });
    expect((await server.call('/api/v1/regions')).status).toBe(401);
  });

  it('stores a chosen code with its names, and reads codes from the address and the name otherwise', async () => {
    const chosen = await create({
      legalName: '深圳市蓝鲸云计算有限公司',
      regionCode: '440305',
      industryCode: '65',
      tags: [tag],
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body).toMatchObject({
      regionCode: '440305',
      regionSource: 'given',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      industryCode: '65',
      industrySource: 'given',
    });
    const read = await create({
      legalName: '杭州青禾餐饮管理有限公司',
      street: '杭州市西湖区文三路 90 号',
      tags: [tag],
    });
    expect(read.body).toMatchObject({
      regionCode: '330106',
      regionSource: 'address',
      industryCode: '62',
      industrySource: 'name',
    });

    const list = async (query: string) =>
      (await server.call(`/api/v1/accounts?tag=${tag}&${query}`, { cookie: rep })).body.items.map(
        (a: { legalName: string }) => a.legalName,
      );
    expect(await list('regionCode=440000')).toEqual(['深圳市蓝鲸云计算有限公司']);
    expect(await list('regionCode=330100')).toEqual(['杭州青禾餐饮管理有限公司']);
    expect(await list('industryCode=I')).toEqual(['深圳市蓝鲸云计算有限公司']);
    expect(await list('industryCode=H')).toEqual(['杭州青禾餐饮管理有限公司']);
    expect(await list('industryCode=62')).toEqual(['杭州青禾餐饮管理有限公司']);

    const moved = await server.call(`/api/v1/accounts/${chosen.body.id}`, {
      method: 'PATCH',
      cookie: rep,
      json: { regionCode: '310115' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ regionCode: '310115', province: '上海市', district: '浦东新区' });
  });

  it('names a code that is not in the standards, and writes nothing', async () => {
    const bad = await create({ legalName: '无效代码测试有限公司', regionCode: '999999', industryCode: '00' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((p: { field: string }) => p.field).sort()).toEqual([
      'industryCode',
      'regionCode',
    ]);
    const malformed = await create({ legalName: '无效代码测试有限公司', regionCode: 'Beijing' });
    expect(malformed.status).toBe(400);
    const found = await server.call(`/api/v1/accounts?q=${encodeURIComponent('无效代码测试')}`, {
      cookie: rep,
    });
    expect(found.body.total).toBe(0);
    expect((await server.call('/api/v1/accounts?regionCode=12', { cookie: rep })).status).toBe(400);
  });

  it('gives customers from before the codes the codes their values say', async () => {
    const old = await makeAccount(t.database.db, { legalName: '成都市锦程物流有限公司' });
    await sql`update accounts set region_code = null, region_source = null, industry_code = null, industry_source = null where id = ${old.id}::uuid`.execute(
      t.database.db,
    );
    await backfill(t.database.db as never);
    const { rows } = await sql<{ region_code: string; industry_code: string | null }>`
      select region_code, industry_code from accounts where id = ${old.id}::uuid
    `.execute(t.database.db);
    expect(rows[0]).toEqual({ region_code: '510100', industry_code: '58' });
  });
});
