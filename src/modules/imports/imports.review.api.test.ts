import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

interface Cluster {
  clusterId: string;
  verdict: string;
  decision: string;
  outcome: string | null;
  existing: unknown[];
  records: { line: number; name: string; problems?: string[]; owner?: string; ownerId?: string | null }[];
}

describeEachEngine('reviewing a large import', (t) => {
  let server: TestServer;
  let ops: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
  });
  afterAll(() => server.close());

  const upload = async (body: string | Buffer, filename: string, type = 'text/csv') => {
    const created = await server.call(`/api/v1/imports?filename=${encodeURIComponent(filename)}`, {
      cookie: ops,
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': type },
    });
    expect(created.status).toBe(202);
    await runDueJobs(t.database);
    return created.body.id as string;
  };
  const clusters = async (id: string, query = '') =>
    (await server.call(`/api/v1/imports/${id}/clusters?limit=100${query}`, { cookie: ops })).body as {
      items: Cluster[];
      total: number;
    };
  const download = async (path: string) => {
    const response = await fetch(server.url + path, { headers: { cookie: ops } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };

  const LIST = [
    '名称,电话,邮箱',
    '兰州单行贸易有限公司,,',
    '西宁重复科技有限公司,139 7100 1234,',
    '西宁重复科技有限公司,139 7100 1234,',
    '银川坏邮箱物流有限公司,,not-an-email',
    '拉萨老客户酒业有限公司,,',
  ].join('\n');

  it('lists the riskiest clusters first and filters by kind, problems and name', async () => {
    const here = await server.call('/api/v1/accounts', {
      cookie: ops,
      json: { legalName: '拉萨老客户酒业有限公司' },
    });
    expect(here.status).toBe(201);
    const id = await upload(LIST, 'risk.csv');
    const all = await clusters(id);
    // Look-alike of a customer here first, then the duplicate pair, single rows last in file order.
    expect(all.items.map((c) => c.records[0]!.name)).toEqual([
      '拉萨老客户酒业有限公司',
      '西宁重复科技有限公司',
      '兰州单行贸易有限公司',
      '银川坏邮箱物流有限公司',
    ]);
    expect((await clusters(id, '&sort=file')).items[0]!.records[0]!.name).toBe('兰州单行贸易有限公司');
    const withProblems = await clusters(id, '&problems=true');
    expect(withProblems.items.map((c) => c.records[0]!.name)).toEqual(['银川坏邮箱物流有限公司']);
    expect(withProblems.items[0]!.records[0]!.problems).toEqual(['BAD_EMAIL']);
    expect((await clusters(id, '&verdict=same')).total).toBe(1);
    expect((await clusters(id, '&existing=true')).total).toBe(1);
    expect((await clusters(id, `&q=${encodeURIComponent('单行')}`)).items[0]!.records[0]!.name).toBe(
      '兰州单行贸易有限公司',
    );
    expect((await clusters(id, '&q=%25')).total).toBe(0); // a % is text, not a wildcard
    expect((await server.call(`/api/v1/imports/${id}/clusters?problems=maybe`, { cookie: ops })).status).toBe(
      400,
    );
  });

  it('decides many clusters in one request, names a bad id and then writes nothing, and accepts all suggested', async () => {
    const id = await upload(LIST.replace(/拉萨/g, '日喀则'), 'bulk.csv');
    const ids = (await clusters(id)).items.map((c) => c.clusterId);
    const decide = (json: unknown) =>
      server.call(`/api/v1/imports/${id}/clusters/decide`, { cookie: ops, json });
    const bad = await decide({ decision: 'skip', clusterIds: [ids[0], 'no-such-cluster'] });
    expect(bad.status).toBe(404);
    expect(bad.body.error.details).toMatchObject({ id: 'no-such-cluster', field: 'clusterIds.1' });
    expect((await clusters(id)).items.every((c) => c.decision === 'accept')).toBe(true);

    const skipped = await decide({ decision: 'skip', clusterIds: ids.slice(0, 3) });
    expect(skipped.status).toBe(200);
    expect(skipped.body.decided).toBe(3);
    expect((await clusters(id)).items.filter((c) => c.decision === 'skip')).toHaveLength(3);
    const audit = await server.call(`/api/v1/audit?entityType=import&entityId=${id}&limit=100`, {
      cookie: await server.login('admin'),
    });
    const decided = audit.body.items.filter((a: { action: string }) => a.action === 'import.cluster_decided');
    expect(decided).toHaveLength(3);

    // "Accept all suggested" for what a filter shows: here the duplicate pair only.
    const suggested = await decide({ acceptSuggested: true, verdict: 'same' });
    expect(suggested.body.decided).toBe(1);
    const after = (await clusters(id)).items;
    expect(after.find((c) => c.verdict === 'same')!.decision).toBe('accept');
    expect(after.filter((c) => c.decision === 'skip')).toHaveLength(2);
    expect((await decide({ acceptSuggested: true })).body.decided).toBe(4);
    expect((await clusters(id)).items.every((c) => c.decision === 'accept')).toBe(true);
    expect((await decide({ decision: 'skip', clusterIds: [] })).status).toBe(400);
  });

  it('settles many waiting clusters at once, or none when one of them is refused', async () => {
    const pairs = [
      ['福州三坊七巷茶庄有限公司', '福州三坊七巷茶业有限公司'],
      ['漳州南靖土楼客栈有限公司', '漳州南靖土楼客舍有限公司'],
    ];
    const here: string[] = [];
    for (const [name] of pairs) {
      here.push((await server.call('/api/v1/accounts', { cookie: ops, json: { legalName: name } })).body.id);
    }
    const id = await upload(['名称', ...pairs.map(([, row]) => row)].join('\n'), 'settle.csv');
    await server.call(`/api/v1/imports/${id}/start`, { method: 'POST', cookie: ops });
    await runDueJobs(t.database);
    const waiting = (await clusters(id, '&outcome=needs_review')).items;
    expect(waiting).toHaveLength(2);
    const resolve = (items: unknown[]) =>
      server.call(`/api/v1/imports/${id}/clusters/resolve`, { cookie: ops, json: { items } });
    const refused = await resolve([
      { clusterId: waiting[0]!.clusterId, action: 'skip' },
      { clusterId: waiting[1]!.clusterId, action: 'merge', accountId: crypto.randomUUID() },
    ]);
    expect(refused.status).toBe(404);
    expect(refused.body.error.details).toMatchObject({ clusterId: waiting[1]!.clusterId, field: 'items.1' });
    expect((await clusters(id, '&outcome=needs_review')).total).toBe(2); // the skip was not kept
    expect((await resolve([{ clusterId: 'nope', action: 'skip' }])).body.error.details).toMatchObject({
      id: 'nope',
      field: 'items.0.clusterId',
    });
    const twice = await resolve([
      { clusterId: waiting[0]!.clusterId, action: 'skip' },
      { clusterId: waiting[0]!.clusterId, action: 'skip' },
    ]);
    expect(twice.status).toBe(400);

    const settled = await resolve([
      { clusterId: waiting[0]!.clusterId, action: 'merge', accountId: here[0] },
      { clusterId: waiting[1]!.clusterId, action: 'create', reason: '另一家' },
    ]);
    expect(settled.status).toBe(200);
    expect(settled.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['merged', 'created']);
    for (const item of settled.body.items) {
      const why = await server.call(`/api/v1/decisions/${item.decisionId}`, { cookie: ops });
      expect(why.status).toBe(200);
    }
    expect((await clusters(id, '&outcome=needs_review')).total).toBe(0);
  });

  it('offers a template in CSV and XLSX that the importer reads back, notes and all', async () => {
    const csv = await download('/api/v1/imports/template.csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.disposition).toMatch(/customers-template\.csv/);
    const text = csv.body.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeff编号,客户名称,电话,邮箱,网址,统一社会信用代码,地址,负责人');
    expect(text).toContain('# 客户名称 (name)');
    // Filled in below its notes, the template imports exactly the rows typed, and no sample company.
    const id = await upload(`${text}T1,呼和浩特模板乳业有限公司,,,,,,\r\n`, 'template.csv');
    const job = (await server.call(`/api/v1/imports/${id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    expect(job.summary).toMatchObject({ rows: 1, usableRows: 1, problems: 0 });

    const xlsx = await download('/api/v1/imports/template.xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['客户 customers', '说明 notes']);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toContain('负责人');
    const notes = workbook.worksheets[1]!;
    expect(notes.rowCount).toBe(9);
    expect(notes.getRow(3).getCell(2).text).toBe('name');
  });

  it('imports an old Excel .xls list', async () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        ['客户名称', '电话'],
        ['包头稀土老表格有限公司', 4725551234],
        ['包头钢铁老表格有限公司', null],
      ]),
      'Sheet1',
    );
    const file = XLSX.write(workbook, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const id = await upload(file, 'old.xls', 'application/vnd.ms-excel');
    const job = (await server.call(`/api/v1/imports/${id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    expect(job.summary).toMatchObject({ rows: 2, usableRows: 2 });
  });

  it('gives each customer the owner its row names where the importer may assign, and reports the rest by row', async () => {
    const rep = await makeUser(t.database.db, { role: 'rep' });
    const gone = await makeUser(t.database.db, { role: 'rep', status: 'inactive' });
    const csv = [
      '名称,负责人',
      `鄂尔多斯甲负责人煤业有限公司,${rep.login}`,
      '鄂尔多斯乙负责人煤业有限公司,nobody-here',
      `鄂尔多斯丙负责人煤业有限公司,${gone.login}`,
      '鄂尔多斯丁负责人煤业有限公司,',
    ].join('\n');
    const id = await upload(csv, 'owners.csv');
    const job = (await server.call(`/api/v1/imports/${id}`, { cookie: ops })).body;
    expect(job.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 3,
          code: 'OWNER_UNKNOWN',
          column: 'owner',
          params: { login: 'nobody-here' },
        }),
        expect.objectContaining({ line: 4, code: 'OWNER_INACTIVE', column: 'owner' }),
      ]),
    );
    expect(job.summary.problems).toBe(2);
    await server.call(`/api/v1/imports/${id}/start`, { method: 'POST', cookie: ops });
    await runDueJobs(t.database);
    const done = (await clusters(id, '&sort=file')).items;
    const [first, second] = await Promise.all(
      done
        .slice(0, 2)
        .map(
          async (c) =>
            (
              await server.call(
                `/api/v1/accounts/${c.records[0] && (c as unknown as { accountIds: string[] }).accountIds[0]}`,
                { cookie: ops },
              )
            ).body,
        ),
    );
    expect(first.ownerId).toBe(rep.id);
    expect(second.ownerId).not.toBe(rep.id);
    const decisions = await server.call(`/api/v1/accounts/${first.id}/decisions`, { cookie: ops });
    const admission = decisions.body.items.find((d: { kind: string }) => d.kind === 'account.admission');
    expect(admission.evidence).toContainEqual(
      expect.objectContaining({
        code: 'owner.from_file',
        params: expect.objectContaining({ login: rep.login, ownerId: rep.id }),
      }),
    );
  });
});
