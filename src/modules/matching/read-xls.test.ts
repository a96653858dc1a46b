import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputProblem } from './input-problems.schema.js';
import { readRecords, type InputRow } from './read-records.js';
import { xlsxFile } from './testing-xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshare-xls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function read(content: Buffer | string, extension: string) {
  const path = join(dir, `list${files++}.${extension}`);
  writeFileSync(path, content);
  const problems: InputProblem[] = [];
  const rows: InputRow[] = [];
  for await (const row of readRecords(path, { onProblem: (p) => problems.push(p) })) rows.push(row);
  return { rows, problems, names: rows.flatMap((r) => (r.record ? [r.record.name] : [])) };
}

/** An old Excel (BIFF8) workbook with these rows, as Excel 97–2003 saves it. */
function xlsFile(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows.map((r) => [...r])), '客户');
  return XLSX.write(workbook, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

describe('reading an old Excel .xls list', () => {
  it('reads the first sheet of a BIFF8 workbook, numbers as digits, with line numbers', async () => {
    const file = xlsFile([
      ['客户名称', '电话', '统一社会信用代码'],
      ['济南趵突泉饮品有限公司', 13800138000, '91370100MA3C5XXX0X'],
      [null, null, null],
      ['青岛栈桥海鲜有限公司', '0532-8288 8888', null],
    ]);
    expect(file.subarray(0, 4).toString('hex')).toBe('d0cf11e0'); // an OLE compound file, as Excel writes
    const { rows, names } = await read(file, 'xls');
    expect(names).toEqual(['济南趵突泉饮品有限公司', '青岛栈桥海鲜有限公司']);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]!.record!.phone).toEqual(['13800138000']);
  });

  it('reads an XLSX saved under an .xls name through the XLSX reader and its archive checks', async () => {
    const { names } = await read(xlsxFile([['名称'], ['宁波港城物流有限公司']]), 'xls');
    expect(names).toEqual(['宁波港城物流有限公司']);
  });
});

describe('counting the rows of a file as the file has them', () => {
  const lines = ['名称,电话', ...Array.from({ length: 31 }, (_, i) => `计数${i + 1}号贸易有限公司,`)];
  const shapes: [string, string | Buffer][] = [
    ['LF with a trailing newline', `${lines.join('\n')}\n`],
    ['LF without a trailing newline', lines.join('\n')],
    ['CRLF', `${lines.join('\r\n')}\r\n`],
    ['CRLF without a trailing newline and with a BOM', `\ufeff${lines.join('\r\n')}`],
    ['blank lines at the end', `${lines.join('\n')}\n\n,\n  \n`],
  ];
  for (const [shape, content] of shapes) {
    it(`reads 31 rows from a 31-row CSV: ${shape}`, async () => {
      const { rows } = await read(content, 'csv');
      expect(rows).toHaveLength(31);
      expect(rows.at(-1)!.line).toBe(32);
    });
  }

  it('reads 31 rows from an XLSX and an XLS with blank rows between and after', async () => {
    const table = lines.map((l) => l.split(','));
    const withBlanks = [...table.slice(0, 10), ['', ''], ...table.slice(10), ['', ''], ['', '']];
    expect((await read(xlsxFile(withBlanks), 'xlsx')).rows).toHaveLength(31);
    expect((await read(xlsFile(withBlanks), 'xls')).rows).toHaveLength(31);
  });
});
