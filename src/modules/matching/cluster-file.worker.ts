/** The thread an import reads its file on: clusterFile with the options it was started with, reported back. */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { ClusterFileOptions } from './cluster-file.js';
import { clusterFile } from './cluster-file.js';
import type { ClusterThreadMessage } from './cluster-file-thread.js';

const post = (message: ClusterThreadMessage) => parentPort?.postMessage(message);

try {
  const result = await clusterFile(workerData as ClusterFileOptions, (phase, done, total) =>
    post({ type: 'progress', phase, done, total }),
  );
  post({ type: 'done', result });
} catch (error) {
  if (error instanceof AppError)
    post({ type: 'error', message: error.message, code: error.code, details: error.details });
  else post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
