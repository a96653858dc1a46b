import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import type { InputProblem } from './read-records.js';
import { runDedupe } from './run-dedupe.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fairshare-dedupe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function dedupeFile(name: string, content: string | Buffer) {
  const input = join(dir, name);
  const output = join(dir, 'out.csv');
  writeFileSync(input, content);
  const problems: InputProblem[] = [];
  const summary = await runDedupe({ input, output, onProblem: (p) => problems.push(p), parallel: false });
  const rows = parse<Record<string, string>>(readFileSync(output), { bom: true, columns: true });
  return { summary, problems, rows };
}

describe('runDedupe', () => {
  it('reads Chinese headers with a BOM, reports bad rows with their line and still writes every id once', async () => {
    const huge = 'x'.repeat(10 * 2 ** 20);
    const csv = [
      'id,客户名称,电话/手机,邮箱,网址,统一社会信用代码,地址,备注',
      '1,字节跳动（北京）科技有限公司,+86 138 1234 5678,,,,,',
      '2,北京字节跳动科技,138-1234-5678,,,,,',
      '3,"Beijing Zijie Tiaodong Technology Co., Ltd.",,,,,,"a note, with a comma"',
      '4,,010-6212 3456,,,,,',
      '5,华源,1,2',
      ',no id at all,,,,,,',
      '2,a second row with id 2,,,,,,',
      `6,${huge},,,,,,`,
      '7,"北京华源科技',
      '有限公司",,,,,,',
      '8,上海华源科技有限公司,,,,91110108551385082R,,',
    ].join('\n');
    const { summary, problems, rows } = await dedupeFile('list.csv', `\ufeff${csv}\n`);

    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'UNKNOWN_COLUMN'],
      [5, 'MISSING_NAME'],
      [6, 'RAGGED_LINE'],
      [7, 'MISSING_ID'],
      [8, 'DUPLICATE_ID'],
      [9, 'FIELD_TOO_LARGE'],
    ]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId['1']).toMatchObject({ cluster_id: '1', verdict: 'same' });
    expect(byId['2']).toMatchObject({ cluster_id: '1', verdict: 'same' });
    expect(byId['3']).toMatchObject({ cluster_id: '1', verdict: 'same' });
    expect(byId['4']).toMatchObject({
      cluster_id: '',
      verdict: 'invalid',
      reasons: 'line 5: row has no company name',
    });
    expect(byId['5']?.reasons).toBe('line 6: 4 fields where the header has 8');
    expect(byId['6']?.reasons).toMatch(/^line 9: field 2 has 10485760 characters/);
    expect(byId['7']).toMatchObject({ verdict: 'unique' }); // a quoted name across two lines is one row
    expect(byId['8']?.reasons).toContain('uscc 91110108551385082R ignored (check)');
    expect(summary).toMatchObject({ rows: 8, invalidRows: 3, problems: { DUPLICATE_ID: 1, MISSING_ID: 1 } });
  });

  it('reads English headers without a BOM', async () => {
    const { rows } = await dedupeFile(
      'plain.csv',
      'id,name,phone\nx1,北京华源科技有限公司,010-6212 3456\nx2,北京华源科技,(010)62123456\n',
    );
    expect(rows.map((r) => [r.id, r.cluster_id, r.verdict])).toEqual([
      ['x1', 'x1', 'same'],
      ['x2', 'x1', 'same'],
    ]);
  });

  it('reads a GB18030 file (Excel on Chinese Windows) and says so', async () => {
    const gbk = Buffer.from([
      ...Buffer.from('id,name\n1,'),
      ...[0xb1, 0xb1, 0xbe, 0xa9, 0xbb, 0xaa, 0xd4, 0xb4], // 北京华源 in GBK
      ...Buffer.from('\n'),
    ]);
    const { rows, problems } = await dedupeFile('gbk.csv', gbk);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'ENCODING' }));
    expect(rows).toHaveLength(1);
  });

  it('identifies rows by line number when the file has no id column, and says so once', async () => {
    const { rows, problems } = await dedupeFile(
      'no-id.csv',
      '公司名称,电话\n北京华源科技有限公司,010-6212 3456\n\n北京华源科技,(010)62123456\n,138\n',
    );
    expect(rows.map((r) => [r.id, r.cluster_id, r.verdict])).toEqual([
      ['2', '2', 'same'],
      ['4', '2', 'same'],
      ['5', '', 'invalid'],
    ]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'ID_FROM_LINE'],
      [5, 'MISSING_NAME'],
    ]);
  });

  it('refuses a file without a name column', async () => {
    await expect(dedupeFile('bad.csv', 'id,phone\n1,138\n')).rejects.toThrow(AppError);
  });

  it('reads XLSX by extension, using the cached result of formulas and reporting them', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    sheet.addRow(['id', '公司名称', '电话']);
    sheet.addRow(['1', '北京华源科技有限公司', 13812345678]);
    sheet.addRow([
      '2',
      { formula: 'CONCATENATE("北京","华源科技")', result: '北京华源科技' },
      '138-1234-5678',
    ]);
    sheet.addRow(['3', { formula: 'A1/0', result: { error: '#DIV/0!' } }, '']);
    const input = join(dir, 'list.xlsx');
    await book.xlsx.writeFile(input);
    const problems: InputProblem[] = [];
    await runDedupe({
      input,
      output: join(dir, 'out.csv'),
      onProblem: (p) => problems.push(p),
      parallel: false,
    });
    const rows = parse<Record<string, string>>(readFileSync(join(dir, 'out.csv')), {
      bom: true,
      columns: true,
    });
    expect(rows.map((r) => [r.id, r.cluster_id, r.verdict])).toEqual([
      ['1', '1', 'same'],
      ['2', '1', 'same'],
      ['3', '', 'invalid'],
    ]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'FORMULA'],
      [4, 'FORMULA'],
    ]);
  });
});

describe('runDedupe on worker threads', () => {
  it('writes the same rows as on the calling thread', async () => {
    const names = [
      '北京华源科技有限公司',
      '北京华源科技',
      '上海华源科技有限公司',
      'Beijing Huayuan Technology Co., Ltd.',
    ];
    const csv = `id,name,phone\n${names.map((n, i) => `${i},"${n}",138-1234-567${i % 2}`).join('\n')}\n`;
    const input = join(dir, 'list.csv');
    writeFileSync(input, csv);
    const inline = await runDedupe({ input, output: join(dir, 'inline.csv'), parallel: false });
    const threaded = await runDedupe({ input, output: join(dir, 'threaded.csv'), parallel: true });
    expect(readFileSync(join(dir, 'threaded.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'inline.csv'), 'utf8'),
    );
    expect({ ...threaded, output: '', wallMs: 0 }).toEqual({ ...inline, output: '', wallMs: 0 });
  });

  it('passes a refusal back as the same domain error', async () => {
    const input = join(dir, 'bad.csv');
    writeFileSync(input, 'id,phone\n1,138\n');
    await expect(runDedupe({ input, output: join(dir, 'out.csv'), parallel: true })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('files people open in a spreadsheet', () => {
  it('writes ids and reasons that look like formulas as text', async () => {
    const csv = [
      'id,name',
      '"=HYPERLINK(""http://evil"",""x"")",北京字节跳动科技有限公司',
      '@SUM(1+1),字节跳动（北京）科技有限公司',
    ];
    const { rows } = await dedupeFile('formulas.csv', csv.join('\n'));
    expect(rows.map((r) => r.id).sort()).toEqual(['\'=HYPERLINK("http://evil","x")', "'@SUM(1+1)"].sort());
    expect(rows.every((r) => !/^[=+\-@]/.test(r.cluster_id!) && !/^[=+\-@]/.test(r.reasons!))).toBe(true);
  });
});

describe('the output keeps the input’s columns', () => {
  const csv = [
    '编号,客户名称,电话,联系人,备注',
    'a1,字节跳动（北京）科技有限公司,138 1234 5678,张三,"=HYPERLINK(""http://evil"",""x"")"',
    'a2,北京字节跳动科技,138-1234-5678,李四,老客户',
    'a3,,010-6212 3456,王五,无名称',
    'a4,兰州黄河啤酒有限公司,,,',
  ].join('\n');

  const expectColumns = (rows: Record<string, string>[]) => {
    expect(rows.map((r) => [r.id, r['编号'], r['客户名称'], r['联系人'], r['备注']])).toEqual([
      ['a1', 'a1', '字节跳动（北京）科技有限公司', '张三', '\'=HYPERLINK("http://evil","x")'],
      ['a2', 'a2', '北京字节跳动科技', '李四', '老客户'],
      ['a3', 'a3', '', '王五', '无名称'],
      ['a4', 'a4', '兰州黄河啤酒有限公司', '', ''],
    ]);
    expect(rows[0]).toMatchObject({ cluster_id: 'a1', verdict: 'same' });
    expect(rows[2]).toMatchObject({ verdict: 'invalid' });
  };

  it('writes every input column, in input order under its own name, beside the result (CSV)', async () => {
    const input = join(dir, 'list.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, csv);
    await runDedupe({ input, output, parallel: false });
    const text = readFileSync(output, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffid,cluster_id,verdict,score,reasons,编号,客户名称,电话,联系人,备注',
    );
    expectColumns(parse<Record<string, string>>(text, { bom: true, columns: true }));
  });

  it('reads XLSX and writes XLSX, every cell still neutralised', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    const lines: string[][] = parse(csv);
    for (const line of lines) sheet.addRow(line);
    const input = join(dir, 'list.xlsx');
    const output = join(dir, 'out.xlsx');
    await book.xlsx.writeFile(input);
    await runDedupe({ input, output, parallel: false });
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(output);
    const rows: string[][] = [];
    result.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
      rows.push(Array.from({ length: 10 }, (_, i) => row.getCell(i + 1).text));
    });
    const [header, ...body] = rows;
    expect(header).toEqual([
      'id',
      'cluster_id',
      'verdict',
      'score',
      'reasons',
      '编号',
      '客户名称',
      '电话',
      '联系人',
      '备注',
    ]);
    expectColumns(body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))));
  });

  it('names an input column that shares a result column’s name apart', async () => {
    const input = join(dir, 'list.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, 'id,name,verdict\n1,兰州黄河啤酒有限公司,+1 老板说\n');
    await runDedupe({ input, output, parallel: false });
    const [row] = parse<Record<string, string>>(readFileSync(output), { bom: true, columns: true });
    expect(row).toMatchObject({
      id: '1',
      'id (input)': '1',
      verdict: 'unique',
      'verdict (input)': "'+1 老板说",
    });
  });
});
