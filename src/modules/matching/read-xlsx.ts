import ExcelJS from 'exceljs';
import type { RawRow } from './read-records.js';
import { ARCHIVE_LIMITS, checkXlsxArchive, type ArchiveLimits } from './xlsx-archive.js';

function cellText(value: unknown): { text: string; formula: boolean; error: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false, error: false };
  if (typeof value === 'string') return { text: value, formula: false, error: false };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { text: String(value), formula: false, error: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false, error: false };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      const result = cellText(v.result);
      return { text: result.text, formula: true, error: result.error || v.result === undefined };
    }
    if ('error' in v) return { text: '', formula: false, error: true };
    if (Array.isArray(v.richText)) {
      const parts = v.richText as { text?: unknown }[];
      return {
        text: parts.map((p) => (typeof p.text === 'string' ? p.text : '')).join(''),
        formula: false,
        error: false,
      };
    }
    if (typeof v.text === 'string') return { text: v.text, formula: false, error: false };
  }
  return { text: '', formula: false, error: true };
}

/**
 * Rows of the first worksheet, streamed (a million-row sheet never sits in memory as a workbook), once the
 * archive is known not to expand past `limits`. Formula cells give their cached result and are reported; a
 * formula without a cached result, or an error value, makes the row unusable.
 */
export async function* readXlsxRows(
  path: string,
  limits: Partial<ArchiveLimits> = {},
): AsyncGenerator<RawRow[]> {
  await checkXlsxArchive(path, { ...ARCHIVE_LIMITS, ...limits });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let batch: RawRow[] = [];
    for await (const row of sheet) {
      const cells = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
      const values: string[] = [];
      let formulaColumn = -1;
      let errorColumn = -1;
      for (let i = 0; i < cells.length; i++) {
        const cell = cellText(cells[i]);
        values.push(cell.text);
        if (cell.formula && formulaColumn < 0) formulaColumn = i;
        if (cell.error && errorColumn < 0) errorColumn = i;
      }
      let problem: RawRow['problem'];
      if (errorColumn >= 0) {
        problem = {
          code: 'FORMULA',
          message: `column ${errorColumn + 1} holds an error or a formula with no cached value`,
          fatal: true,
        };
      } else if (formulaColumn >= 0) {
        problem = {
          code: 'FORMULA',
          message: `column ${formulaColumn + 1} is a formula; its cached value was used`,
          fatal: false,
        };
      }
      batch.push({ line: row.number, values, ...(problem ? { problem } : {}) });
      if (batch.length >= 1024) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return; // first worksheet only
  }
}
