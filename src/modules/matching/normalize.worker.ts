/**
 * Normalisation worker for bulk dedupe: records in, features and their blocking-key hashes out. Runs the
 * CPU-heavy part of reading (Chinese conversion, pinyin, phone parsing) beside the thread that parses
 * the file and later scores.
 */
import { parentPort } from 'node:worker_threads';
import { KeyHashes } from './key-index.js';
import type { RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';

export interface NormalizeRequest {
  id: number;
  records: RecordInput[];
}

parentPort?.on('message', (request: NormalizeRequest) => {
  const keys = new KeyHashes();
  const features = request.records.map((record) => {
    const f = normalizeRecord(record);
    keys.add(f);
    return f;
  });
  const batch = keys.take();
  parentPort?.postMessage({ id: request.id, features, keys: batch }, [
    batch.hashes.buffer,
    batch.counts.buffer,
    batch.partial.buffer,
  ]);
});
