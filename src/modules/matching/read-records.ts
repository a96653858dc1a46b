import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { storableText, unstorableAt } from '../../kernel/storable-text.js';
import { refuseFile } from './file-refusal.js';
import type { ColumnMap } from './input-columns.js';
import { mapColumns, rowToRecord } from './input-columns.js';
import type { RecordInput } from './normalize.js';
import { readCsvRows } from './read-csv.js';
import { readXlsxRows } from './read-xlsx.js';
import type { InputProblem, InputProblemCode } from './input-problems.schema.js';
import type { ArchiveLimits } from './xlsx-archive.js';

export { FILE_NOTES, type InputProblem, type InputProblemCode } from './input-problems.schema.js';

export interface InputRow {
  line: number;
  id: string;
  /** null when the row cannot be used; `problem` says why. */
  record: RecordInput | null;
  problem: InputProblem | null;
  /** The row's cells as the file holds them, when `withValues` asked for them. */
  values?: readonly string[];
}

export interface ReadOptions {
  /** Every problem, as found: file-level ones once, row-level ones per row. */
  onProblem?: (problem: InputProblem) => void;
  /** Longer fields are refused (a 10 MB cell is an accident, not a company name). Default 65 536. */
  maxFieldChars?: number;
  /** What an XLSX may expand to; see xlsx-archive.ts. */
  archiveLimits?: Partial<ArchiveLimits>;
  /** Called once with the header row as the file names its columns. */
  onHeader?: (headers: readonly string[]) => void;
  /** Give each row its cells as read (for writing the input's columns back out). */
  withValues?: boolean;
}

/** A row as the file holds it, before we know what the columns mean. */
export interface RawRow {
  line: number;
  values: string[];
  /** A row-level problem found while reading (ragged line, formula). */
  problem?: { code: InputProblemCode; message: string; column?: string; fatal: boolean };
}

/** A ZIP archive: an .xls that is really an XLSX goes through the archive checks, not a whole-file parse. */
async function isZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    return head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await file.close();
  }
}

async function* rawRows(
  path: string,
  report: (p: InputProblem) => void,
  options: ReadOptions,
): AsyncGenerator<RawRow[]> {
  const format = extname(path).toLowerCase();
  if (format === '.xlsx' || (format === '.xls' && (await isZip(path))))
    yield* readXlsxRows(path, options.archiveLimits);
  // Loaded only for an .xls: SheetJS and its code pages would otherwise take a share of every reading
  // thread's bounded heap.
  else if (format === '.xls') yield* (await import('./read-xls.js')).readXlsRows(path);
  else yield* readCsvRows(path, report);
}

/**
 * The rows of a CSV (encoding detected) or XLSX file as cells, in batches, before anything interprets the
 * columns: for files that are not customer lists (transactions), read with the same checks.
 */
export async function* readRawRows(
  path: string,
  report: (p: InputProblem) => void,
  options: ReadOptions = {},
): AsyncGenerator<RawRow[]> {
  yield* rawRows(path, (p) => report(storableProblem(p)), options);
}

/**
 * Problems quote the file (ids, headers): what the database cannot store is replaced, so a damaged file's
 * problems can still be recorded.
 */
function storableProblem(p: InputProblem): InputProblem {
  return {
    ...p,
    message: storableText(p.message),
    ...(p.id !== undefined && { id: storableText(p.id) }),
    ...(p.column !== undefined && { column: storableText(p.column) }),
  };
}

/**
 * The records of a CSV (encoding detected: see detect-encoding.ts) or XLSX file, streamed in batches.
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
  const onProblem = options.onProblem ?? (() => undefined);
  const report = (p: InputProblem) => onProblem(storableProblem(p));
  const maxField = options.maxFieldChars ?? 65_536;
  let map: ColumnMap | null = null;
  let headers: readonly string[] = [];
  const ids = new Set<string>();
  for await (const raws of rawRows(path, report, options)) {
    const out: InputRow[] = [];
    for (const raw of raws) {
      if (!map) {
        map = mapColumns(raw.values);
        headers = raw.values;
        options.onHeader?.(headers);
        if (map.missing.length) {
          const reason = `no ${map.missing.join(' or ')} column in the header`;
          throw refuseFile('NO_NAME_COLUMN', path, reason, undefined, {
            missing: map.missing,
            headers: raw.values.map(storableText),
          });
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
      const row = checkRow(raw, map, headers, ids, maxField, report);
      if (row) out.push(options.withValues ? { ...row, values: raw.values } : row);
    }
    if (out.length) yield out;
  }
}

/** One record at a time; see readRecordBatches. */
export async function* readRecords(path: string, options: ReadOptions = {}): AsyncGenerator<InputRow> {
  for await (const batch of readRecordBatches(path, options)) yield* batch;
}

/**
 * A line of notes, as the import template has below its header: a first cell starting with # and nothing
 * else on the row. It is no customer and is not counted.
 */
const isComment = (values: readonly string[]) =>
  (values[0] ?? '').trimStart().startsWith('#') && values.slice(1).every((v) => !v.trim());

/** How a problem names column `i`: its header, or its number when the header is blank. */
const columnName = (headers: readonly string[], i: number) => headers[i]?.trim() || String(i + 1);

function checkRow(
  raw: RawRow,
  map: ColumnMap,
  headers: readonly string[],
  ids: Set<string>,
  maxField: number,
  report: (p: InputProblem) => void,
): InputRow | null {
  let big = -1;
  let blank = true;
  let damaged = -1;
  let unstorable = -1;
  for (let i = 0; i < raw.values.length; i++) {
    const v = raw.values[i] ?? '';
    if (v.length > maxField && big < 0) big = i;
    if (blank && v.trim()) blank = false;
    if (damaged < 0 && v.includes('\ufffd')) damaged = i;
    if (unstorable < 0 && unstorableAt(v) >= 0) unstorable = i;
  }
  if (blank || isComment(raw.values)) return null;
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
  if (damaged >= 0) {
    const message = `column ${damaged + 1} holds bytes the file's encoding cannot decode`;
    return fail('BAD_ENCODING', message, columnName(headers, damaged));
  }
  // A NUL or a lone surrogate means a damaged cell (or a file that is not text). The row is not used rather
  // than cleaned: which part of the damaged text is the name is a guess, and the database could not store it.
  if (unstorable >= 0) {
    const value = raw.values[unstorable] ?? '';
    const at = value.charCodeAt(unstorableAt(value));
    const char = `U+${at.toString(16).toUpperCase().padStart(4, '0')}`;
    const message = `column ${unstorable + 1} holds ${char}, which is not text`;
    return fail('BAD_CHARACTER', message, columnName(headers, unstorable));
  }
  if (!record.name) return fail('MISSING_NAME', 'row has no company name');
  if (raw.problem) {
    const { code, message, column } = raw.problem;
    report({ line: raw.line, code, message, id, ...(column ? { column } : {}) });
  }
  return { line: raw.line, id, record, problem: null };
}
