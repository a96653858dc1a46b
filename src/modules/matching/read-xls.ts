import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { RawRow } from './read-records.js';

// Excel 95 and older store text in the workbook's code page (GBK for Chinese Windows): the tables decode it.
XLSX.set_cptable(cptable);

function cellText(cell: XLSX.CellObject | undefined): { text: string; error: boolean } {
  if (!cell || cell.v === undefined || cell.v === null) return { text: '', error: cell?.t === 'e' };
  if (cell.t === 'e') return { text: '', error: true };
  if (cell.v instanceof Date) return { text: cell.v.toISOString().slice(0, 10), error: false };
  // Numbers as digits, not as the cell's display format: a phone typed as a number is not 1.38E+10.
  return { text: String(cell.v), error: false };
}

/**
 * Rows of the first worksheet of an old Excel workbook (BIFF .xls, or the HTML tables some systems save
 * under that name). The format cannot be streamed, so the whole sheet is parsed at once: like every upload
 * it is read on the import's memory-limited thread, after the upload's size cap. A cell holding an error
 * value makes its row unusable, as in XLSX.
 */
export async function* readXlsRows(path: string): AsyncGenerator<RawRow[]> {
  const workbook = XLSX.read(await readFile(path), {
    type: 'buffer',
    sheets: 0,
    dense: true,
    cellDates: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    cellText: false,
  });
  const name = workbook.SheetNames[0];
  const sheet = name ? workbook.Sheets[name] : undefined;
  if (!sheet?.['!ref']) return;
  const start = XLSX.utils.decode_range(sheet['!ref']).s.r;
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  let batch: RawRow[] = [];
  for (let r = start; r < data.length; r++) {
    const cells = data[r] ?? [];
    const values: string[] = [];
    let errorColumn = -1;
    for (let c = 0; c < cells.length; c++) {
      const cell = cellText(cells[c]);
      values.push(cell.text);
      if (cell.error && errorColumn < 0) errorColumn = c;
    }
    const problem: RawRow['problem'] =
      errorColumn >= 0
        ? { code: 'FORMULA', message: `column ${errorColumn + 1} holds an error value`, fatal: true }
        : undefined;
    batch.push({ line: r + 1, values, ...(problem ? { problem } : {}) });
    if (batch.length >= 1024) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
