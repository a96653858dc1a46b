import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { refusalProblem } from './file-refusal.js';
import { workbookParts, xlsxFile, zipArchive, type ZipPart } from './testing-xlsx.js';
import { ARCHIVE_LIMITS, checkXlsxArchive, type ArchiveLimits } from './xlsx-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshare-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: Buffer): string {
  const path = join(dir, `file${files++}.xlsx`);
  writeFileSync(path, content);
  return path;
}

// Small caps keep the bombs small: what matters is which side of a cap a file falls.
const limits: ArchiveLimits = {
  maxTotalBytes: 4 * 2 ** 20,
  maxEntries: 20,
  maxRatio: 100,
  ratioFromBytes: 2 ** 20,
};
const rows = [
  ['编号', '客户名称'],
  ['1', '南京金陵食品有限公司'],
];

async function refusal(path: string, caps = limits) {
  const error = await checkXlsxArchive(path, caps).then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof AppError ? refusalProblem(error.details) : null;
}

describe('checkXlsxArchive', () => {
  it('accepts an ordinary workbook', async () => {
    await expect(checkXlsxArchive(file(xlsxFile(rows)), limits)).resolves.toBeUndefined();
  });

  it('refuses a part that expands a thousand times, from the directory alone', async () => {
    const problem = await refusal(file(xlsxFile(rows, 3 * 2 ** 20)));
    expect(problem).toMatchObject({
      line: 1,
      code: 'ARCHIVE_RATIO',
      params: { entry: 'xl/sharedStrings.xml', maxRatio: 100 },
    });
    expect(problem?.message).toMatch(/ZIP bomb/);
  });

  it('holds a small part to no ratio', async () => {
    // 1 MB of one letter deflates about 1000:1, but below ratioFromBytes it cannot hurt.
    await expect(checkXlsxArchive(file(xlsxFile(rows, 2 ** 20 - 4096)), limits)).resolves.toBeUndefined();
  });

  it('refuses a workbook whose parts together expand past the cap', async () => {
    // Random text deflates only about 1.3:1: a large total without an extreme ratio.
    const noise = Buffer.from(randomBytes(3 * 2 ** 19).toString('base64'));
    const parts: ZipPart[] = [
      ...workbookParts(rows),
      { name: 'xl/media/a.bin', data: noise },
      { name: 'xl/media/b.bin', data: noise },
      { name: 'xl/media/c.bin', data: noise },
    ];
    expect(await refusal(file(zipArchive(parts)))).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      params: { limitMb: 4 },
    });
    await expect(checkXlsxArchive(file(zipArchive(parts)), ARCHIVE_LIMITS)).resolves.toBeUndefined();
  });

  it('refuses a part that inflates past the size its headers claim', async () => {
    const parts = workbookParts(rows, 3 * 2 ** 20).map((p) =>
      p.name === 'xl/sharedStrings.xml' ? { ...p, claimedSize: 1000 } : p,
    );
    // The lying part last, as well as first: the pass must not end before its last byte is counted.
    for (const order of [parts, [...parts.filter((p) => p.claimedSize === undefined), parts[4]!]]) {
      const problem = await refusal(file(zipArchive(order)));
      expect(problem).toMatchObject({ code: 'ARCHIVE_DAMAGED' });
      expect(problem?.message).toMatch(/expands past its declared size/);
    }
  });

  it('refuses a part the central directory does not list', async () => {
    const hidden: ZipPart = { name: 'xl/sharedStrings.xml', data: Buffer.alloc(1000, 'A'), hidden: true };
    const problem = await refusal(file(zipArchive([hidden, ...workbookParts(rows)])));
    expect(problem).toMatchObject({ code: 'ARCHIVE_DAMAGED' });
    expect(problem?.message).toMatch(/not in the archive's directory/);
  });

  it('refuses too many parts, and anything that is not a ZIP', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<x/>') }));
    expect(await refusal(file(zipArchive([...workbookParts(rows), ...many])))).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
    });
    expect(await refusal(file(Buffer.from('not a zip at all')))).toMatchObject({ code: 'ARCHIVE_DAMAGED' });
  });
});
