import type { DedupeOptions, DedupeProgress, DedupeStats } from './dedupe.js';
import { dedupeFeatures } from './dedupe.js';
import { statSync } from 'node:fs';
import { AppError, type ErrorCode } from '../../errors.js';
import { KeyHashes } from './key-index.js';
import type { NormalizedBatch } from './normalize-pool.js';
import { NormalizePool } from './normalize-pool.js';
import type { Features, FeatureProblem, RecordInput } from './normalize.js';
import type { InputProblem, InputProblemCode } from './read-records.js';
import { readRecordBatches } from './read-records.js';
import type { OutputRow } from './write-results.js';
import { BULK_RESOURCE_LIMITS, startWorker } from './workers.js';
import { writeResults } from './write-results.js';

export interface RunDedupeOptions extends DedupeOptions {
  input: string;
  output: string;
  onProblem?: (problem: InputProblem) => void;
  /** Longest accepted field; see readRecords. */
  maxFieldChars?: number;
  /** UTF-8 BOM at the start of the output (for Excel). Default true. */
  bom?: boolean;
  /**
   * Run on worker threads: the dedupe on one (with a larger young generation), normalisation on one more
   * per spare core. Default: for inputs over 8 MB. Small inputs (and tests) run on the calling thread.
   */
  parallel?: boolean;
}

const PARALLEL_THRESHOLD_BYTES = 8 * 2 ** 20;
const MAX_BATCHES_IN_FLIGHT = 8;

/** What crosses to the dedupe thread: the options without callbacks. */
export type DedupeThreadOptions = Omit<RunDedupeOptions, 'onProgress' | 'onProblem'>;

export type DedupeThreadMessage =
  | { type: 'progress'; progress: DedupeProgress }
  | { type: 'problem'; problem: InputProblem }
  | { type: 'done'; summary: RunDedupeSummary }
  | { type: 'error'; message: string; code?: string; details?: Record<string, unknown> };

/**
 * `fairshare dedupe INPUT --out OUTPUT`: read, normalise, cluster, write. Every input row with an id is
 * written exactly once, in input order; rows that could not be used get verdict 'invalid' and the reason.
 */
export async function runDedupe(options: RunDedupeOptions): Promise<RunDedupeSummary> {
  const parallel = options.parallel ?? statSync(options.input).size > PARALLEL_THRESHOLD_BYTES;
  if (!parallel) return dedupeFile(options, 0);
  const { onProgress, onProblem, ...plain } = options;
  const worker = startWorker('dedupe.worker', { workerData: plain, resourceLimits: BULK_RESOURCE_LIMITS });
  return new Promise<RunDedupeSummary>((resolve, reject) => {
    worker.on('message', (message: DedupeThreadMessage) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.progress);
          break;
        case 'problem':
          onProblem?.(message.problem);
          break;
        case 'done':
          resolve(message.summary);
          break;
        case 'error':
          reject(
            message.code
              ? new AppError(message.code as ErrorCode, message.message, message.details)
              : new Error(message.message),
          );
          break;
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`dedupe thread exited with code ${code}`)));
  });
}

export interface RunDedupeSummary {
  input: string;
  output: string;
  /** Rows written: every input row that had an id, each exactly once. */
  rows: number;
  /** Rows written with verdict 'invalid' (reported, not matched). */
  invalidRows: number;
  /** Input problems by code, including rows without an id that could not be written. */
  problems: Partial<Record<InputProblemCode, number>>;
  /** Values that were ignored inside valid rows (bad phone, USCC failing its check…), by field. */
  ignoredValues: Partial<Record<FeatureProblem['field'], number>>;
  stats: DedupeStats;
  wallMs: number;
}

function describe(problem: FeatureProblem): string {
  return `${problem.field} ${problem.value} ignored (${problem.problem})`;
}

/** The dedupe itself, on this thread, with `helpers` worker threads normalising. */
export async function dedupeFile(options: RunDedupeOptions, helpers: number): Promise<RunDedupeSummary> {
  const started = Date.now();
  const { onProgress } = options;
  const problems: RunDedupeSummary['problems'] = {};
  const ignoredValues: RunDedupeSummary['ignoredValues'] = {};
  const ids: string[] = [];
  const features: Features[] = [];
  const keys = new KeyHashes();
  const invalid: OutputRow[] = [];
  // Output order: >= 0 is an index into features, < 0 is -(index into invalid) - 1.
  const order: number[] = [];

  let inputHeaders: readonly string[] = [];
  const onProblem = (problem: InputProblem) => {
    problems[problem.code] = (problems[problem.code] ?? 0) + 1;
    options.onProblem?.(problem);
  };
  const pool = new NormalizePool(helpers);
  // Batches in flight, oldest first; results are appended strictly in submission order.
  const inflight: Promise<NormalizedBatch>[] = [];
  const collect = async () => {
    const batch = await inflight.shift();
    if (!batch) return;
    for (const f of batch.features) {
      for (const p of f.problems) ignoredValues[p.field] = (ignoredValues[p.field] ?? 0) + 1;
      features.push(f);
    }
    keys.append(batch.keys);
  };
  try {
    onProgress?.({ phase: 'read', done: 0, total: 0 });
    let submitted = 0;
    for await (const batch of readRecordBatches(options.input, {
      onProblem,
      onHeader: (headers) => (inputHeaders = [...headers]),
      ...(options.maxFieldChars ? { maxFieldChars: options.maxFieldChars } : {}),
    })) {
      const records: RecordInput[] = [];
      for (const row of batch) {
        if (row.record) {
          order.push(submitted++);
          ids.push(row.id);
          records.push(row.record);
        } else {
          order.push(-invalid.length - 1);
          invalid.push({
            id: row.id,
            clusterId: '',
            verdict: 'invalid',
            score: null,
            reasons: `line ${row.line}: ${row.problem?.message ?? 'unusable row'}`,
          });
        }
      }
      if (records.length) {
        const normalized = pool.normalize(records);
        normalized.catch(() => undefined); // awaited in order by collect(); a failure surfaces there
        inflight.push(normalized);
      }
      while (inflight.length > MAX_BATCHES_IN_FLIGHT) await collect();
      onProgress?.({ phase: 'read', done: order.length, total: 0 });
    }
    while (inflight.length) await collect();
  } finally {
    await pool.close();
  }
  onProgress?.({ phase: 'read', done: order.length, total: order.length });

  const result = dedupeFeatures(ids, features, { ...options, keys });

  // The input's cells are read again while writing rather than held: a second pass costs a little time,
  // holding every cell of a million-row file would cost its size in memory. Both passes yield the same rows
  // in the same order (rows without an id are in neither).
  async function* rows(): AsyncGenerator<OutputRow> {
    let k = 0;
    for await (const batch of readRecordBatches(options.input, {
      withValues: true,
      ...(options.maxFieldChars ? { maxFieldChars: options.maxFieldChars } : {}),
    })) {
      for (const input of batch) {
        const at = order[k] ?? 0;
        let row: OutputRow | undefined;
        if (at < 0) row = invalid[-at - 1];
        else {
          row = result.row(at);
          const bad = features[at]?.problems ?? [];
          if (bad.length) row.reasons = [row.reasons, ...bad.map(describe)].filter(Boolean).join(' | ');
        }
        if (row) yield { ...row, values: input.values };
        if ((k & 0x3fff) === 0) onProgress?.({ phase: 'write', done: k, total: order.length });
        k++;
      }
    }
  }
  const written = await writeResults(options.output, rows(), {
    inputHeaders,
    ...(options.bom === false ? { bom: false } : {}),
  });
  onProgress?.({ phase: 'write', done: written, total: written });

  return {
    input: options.input,
    output: options.output,
    rows: written,
    invalidRows: invalid.length,
    problems,
    ignoredValues,
    stats: result.stats,
    wallMs: Date.now() - started,
  };
}
