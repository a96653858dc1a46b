import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runDueJobs } from '../../db/testing/jobs.js';

const CSV = [
  '\uFEFF编号,客户名称,电话,邮箱,网址,备注',
  'C1,北京字节跳动科技有限公司,010-6212 3456,,bytedance.com,x',
  'C2,字节跳动（北京）科技有限公司,+86 10 6212 3456,,,y',
  'C3,上海华源科技有限公司,021-5555 0000,,,',
  'C4,,13800000000,,,',
  'C5,"杭州青藤科技有限公司",0571-8888 1234,hr@qingteng.cn,,"多余,列",extra',
  'C6,成都蓝海物流有限公司,028-6666 7777,,,',
  'C7,北京华源信息技术有限公司,,,,',
].join('\r\n');

describeEachEngine('bulk import of a customer list', (t) => {
  let server: TestServer;
  let ops: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
  });
  afterAll(() => server.close());

  const upload = (body: string, filename = 'customers.csv') =>
    server.call(`/api/v1/imports?filename=${encodeURIComponent(filename)}`, {
      cookie: ops,
      body,
      headers: { 'content-type': 'text/csv' },
    });
  const drain = () => runDueJobs(t.database);

  it('clusters the list, reports bad rows by line, imports as reviewed, and counts the outcome', async () => {
    // Already in Fairshare before the import: the list's copy of it is folded in, not created again.
    const existing = await server.call('/api/v1/accounts', {
      cookie: ops,
      json: { legalName: '成都蓝海物流有限公司' },
    });
    expect(existing.status).toBe(201);
    // A look-alike already here: the list's row waits for a person instead of being created.
    const lookAlike = await server.call('/api/v1/accounts', {
      cookie: ops,
      json: { legalName: '北京华源科技有限公司' },
    });
    expect(lookAlike.status).toBe(201);

    const created = await upload(CSV);
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('analyzing');
    await drain();
    const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    expect(job.summary).toMatchObject({
      rows: 7, // as the file has them: the two rows left out still count
      usableRows: 5,
      problems: 2, // rows 5 and 6; the unused 备注 column is listed but is not a row problem
      clusters: 4,
      duplicateRowsInFile: 1,
      clustersMatchingExisting: 2,
    });
    const lines = job.problems.map((p: { line: number; code: string }) => `${p.line}:${p.code}`);
    expect(lines).toEqual(expect.arrayContaining(['5:MISSING_NAME', '6:RAGGED_LINE']));

    const clusters = (await server.call(`/api/v1/imports/${created.body.id}/clusters`, { cookie: ops })).body;
    const byteDance = clusters.items.find((c: { records: unknown[] }) => c.records.length === 2);
    expect(byteDance.verdict).toBe('same');
    expect(byteDance.records.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    // Explained like the entry check: evidence codes with parameters and points — not a line to parse.
    expect(byteDance.reasons[0]).toMatchObject({ rowId: 'C1', partnerId: 'C2', verdict: 'same' });
    const phone = byteDance.reasons[0].reasons.find((r: { code: string }) => r.code === 'phone.shared');
    expect(phone).toMatchObject({
      params: { value: '+861062123456', holders: 2 },
      points: expect.any(Number),
    });
    expect(phone.points).toBeGreaterThan(0);
    const huayuan = clusters.items.find((c: { records: { name: string }[] }) =>
      c.records[0]!.name.startsWith('上海华源'),
    );
    const decided = await server.call(`/api/v1/imports/${created.body.id}/clusters/${huayuan.clusterId}`, {
      method: 'PUT',
      cookie: ops,
      json: { decision: 'skip' },
    });
    expect(decided.status).toBe(204);

    expect(
      (await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops })).status,
    ).toBe(202);
    await drain();
    const done = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(done.status).toBe('done');
    expect(done.summary.imported).toEqual({ created: 1, merged: 1, skipped: 1, needs_review: 1 });
    const accounts = (await server.call('/api/v1/accounts?q=字节跳动', { cookie: ops })).body;
    expect(accounts.total).toBe(1);
    expect(accounts.items[0].aliases).toEqual(['字节跳动（北京）科技有限公司']);
    expect(accounts.items[0].phones).toEqual(['+861062123456']);
    const lanhai = (await server.call(`/api/v1/accounts/${existing.body.id}`, { cookie: ops })).body;
    expect(lanhai.phones).toEqual(['+862866667777']);
  });

  it('picks up a job whose worker died once its lease runs out', async () => {
    const created = await upload('id,name\nN1,南京金陵食品有限公司\n');
    const job = sql`(select job_id from import_jobs where id = ${created.body.id})`;
    // Leased by a node that then died: nobody else takes it while the lease holds.
    await sql`update jobs set status = 'running', attempts = 1, lease_until = now() + interval '1 hour'
      where id = ${job}`.execute(t.database.db);
    expect(await drain()).toBe(0);
    await sql`update jobs set lease_until = now() - interval '1 second' where id = ${job}`.execute(
      t.database.db,
    );
    await drain();
    expect((await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body.status).toBe(
      'review',
    );
  });

  it('names every cell it cannot use at review, by line and field, and imports the row without it', async () => {
    const csv = [
      '名称,电话,邮箱,网址,统一社会信用代码',
      '济南趵突泉饮品有限公司,12345,not-an-email,not a url,91370100XXXXXXXXXX',
      '青岛栈桥海鲜有限公司,0532-8288 8888,info@zhanqiao.cn,zhanqiao.cn,',
    ].join('\n');
    const created = await upload(csv, 'cells-bad.csv');
    await drain();
    const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    const codes = job.problems
      .filter((p: { line: number }) => p.line === 2)
      .map((p: { code: string }) => p.code);
    expect(codes.sort()).toEqual(['BAD_EMAIL', 'BAD_PHONE', 'BAD_USCC', 'BAD_WEBSITE']);
    expect(job.problems.find((p: { code: string }) => p.code === 'BAD_USCC')).toMatchObject({
      column: 'uscc',
      params: { value: '91370100XXXXXXXXXX' },
    });
    expect(job.summary.problems).toBe(1);
    await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    await drain();
    const found = (await server.call(`/api/v1/accounts?q=${encodeURIComponent('趵突泉')}`, { cookie: ops }))
      .body;
    expect(found.items[0]).toMatchObject({ uscc: null, phones: [], emails: [], website: null });
  });

  it('keeps apart at import what the review kept apart: one rule set, one explanation', async () => {
    const csv = '名称,电话\n杭州开元网络科技有限公司,0571-8888 6666\n杭州开元网络,0571-8888 6666\n';
    const created = await upload(csv, 'apart.csv');
    await drain();
    const review = (await server.call(`/api/v1/imports/${created.body.id}/clusters`, { cookie: ops })).body;
    // Whatever the review shows apart is imported apart: no row folds into another row's new account.
    const apart = review.items.length;
    await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    await drain();
    const done = (await server.call(`/api/v1/imports/${created.body.id}/clusters`, { cookie: ops })).body;
    const accounts = new Set(done.items.flatMap((c: { accountIds: string[] }) => c.accountIds));
    expect(accounts.size).toBe(apart);
    expect(done.items.every((c: { outcome: string }) => c.outcome === 'created')).toBe(true);
  });

  it('says why rows wait for a person, and lets them merge, create with a reason, or skip', async () => {
    // Each row of the list is like one customer already here, but not clearly the same: "possible".
    const pairs = [
      ['福州三坊七巷茶庄有限公司', '福州三坊七巷茶业有限公司'],
      ['漳州南靖土楼客栈有限公司', '漳州南靖土楼客舍有限公司'],
      ['厦门华源科技有限公司', '厦门华源信息技术有限公司'],
    ];
    const here: { id: string }[] = [];
    for (const [name] of pairs) {
      const r = await server.call('/api/v1/accounts', { cookie: ops, json: { legalName: name } });
      expect(r.status).toBe(201);
      here.push(r.body);
    }
    const existing = { body: here[0]! };
    const created = await upload(['名称', ...pairs.map(([, row]) => row)].join('\n'), 'wait.csv');
    await drain();
    await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    await drain();
    const waiting = (
      await server.call(`/api/v1/imports/${created.body.id}/clusters?outcome=needs_review`, { cookie: ops })
    ).body.items;
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    const why = await server.call(`/api/v1/decisions/${waiting[0].decisionId}`, { cookie: ops });
    expect(why.body).toMatchObject({ kind: 'import.cluster', verdict: 'needs_review' });
    expect(why.body.evidence.map((e: { code: string }) => e.code)).toContain('match.possible');
    const resolve = (cluster: { clusterId: string }, body: unknown) =>
      server.call(`/api/v1/imports/${created.body.id}/clusters/${cluster.clusterId}/resolve`, {
        cookie: ops,
        json: body,
      });
    const merged = await resolve(waiting[0], { action: 'merge', accountId: existing.body.id });
    expect(merged.body).toMatchObject({ outcome: 'merged', accountIds: [existing.body.id] });
    expect((await resolve(waiting[1], { action: 'create' })).status).toBe(400);
    const made = await resolve(waiting[1], { action: 'create', reason: '另一家公司' });
    expect(made.body.outcome).toBe('created');
    expect((await resolve(waiting[2], { action: 'skip' })).body.outcome).toBe('skipped');
    expect((await resolve(waiting[2], { action: 'skip' })).body.error.code).toBe('IMPORT_WRONG_STATE');
    const history = await server.call(`/api/v1/accounts/${existing.body.id}/merges`, { cookie: ops });
    expect(history.body.items[0].source).toMatchObject({ importId: created.body.id });
  });

  it('shows progress that moves while a large import runs', async () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) =>
        `进度${String.fromCharCode(0x4e00 + i * 5)}${String.fromCharCode(0x5000 + i * 3)}商贸有限公司`,
    );
    const created = await upload(['名称', ...rows].join('\n'), 'progress.csv');
    await drain();
    await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    const seen: number[] = [];
    let running = true;
    const importing = drain().finally(() => (running = false));
    while (running) {
      const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
      if (job.status === 'importing' && job.progress.phase === 'import') seen.push(job.progress.done);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await importing;
    const done = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(done.status).toBe('done');
    expect(done.progress).toMatchObject({ phase: 'import', done: 400, total: 400 });
    expect(done.job).toMatchObject({ status: 'done' });
    // Seen from outside while it ran: several different counts, never going back.
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('fails a file it cannot read, naming the upload rather than a temporary copy', async () => {
    const created = await upload('电话\n025-8888 1234\n', 'no-names.csv');
    await drain();
    const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^no-names\.csv: no name column/);
    expect(job.error).not.toMatch(/tmp|fairshare-import/);
  });

  it('takes a list without an id column, naming rows by their line', async () => {
    const created = await upload('名称,电话\n南京金陵食品有限公司,025-8888 1234\n', 'no-ids.csv');
    await drain();
    const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    expect(job.problems).toEqual([expect.objectContaining({ line: 1, code: 'ID_FROM_LINE' })]);
    const clusters = (await server.call(`/api/v1/imports/${created.body.id}/clusters`, { cookie: ops })).body;
    expect(clusters.items[0].records[0]).toMatchObject({ id: '2', line: 2, name: '南京金陵食品有限公司' });
    const audit = await server.call(`/api/v1/audit?entityType=import&entityId=${created.body.id}`, {
      cookie: await server.login('admin'),
    });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('import.analyzed');
  });

  it('reports a name no account can hold by line, and stores every number of a cell holding two', async () => {
    const csv = `名称,电话,邮箱\n${'长'.repeat(201)},010-1111 2222,\n无锡太湖机械有限公司,0510-8888 1234 / 139 0000 1111,"a@taihu.cn; b@taihu.cn"\n`;
    const created = await upload(csv, 'cells.csv');
    await drain();
    const job = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(job.status).toBe('review');
    expect(job.problems).toContainEqual(
      expect.objectContaining({ line: 2, code: 'FIELD_TOO_LARGE', column: 'name' }),
    );
    await server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    await drain();
    const done = (await server.call(`/api/v1/imports/${created.body.id}`, { cookie: ops })).body;
    expect(done.summary.imported).toEqual({ created: 1 });
    const found = (await server.call('/api/v1/accounts?q=太湖机械', { cookie: ops })).body;
    expect(found.items[0].phones).toEqual(['+8651088881234', '+8613900001111']);
    expect(found.items[0].emails).toEqual(['a@taihu.cn', 'b@taihu.cn']);
  });

  it('starts an import once when two requests race, and refuses decisions after the start', async () => {
    const created = await upload('名称\n宁波港城物流有限公司\n', 'race.csv');
    await drain();
    const start = () =>
      server.call(`/api/v1/imports/${created.body.id}/start`, { method: 'POST', cookie: ops });
    const statuses = (await Promise.all([start(), start(), start()])).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409]);
    const late = await server.call(`/api/v1/imports/${created.body.id}/clusters/2`, {
      method: 'PUT',
      cookie: ops,
      json: { decision: 'skip' },
    });
    expect(late.status).toBe(409);
  });

  it('fails a damaged XLSX and a list without rows at once, naming the upload', async () => {
    const xlsx = await server.call('/api/v1/imports?filename=broken.xlsx', {
      cookie: ops,
      body: 'not a zip at all',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    const empty = await upload('名称,电话\n', 'header-only.csv');
    await drain();
    for (const [id, text] of [
      [xlsx.body.id, /^broken\.xlsx: cannot be read/],
      [empty.body.id, /^header-only\.csv: holds no customer rows/],
    ] as const) {
      const job = (await server.call(`/api/v1/imports/${id}`, { cookie: ops })).body;
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(text);
    }
  });

  it('refuses other formats, empty files, JSON bodies and callers without the permission', async () => {
    expect((await upload('x', 'list.pdf')).body.error.details.fields[0]).toMatchObject({ field: 'filename' });
    expect((await upload('', 'list.csv')).status).toBe(400);
    const json = await server.call('/api/v1/imports?filename=a.csv', { cookie: ops, json: { a: 1 } });
    expect(json.status).toBe(415);
    const rep = await server.login((await makeUser(t.database.db, { role: 'rep' })).login);
    const denied = await server.call('/api/v1/imports?filename=a.csv', {
      cookie: rep,
      body: 'id,name\n1,x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(denied.status).toBe(403);
  });
});
