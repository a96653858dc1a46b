import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { leaseNextJob } from '../../kernel/jobs.repo.js';
import { workbookParts, xlsxFile, zipArchive } from '../matching/testing-xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = [
  ['编号', '客户名称'],
  ['1', '南京金陵食品有限公司'],
];

/** Files an outside probe sent, and their cousins: each must end in review or failed, once, with its reason. */
describeEachEngine('hostile uploads', (t) => {
  let server: TestServer;
  let ops: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
  });
  afterAll(() => server.close());

  const upload = async (body: string | Uint8Array, filename: string) => {
    const type = filename.endsWith('.xlsx') ? XLSX : 'text/csv';
    const created = await server.call(`/api/v1/imports?filename=${encodeURIComponent(filename)}`, {
      cookie: ops,
      body,
      headers: { 'content-type': type },
    });
    expect(created.status).toBe(202);
    return created.body.id as string;
  };
  const get = async (id: string) => (await server.call(`/api/v1/imports/${id}`, { cookie: ops })).body;
  const names = async (id: string) =>
    (await server.call(`/api/v1/imports/${id}/clusters`, { cookie: ops })).body.items.flatMap(
      (c: { records: { name: string }[] }) => c.records.map((r) => r.name),
    );

  /** Runs the jobs, then checks the import ended once — failed or in review — and nothing is left to retry. */
  async function settle(id: string, overrides = {}) {
    await runDueJobs(t.database, ['import'], overrides);
    const job = await get(id);
    expect(['review', 'failed']).toContain(job.status);
    expect(job.job.attempts).toBe(1);
    expect(await runDueJobs(t.database, ['import'])).toBe(0);
    // And the server still answers.
    expect((await server.call('/api/v1/imports', { cookie: ops })).status).toBe(200);
    return job;
  }

  it('refuses an XLSX bomb at once, saying why, instead of parsing it', async () => {
    // 3 MB of one letter in the shared strings, deflated about 1000:1; the probe's expanded to 5 GB.
    const id = await upload(xlsxFile(ROWS, 3 * 2 ** 20), 'bomb.xlsx');
    const job = await settle(id);
    expect(job).toMatchObject({ status: 'failed', job: { status: 'failed' } });
    expect(job.error).toMatch(/^bomb\.xlsx: xl\/sharedStrings\.xml expands \d+ times/);
    expect(job.problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'ARCHIVE_RATIO',
        params: expect.objectContaining({ entry: 'xl/sharedStrings.xml', maxRatio: 100 }),
      }),
    ]);
  });

  it('refuses an XLSX whose parts inflate past their declared size, or hide from its directory', async () => {
    const lying = workbookParts(ROWS, 3 * 2 ** 20).map((p) =>
      p.name === 'xl/sharedStrings.xml' ? { ...p, claimedSize: 1000 } : p,
    );
    const hidden = [
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(1000, 'A'), hidden: true },
      ...workbookParts(ROWS),
    ];
    for (const [parts, why] of [
      [lying, /expands past its declared size/],
      [hidden, /not in the archive's directory/],
    ] as const) {
      const job = await settle(await upload(zipArchive(parts), 'lying.xlsx'));
      expect(job.status).toBe('failed');
      expect(job.problems).toEqual([
        expect.objectContaining({ code: 'ARCHIVE_DAMAGED', message: expect.stringMatching(why) }),
      ]);
    }
  });

  it('fails a file that needs more memory than its reading thread has, as FILE_TOO_COMPLEX, without retrying', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `${i},公司${i.toString(36)}科技有限公司,010-${60_000_000 + i}`,
    );
    const id = await upload(['编号,客户名称,电话', ...rows].join('\n'), 'heavy.csv');
    const job = await settle(id, { IMPORT_MEMORY_MB: 40 });
    expect(job).toMatchObject({ status: 'failed', job: { status: 'failed' } });
    expect(job.problems).toEqual([
      expect.objectContaining({ line: 1, code: 'FILE_TOO_COMPLEX', params: { limitMb: 40 } }),
    ]);
  });

  it('reports a NUL on its line and column, leaves that row out, and imports the others', async () => {
    const csv = [
      '编号,客户名称,电话,备\u0000注',
      '1,南京\u0000金陵食品有限公司,025-8888 1234,',
      '2\u0000,无锡太湖机械有限公司,0510-8888 1234,',
      '3,宁波港城物流有限公司,0574-8888 1234,',
      '',
    ].join('\n');
    const job = await settle(await upload(csv, 'nul.csv'));
    expect(job.status).toBe('review');
    expect(job.summary).toMatchObject({ rows: 3, usableRows: 1, problems: 2 });
    expect(job.problems).toEqual([
      expect.objectContaining({ line: 1, code: 'UNKNOWN_COLUMN', column: '备\ufffd注' }),
      expect.objectContaining({ line: 2, code: 'BAD_CHARACTER', column: '客户名称', id: '1' }),
      expect.objectContaining({ line: 3, code: 'BAD_CHARACTER', column: '编号', id: '2\ufffd' }),
    ]);
    expect(await names(job.id)).toEqual(['宁波港城物流有限公司']);
    // Everything the analysis kept could be stored, and the rest imports as usual.
    await server.call(`/api/v1/imports/${job.id}/start`, { method: 'POST', cookie: ops });
    await runDueJobs(t.database, ['import']);
    expect((await get(job.id)).summary.imported).toEqual({ created: 1 });
  });

  it('reads Big5, GB18030 and UTF-16 lists into review with their names intact, naming the encoding', async () => {
    const traditional = '編號,客戶名稱,電話\n1,臺灣資訊科技股份有限公司,+886 2 2345 6789\n';
    const simplified = '编号,客户名称,电话\n1,北京字节跳动科技有限公司,010-6212 3456\n';
    const cases = [
      [iconv.encode(traditional, 'big5'), 'Big5', '臺灣資訊科技股份有限公司'],
      [iconv.encode(simplified, 'gb18030'), 'GB18030', '北京字节跳动科技有限公司'],
      [iconv.encode(traditional, 'utf-16be', { addBOM: true }), 'UTF-16BE', '臺灣資訊科技股份有限公司'],
      [iconv.encode(simplified, 'utf-16le'), 'UTF-16LE', '北京字节跳动科技有限公司'],
    ] as const;
    for (const [content, encoding, name] of cases) {
      const job = await settle(await upload(content, `${encoding}.csv`));
      expect(job.status).toBe('review');
      expect(job.problems).toEqual([
        expect.objectContaining({ line: 1, code: 'ENCODING', params: { encoding } }),
      ]);
      expect(await names(job.id)).toEqual([name]);
    }
  });

  it('reports bytes no encoding decodes by line, and refuses UTF-32 saying so', async () => {
    const damaged = Buffer.concat([
      Buffer.from('编号,客户名称\n1,北京字节跳动科技有限公司\n2,上海'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('华源科技有限公司\n3,杭州青藤科技有限公司\n'),
    ]);
    const job = await settle(await upload(damaged, 'damaged.csv'));
    expect(job.status).toBe('review');
    expect(job.problems).toEqual([
      expect.objectContaining({ line: 3, code: 'BAD_ENCODING', column: '客户名称' }),
    ]);
    const utf32 = await settle(await upload(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'utf32.csv'));
    expect(utf32.problems).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_ENCODING', params: { encoding: 'UTF-32LE' } }),
    ]);
  });

  it('refuses a file name the database could not store, as a bad request', async () => {
    const refused = await server.call('/api/v1/imports?filename=list%00.csv', {
      cookie: ops,
      body: '名称\n南京金陵食品有限公司\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([expect.objectContaining({ field: 'filename' })]);
  });

  it('fails a job whose process died on every attempt, saying so, instead of running it again', async () => {
    const id = await upload('编号,客户名称\n1,南京金陵食品有限公司\n', 'crashes.csv');
    const jobId = sql`(select job_id from import_jobs where id = ${id})`;
    const { rows } = await sql<{
      max_attempts: number;
    }>`select max_attempts from jobs where id = ${jobId}`.execute(t.database.db);
    // Each attempt: a node leases the job (the attempt is counted then) and dies; the lease runs out.
    for (let attempt = 0; attempt < rows[0]!.max_attempts; attempt++) {
      expect(await leaseNextJob(t.database.db, ['import'], () => 300, 'node-that-dies')).toBeDefined();
      await sql`update jobs set lease_until = now() - interval '1 second' where id = ${jobId}`.execute(
        t.database.db,
      );
    }
    expect(await runDueJobs(t.database, ['import'])).toBe(1);
    const job = await get(id);
    expect(job).toMatchObject({ status: 'failed', job: { status: 'dead', attempts: rows[0]!.max_attempts } });
    expect(job.error).toMatch(/stopped after \d+ attempts/);
    expect(job.problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'JOB_EXHAUSTED',
        params: { attempts: rows[0]!.max_attempts },
      }),
    ]);
    expect(await runDueJobs(t.database, ['import'])).toBe(0);
  });
});
