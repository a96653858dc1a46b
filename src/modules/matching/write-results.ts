import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { csvField, neutralizeCell } from '../../kernel/spreadsheet.js';
import { writeTable, type Column } from '../../kernel/table-writer.js';
import type { DedupeRow } from './dedupe.js';

export interface OutputRow extends Omit<DedupeRow, 'verdict'> {
  verdict: DedupeRow['verdict'] | 'invalid';
  /** The input row's cells, in the input's column order. */
  values?: readonly string[] | undefined;
}

export const RESULT_HEADER = ['id', 'cluster_id', 'verdict', 'score', 'reasons'] as const;

/**
 * The output's header: the result columns, then every input column under its own name. An input column
 * named like a result column (an input `id`) is written as `<name> (input)`, so no header is repeated.
 */
export function outputHeader(inputHeaders: readonly string[]): string[] {
  const taken = new Set<string>(RESULT_HEADER);
  return [
    ...RESULT_HEADER,
    ...inputHeaders.map((h, i) => {
      let name = h.trim() ? h : `column ${i + 1}`;
      while (taken.has(name)) name = `${name} (input)`;
      taken.add(name);
      return name;
    }),
  ];
}

const scoreText = (row: OutputRow) => (row.score === null ? '' : row.score.toFixed(3));

/** Every cell is neutralised (csvField): input cells starting with = are as dangerous as ids. */
export function resultLine(row: OutputRow, inputColumns = 0): string {
  let line = `${csvField(row.id)},${csvField(row.clusterId)},${row.verdict},${scoreText(row)},${csvField(row.reasons)}`;
  for (let i = 0; i < inputColumns; i++) line += `,${csvField(row.values?.[i] ?? '')}`;
  return `${line}\r\n`;
}

export interface WriteOptions {
  /** Start a CSV with a UTF-8 BOM so Excel shows Chinese correctly. Default true. */
  bom?: boolean;
  /** The input's header row: its columns are written after the result columns, in input order. */
  inputHeaders?: readonly string[];
}

/**
 * Write result rows (id, cluster_id, verdict, score, reasons, then the input's columns) as CSV, or as XLSX
 * when `path` ends in .xlsx, streaming with backpressure.
 */
export async function writeResults(
  path: string,
  rows: Iterable<OutputRow> | AsyncIterable<OutputRow>,
  options: WriteOptions = {},
): Promise<number> {
  const inputHeaders = options.inputHeaders ?? [];
  const header = outputHeader(inputHeaders);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
  if (extname(path).toLowerCase() === '.xlsx') {
    const columns: Column<OutputRow>[] = header.map((name, i) => ({
      header: neutralizeCell(name),
      value: (row) => {
        switch (i) {
          case 0:
            return row.id;
          case 1:
            return row.clusterId;
          case 2:
            return row.verdict;
          case 3:
            return row.score === null ? null : Number(row.score.toFixed(3));
          case 4:
            return row.reasons;
          default:
            return row.values?.[i - RESULT_HEADER.length] ?? '';
        }
      },
    }));
    const count = await Promise.race([writeTable(out, 'xlsx', 'dedupe', columns, batched(rows)), failed]);
    if (!out.writableFinished) await Promise.race([once(out, 'finish'), failed]);
    return count;
  }
  let chunk = `${options.bom === false ? '' : '\ufeff'}${header.map(csvField).join(',')}\r\n`;
  let count = 0;
  for await (const row of rows) {
    chunk += resultLine(row, inputHeaders.length);
    count++;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

async function* batched(rows: Iterable<OutputRow> | AsyncIterable<OutputRow>, size = 1000) {
  let batch: OutputRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
