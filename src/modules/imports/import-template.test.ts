import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords, type InputProblem } from '../matching/index.js';
import { mapColumns } from '../matching/input-columns.js';
import { TEMPLATE_COLUMNS, templateCsv } from './import-template.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshare-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the import template', () => {
  it('heads each column with a name the reader maps to its field, in Chinese and in English', () => {
    const chinese = mapColumns(TEMPLATE_COLUMNS.map((c) => c.header));
    const english = mapColumns(TEMPLATE_COLUMNS.map((c) => c.english));
    const fields = TEMPLATE_COLUMNS.map((c) => c.field);
    expect(chinese.fields).toEqual(fields);
    expect(english.fields).toEqual(fields);
    expect(chinese.unknown).toEqual([]);
  });

  it('reads as a list with no rows and no problems: its notes are not customers', async () => {
    const path = join(dir, 'template.csv');
    writeFileSync(path, templateCsv());
    const problems: InputProblem[] = [];
    const rows = [];
    for await (const row of readRecords(path, { onProblem: (p) => problems.push(p) })) rows.push(row);
    expect(rows).toEqual([]);
    expect(problems).toEqual([]);
  });
});
