import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { unstorableAt } from '../../kernel/storable-text.js';
import { refusalProblem } from './file-refusal.js';
import type { InputProblem } from './input-problems.schema.js';
import { readRecords, type InputRow } from './read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshare-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function read(content: Buffer | string, extension = 'csv') {
  const path = join(dir, `list${files++}.${extension}`);
  writeFileSync(path, content);
  const problems: InputProblem[] = [];
  const rows: InputRow[] = [];
  for await (const row of readRecords(path, { onProblem: (p) => problems.push(p) })) rows.push(row);
  return { rows, problems, names: rows.flatMap((r) => (r.record ? [r.record.name] : [])) };
}

const TRADITIONAL =
  '編號,客戶名稱,電話\n1,臺灣資訊科技股份有限公司,02-2345-6789\n2,鴻海精密工業股份有限公司,02-2268-3466\n';
const SIMPLIFIED =
  '编号,客户名称,电话\n1,北京字节跳动科技有限公司,010-6212 3456\n2,上海华源科技有限公司,021-5555 0000\n';

describe('readRecords', () => {
  it('reads a Big5 list as Big5, says so once, and understands its Traditional headers', async () => {
    const { names, problems } = await read(iconv.encode(TRADITIONAL, 'big5'));
    expect(names).toEqual(['臺灣資訊科技股份有限公司', '鴻海精密工業股份有限公司']);
    expect(problems).toEqual([
      { line: 1, code: 'ENCODING', message: 'file is not UTF-8; read as Big5', params: { encoding: 'Big5' } },
    ]);
  });

  it('reads GB18030, and UTF-16 in both byte orders with or without a byte-order mark', async () => {
    const cases: [Buffer, string | null][] = [
      [iconv.encode(SIMPLIFIED, 'gb18030'), 'GB18030'],
      [iconv.encode(SIMPLIFIED, 'utf-16le', { addBOM: true }), 'UTF-16LE'],
      [iconv.encode(SIMPLIFIED, 'utf-16le'), 'UTF-16LE'],
      [iconv.encode(SIMPLIFIED, 'utf-16be', { addBOM: true }), 'UTF-16BE'],
      [iconv.encode(SIMPLIFIED, 'utf-16be'), 'UTF-16BE'],
      [iconv.encode(SIMPLIFIED, 'utf-8', { addBOM: true }), null],
    ];
    for (const [content, encoding] of cases) {
      const { names, problems } = await read(content);
      expect(names).toEqual(['北京字节跳动科技有限公司', '上海华源科技有限公司']);
      expect(problems).toEqual(
        encoding ? [expect.objectContaining({ code: 'ENCODING', params: { encoding } })] : [],
      );
    }
  });

  it('reports bytes the encoding cannot decode on their line and column, and reads the other rows', async () => {
    const content = Buffer.concat([
      Buffer.from('编号,客户名称,电话\n1,北京字节跳动科技有限公司,010-6212 3456\n2,上海'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('华源科技有限公司,021-5555 0000\n3,杭州青藤科技有限公司,\n'),
    ]);
    const { names, problems } = await read(content);
    expect(names).toEqual(['北京字节跳动科技有限公司', '杭州青藤科技有限公司']);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, code: 'BAD_ENCODING', id: '2', column: '客户名称' }),
    ]);
  });

  it('leaves out a row holding a NUL, naming its line and column, and quotes nothing the database cannot store', async () => {
    const csv = [
      '编号,客户名称,电话,备\u0000注',
      '1,北京字节跳动\u0000科技有限公司,010-6212 3456,',
      '2\u0000,上海华源科技有限公司,021-5555 0000,',
      '3,杭州青藤科技有限公司,,',
      '',
    ].join('\n');
    const { rows, names, problems } = await read(csv);
    expect(names).toEqual(['杭州青藤科技有限公司']);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, code: 'UNKNOWN_COLUMN', column: '备\ufffd注' }),
      expect.objectContaining({ line: 2, code: 'BAD_CHARACTER', id: '1', column: '客户名称' }),
      expect.objectContaining({ line: 3, code: 'BAD_CHARACTER', id: '2\ufffd', column: '编号' }),
    ]);
    expect(problems[1]?.message).toBe('column 2 holds U+0000, which is not text');
    for (const p of problems) expect(unstorableAt(JSON.stringify(p))).toBe(-1);
  });

  it('refuses UTF-32 and a file without a name column, each with its problem', async () => {
    const refusal = async (content: Buffer | string) => {
      const error = await read(content).then(
        () => null,
        (e: unknown) => e,
      );
      return error instanceof AppError ? refusalProblem(error.details) : null;
    };
    expect(await refusal(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toMatchObject({
      code: 'UNSUPPORTED_ENCODING',
      params: { encoding: 'UTF-32LE' },
    });
    expect(await refusal('电话\n025-8888 1234\n')).toMatchObject({ line: 1, code: 'NO_NAME_COLUMN' });
  });
});
