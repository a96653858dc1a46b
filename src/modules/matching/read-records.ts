import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../errors.js';
import type { ColumnMap } from './input-columns.js';
import { mapColumns, rowToRecord } from './input-columns.js';
import type { RecordInput } from './normalize.js';
import { readXlsxRows } from './read-xlsx.js';

export type InputProblemCode =
  | 'ENCODING'
  | 'UNKNOWN_COLUMN'
  | 'CSV_SYNTAX'
  | 'RAGGED_LINE'
  | 'BAD_ENCODING'
  | 'FIELD_TOO_LARGE'
  | 'MISSING_ID'
  | 'ID_FROM_LINE'
  | 'DUPLICATE_ID'
  | 'MISSING_NAME'
  | 'FORMULA';

/** Problems that concern the whole file (found at its header), not one row. */
export const FILE_NOTES: ReadonlySet<InputProblemCode> = new Set([
  'ENCODING',
  'UNKNOWN_COLUMN',
  'ID_FROM_LINE',
]);

export interface InputProblem {
  /** 1-based line (CSV) or row (XLSX) where the record starts; 1 for problems with the header or file. */
  line: number;
  code: InputProblemCode;
  message: string;
  id?: string;
  column?: string;
}

export interface InputRow {
  line: number;
  id: string;
  /** null when the row cannot be used; `problem` says why. */
  record: RecordInput | null;
  problem: InputProblem | null;
}

export interface ReadOptions {
  /** Every problem, as found: file-level ones once, row-level ones per row. */
  onProblem?: (problem: InputProblem) => void;
  /** Longer fields are refused (a 10 MB cell is an accident, not a company name). Default 65 536. */
  maxFieldChars?: number;
}

/** A row as the file holds it, before we know what the columns mean. */
export interface RawRow {
  line: number;
  values: string[];
  /** A row-level problem found while reading (ragged line, formula). */
  problem?: { code: InputProblemCode; message: string; column?: string; fatal: boolean };
}

const SNIFF_BYTES = 64 * 1024;

/** UTF-8 unless the start of the file is not valid UTF-8 but is valid GB18030 (Excel's CSV on Chinese Windows). */
async function detectEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      return 'utf-8';
    } catch {
      try {
        new TextDecoder('gb18030', { fatal: true }).decode(head, { stream: true });
        return 'gb18030';
      } catch {
        return 'utf-8'; // neither: read as UTF-8 and report the damaged rows
      }
    }
  } finally {
    await file.close();
  }
}

async function* decoded(path: string, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Bytes for UTF-8 (csv-parse decodes them itself, faster); decoded text for anything else. */
function source(path: string, encoding: string): Readable {
  return encoding === 'utf-8'
    ? createReadStream(path, { highWaterMark: 1 << 20 })
    : Readable.from(decoded(path, encoding));
}

const BATCH = 2048;

async function* readCsvRows(path: string, report: (p: InputProblem) => void): AsyncGenerator<RawRow[]> {
  const encoding = await detectEncoding(path);
  if (encoding !== 'utf-8') {
    report({ line: 1, code: 'ENCODING', message: 'file is not UTF-8; read as GB18030' });
  }
  // Lines are counted here rather than with csv-parse's `info` (a third of its time): every record ends
  // with one line break, plus any inside quoted fields; empty lines come through as [''] and count too.
  let nextLine = 1;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const at = typeof error?.lines === 'number' ? error.lines : nextLine;
      report({ line: nextLine, code: 'CSV_SYNTAX', message: error?.message ?? 'unreadable CSV' });
      nextLine = at + 1;
      return undefined;
    },
  });
  let ended = false;
  let failure: unknown = null;
  parser.once('end', () => (ended = true));
  parser.once('error', (error) => (failure = error));
  const input = source(path, encoding);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let width = -1;
  // Pulled in batches: one await per batch rather than per row keeps parsing at csv-parse's own speed,
  // and not reading is what applies backpressure to the file stream.
  for (;;) {
    const batch: RawRow[] = [];
    let record: string[] | null;
    while (batch.length < BATCH && (record = parser.read() as string[] | null) !== null) {
      const line = nextLine;
      nextLine++;
      for (const field of record) {
        for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) nextLine++;
      }
      if (record.length === 1 && record[0] === '') continue; // an empty line
      if (width < 0) width = record.length;
      const row: RawRow = { line, values: record };
      if (record.length !== width) {
        row.problem = {
          code: 'RAGGED_LINE',
          message: `${record.length} fields where the header has ${width}`,
          fatal: true,
        };
      }
      batch.push(row);
    }
    if (batch.length) {
      yield batch;
      continue;
    }
    if (failure) throw failure instanceof Error ? failure : new Error('CSV parser failed');
    if (ended) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        parser.off('readable', wake);
        parser.off('end', wake);
        parser.off('error', wake);
        resolve();
      };
      parser.on('readable', wake);
      parser.on('end', wake);
      parser.on('error', wake);
    });
  }
}

function rawRows(path: string, report: (p: InputProblem) => void): AsyncGenerator<RawRow[]> {
  return extname(path).toLowerCase() === '.xlsx' ? readXlsxRows(path) : readCsvRows(path, report);
}

/**
 * The records of a CSV (UTF-8 with or without BOM; GB18030 detected) or XLSX file, streamed in batches.
 * The first row names the columns (see input-columns.ts); a `name` column is required, and without an `id`
 * column each row's id is its line number (reported once as ID_FROM_LINE). Bad rows
 * are reported with their line and yielded without a record when they have an id, so every id can be
 * accounted for; rows without an id are only reported. Nothing is thrown for a bad row; a file without a name
 * column is refused.
 */
export async function* readRecordBatches(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<InputRow[]> {
  const report = options.onProblem ?? (() => undefined);
  const maxField = options.maxFieldChars ?? 65_536;
  let map: ColumnMap | null = null;
  const ids = new Set<string>();
  for await (const raws of rawRows(path, report)) {
    const out: InputRow[] = [];
    for (const raw of raws) {
      if (!map) {
        map = mapColumns(raw.values);
        if (map.missing.length) {
          throw new AppError(
            'VALIDATION_FAILED',
            `${path}: no ${map.missing.join(' or ')} column in the header`,
            {
              missing: map.missing,
              headers: raw.values,
            },
          );
        }
        if (!map.hasId) {
          report({
            line: raw.line,
            code: 'ID_FROM_LINE',
            message: 'no id column: each row is identified by its line number',
          });
        }
        for (const column of map.unknown) {
          report({
            line: raw.line,
            code: 'UNKNOWN_COLUMN',
            message: `column "${column}" is not used`,
            column,
          });
        }
        continue;
      }
      const row = checkRow(raw, map, ids, maxField, report);
      if (row) out.push(row);
    }
    if (out.length) yield out;
  }
}

/** One record at a time; see readRecordBatches. */
export async function* readRecords(path: string, options: ReadOptions = {}): AsyncGenerator<InputRow> {
  for await (const batch of readRecordBatches(path, options)) yield* batch;
}

function checkRow(
  raw: RawRow,
  map: ColumnMap,
  ids: Set<string>,
  maxField: number,
  report: (p: InputProblem) => void,
): InputRow | null {
  let big = -1;
  let blank = true;
  let damaged = false;
  for (let i = 0; i < raw.values.length; i++) {
    const v = raw.values[i] ?? '';
    if (v.length > maxField && big < 0) big = i;
    if (blank && v.trim()) blank = false;
    if (!damaged && v.includes('\ufffd')) damaged = true;
  }
  if (blank) return null;
  const parsed = rowToRecord(map, big >= 0 ? raw.values.map((v) => v.slice(0, 200)) : raw.values);
  const { record } = parsed;
  const id = map.hasId ? parsed.id : String(raw.line);
  const fail = (code: InputProblemCode, message: string, column?: string): InputRow => {
    const problem: InputProblem = {
      line: raw.line,
      code,
      message,
      ...(id ? { id } : {}),
      ...(column ? { column } : {}),
    };
    report(problem);
    return { line: raw.line, id, record: null, problem };
  };
  if (!id) {
    fail('MISSING_ID', 'row has no id');
    return null;
  }
  if (ids.has(id)) {
    fail('DUPLICATE_ID', `id ${id} already used by an earlier row`);
    return null;
  }
  ids.add(id);
  if (raw.problem?.fatal) return fail(raw.problem.code, raw.problem.message, raw.problem.column);
  if (big >= 0)
    return fail('FIELD_TOO_LARGE', `field ${big + 1} has ${raw.values[big]?.length ?? 0} characters`);
  if (damaged) return fail('BAD_ENCODING', 'row contains bytes that are not text');
  if (!record.name) return fail('MISSING_NAME', 'row has no company name');
  if (raw.problem) {
    const { code, message, column } = raw.problem;
    report({ line: raw.line, code, message, id, ...(column ? { column } : {}) });
  }
  return { line: raw.line, id, record, problem: null };
}
