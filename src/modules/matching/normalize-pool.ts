import type { Worker } from 'node:worker_threads';
import { KeyHashes } from './key-index.js';
import type { Features, RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';
import { regionByName } from './regions.js';
import { BULK_RESOURCE_LIMITS, startWorker } from './workers.js';

const QUEUED_PER_WORKER = 2;

export interface NormalizedBatch {
  features: Features[];
  keys: { hashes: Float64Array; counts: Uint8Array; partial: Uint8Array };
}

/**
 * Normalises batches of records, in order, on worker threads (or inline when `threads` is 0). Results
 * come back in submission order whatever thread did them.
 */
export class NormalizePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (batch: NormalizedBatch) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;
  private next = 0;

  constructor(threads: number) {
    for (let t = 0; t < threads; t++) {
      const worker = startWorker('normalize.worker', { resourceLimits: BULK_RESOURCE_LIMITS });
      worker.on('message', (message: NormalizedBatch & { id: number }) => {
        for (const f of message.features) relink(f);
        this.waiting.get(message.id)?.resolve(message);
        this.waiting.delete(message.id);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const { reject } of this.waiting.values()) reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  normalize(records: RecordInput[]): Promise<NormalizedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const worker = this.workers[id % Math.max(1, this.workers.length)];
    // When the workers already have enough queued, this thread takes the batch itself: the thread that
    // parses has time to spare, and on two cores that is half the machine.
    if (!worker || this.waiting.size >= this.workers.length * QUEUED_PER_WORKER) {
      const keys = new KeyHashes();
      const features = records.map((record) => {
        const f = normalizeRecord(record);
        keys.add(f);
        return f;
      });
      return Promise.resolve({ features, keys: keys.take() });
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, records });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Features arrive as copies: point regions back at the shared table and empty lists at one shared empty
 * list, so a million records do not keep millions of duplicate small objects alive.
 */
function relink(f: Features) {
  if (f.region) f.region = regionByName(f.region.name) ?? f.region;
  if (f.phones.length === 0) f.phones = NONE;
  if (f.emails.length === 0) f.emails = NONE;
  if (f.domains.length === 0) f.domains = NONE;
  if (f.problems.length === 0) f.problems = NONE;
}
