import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { detectEncoding, ENCODING_NAMES, sampleFile, type TextEncoding } from './detect-encoding.js';
import { refuseFile } from './file-refusal.js';
import type { InputProblem, RawRow } from './read-records.js';

async function* decoded(path: string, encoding: TextEncoding): AsyncGenerator<string> {
  // Not fatal: bytes the encoding cannot decode become U+FFFD, reported as BAD_ENCODING on their line.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Bytes for UTF-8 (csv-parse decodes them itself, faster); decoded text for anything else. */
function source(path: string, encoding: TextEncoding): Readable {
  return encoding === 'utf-8'
    ? createReadStream(path, { highWaterMark: 1 << 20 })
    : Readable.from(decoded(path, encoding));
}

/** The encoding to read the file in; anything but UTF-8 is noted once, naming what was used. */
async function chooseEncoding(path: string, report: (p: InputProblem) => void): Promise<TextEncoding> {
  const detected = detectEncoding(await sampleFile(path));
  if ('unsupported' in detected) {
    const reason = `the file is ${detected.unsupported}, which cannot be read; save it as UTF-8`;
    throw refuseFile('UNSUPPORTED_ENCODING', path, reason, { encoding: detected.unsupported });
  }
  if (detected.encoding !== 'utf-8') {
    const name = ENCODING_NAMES[detected.encoding];
    report({
      line: 1,
      code: 'ENCODING',
      message: `file is not UTF-8; read as ${name}`,
      params: { encoding: name },
    });
  }
  return detected.encoding;
}

const BATCH = 2048;

export async function* readCsvRows(
  path: string,
  report: (p: InputProblem) => void,
): AsyncGenerator<RawRow[]> {
  const encoding = await chooseEncoding(path, report);
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
