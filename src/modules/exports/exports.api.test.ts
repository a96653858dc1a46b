import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTeam, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

describeEachEngine('exports', (t) => {
  let server: TestServer;
  let ops: string;
  let manager: string;
  let rep: string;
  let otherRep: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
    const team = await makeTeam(t.database.db);
    manager = await server.login((await makeUser(t.database.db, { role: 'manager', teamId: team.id })).login);
    rep = await server.login((await makeUser(t.database.db, { role: 'rep', teamId: team.id })).login);
    otherRep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
    for (const [cookie, legalName, phone] of [
      [rep, '=HYPERLINK("http://evil","导出")贸易有限公司', '13812345678'],
      [rep, '兰州黄河啤酒有限公司', '01062345678'],
      [otherRep, '西宁青海湖盐业有限公司', '02161234567'],
    ] as const) {
      const created = await server.call('/api/v1/accounts', {
        cookie,
        json: { legalName, phones: [phone], confirm: { reason: 'test' } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(() => server.close());

  const download = async (path: string, cookie: string) => {
    const response = await fetch(server.url + path, { headers: { cookie } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
      disposition: response.headers.get('content-disposition'),
    };
  };

  it('exports the customers in the caller’s sight as CSV: headings in the caller’s language, phones as people write them, no live formula', async () => {
    const file = await download('/api/v1/exports/accounts?format=csv&lang=zh-CN&q=%E6%9C%89%E9%99%90', ops);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/text\/csv/);
    expect(file.disposition).toMatch(/attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse<Record<string, string>>(file.body, { bom: true, columns: true });
    const names = rows.map((r) => r['客户名称']);
    expect(names).toContain('兰州黄河啤酒有限公司');
    expect(names).toContain('\'=HYPERLINK("http://evil","导出")贸易有限公司');
    expect(rows.find((r) => r['客户名称'] === '兰州黄河啤酒有限公司')!['电话']).toBe('010-6234 5678');
    // Region read from the name, as the standard's code
    expect(rows.find((r) => r['客户名称'] === '兰州黄河啤酒有限公司')!['行政区划代码']).toBe('620100');
  });

  it('exports XLSX, with only what the caller may see', async () => {
    const file = await download('/api/v1/exports/accounts?lang=en', manager);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Legal name');
    const nameColumn = header.indexOf('Legal name') + 1;
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) names.push(row.getCell(nameColumn).text);
    });
    expect(names).toContain('兰州黄河啤酒有限公司');
    expect(names).not.toContain('西宁青海湖盐业有限公司');
  });

  it('needs data:export and the list’s own permission, and audits every export', async () => {
    expect((await download('/api/v1/exports/accounts', rep)).status).toBe(403);
    expect((await download('/api/v1/exports/audit', manager)).status).toBe(403);
    const users = await download('/api/v1/exports/users?format=csv', ops);
    expect(users.status).toBe(200);
    const audit = await server.call('/api/v1/audit?action=data.exported', {
      cookie: await server.login('admin'),
    });
    expect(audit.body.items.map((a: { entityId: string }) => a.entityId)).toEqual(
      expect.arrayContaining(['accounts', 'users']),
    );
  });

  it('exports what became of every row of an import', async () => {
    const upload = await server.call('/api/v1/imports?filename=list.csv', {
      cookie: ops,
      body: '名称,电话\n银川贺兰山葡萄酒有限公司,0951-8888 0000\n银川贺兰山葡萄酒有限公司,0951-8888 0000\n',
      headers: { 'content-type': 'text/csv' },
    });
    await runDueJobs(t.database);
    await server.call(`/api/v1/imports/${upload.body.id}/start`, { method: 'POST', cookie: ops });
    await runDueJobs(t.database);
    const file = await download(`/api/v1/imports/${upload.body.id}/results?format=csv&lang=en`, ops);
    const rows = parse<Record<string, string>>(file.body, { bom: true, columns: true });
    expect(rows.map((r) => [r.Line, r.Outcome])).toEqual([
      ['2', 'created'],
      ['3', 'created'],
    ]);
    expect(rows[0]!['Account IDs']).toMatch(/^[0-9a-f-]{36}$/);
    // Another’s import is out of a manager’s sight: missing, as on screen.
    expect((await download(`/api/v1/imports/${upload.body.id}/results`, manager)).status).toBe(404);
  });
});
