import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvField } from '../../kernel/spreadsheet.js';
import type { DedupeRow } from './dedupe.js';

export interface OutputRow extends Omit<DedupeRow, 'verdict'> {
  verdict: DedupeRow['verdict'] | 'invalid';
}

export const RESULT_HEADER = ['id', 'cluster_id', 'verdict', 'score', 'reasons'] as const;

export function resultLine(row: OutputRow): string {
  const score = row.score === null ? '' : row.score.toFixed(3);
  return `${csvField(row.id)},${csvField(row.clusterId)},${row.verdict},${score},${csvField(row.reasons)}\r\n`;
}

export interface WriteOptions {
  /** Start with a UTF-8 BOM so Excel shows Chinese correctly. Default true. */
  bom?: boolean;
}

/** Write result rows as CSV (id, cluster_id, verdict, score, reasons), streaming with backpressure. */
export async function writeResults(
  path: string,
  rows: Iterable<OutputRow> | AsyncIterable<OutputRow>,
  options: WriteOptions = {},
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
  let chunk = `${options.bom === false ? '' : '\ufeff'}${RESULT_HEADER.join(',')}\r\n`;
  let count = 0;
  for await (const row of rows) {
    chunk += resultLine(row);
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
