import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField, neutralizeCell } from './spreadsheet.js';

export type CellValue = string | number | null;

export interface Column<T> {
  header: string;
  value: (row: T) => CellValue;
}

export type TableFormat = 'csv' | 'xlsx';

/**
 * Writes rows, arriving a batch at a time, as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX
 * (streamed: no workbook is ever held whole), waiting for `out` to drain: memory stays flat at any size.
 * Text is never a formula in either. Returns the number of rows written.
 */
export async function writeTable<T>(
  out: Writable,
  format: TableFormat,
  sheet: string,
  columns: readonly Column<T>[],
  batches: AsyncIterable<readonly T[]>,
): Promise<number> {
  return format === 'csv' ? writeCsv(out, columns, batches) : writeXlsx(out, sheet, columns, batches);
}

async function writeCsv<T>(
  out: Writable,
  columns: readonly Column<T>[],
  batches: AsyncIterable<readonly T[]>,
) {
  const cell = (v: CellValue) => (v === null ? '' : typeof v === 'number' ? String(v) : csvField(v));
  let rows = 0;
  let chunk = `\ufeff${columns.map((c) => csvField(c.header)).join(',')}\r\n`;
  for await (const batch of batches) {
    for (const row of batch) chunk += `${columns.map((c) => cell(c.value(row))).join(',')}\r\n`;
    rows += batch.length;
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
  out.end(chunk);
  return rows;
}

async function writeXlsx<T>(
  out: Writable,
  sheet: string,
  columns: readonly Column<T>[],
  batches: AsyncIterable<readonly T[]>,
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow(columns.map((c) => c.header)).commit();
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch)
      worksheet
        .addRow(
          columns.map((c) => {
            const v = c.value(row);
            return typeof v === 'string' ? neutralizeCell(v) : v;
          }),
        )
        .commit();
    rows += batch.length;
    // The writer queues into `out`; give the consumer a chance to take what is queued.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  worksheet.commit();
  await workbook.commit();
  return rows;
}

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly CellValue[])[];
}

/**
 * A small workbook of several sheets (a template and its explanation), for tables of a few rows. Text is
 * never a formula, as in writeTable.
 */
export async function writeSheets(out: Writable, sheets: readonly Sheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const cell = (v: CellValue) => (typeof v === 'string' ? neutralizeCell(v) : v);
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.header.map(cell)).commit();
    for (const row of sheet.rows) worksheet.addRow(row.map(cell)).commit();
    worksheet.commit();
  }
  await workbook.commit();
}
