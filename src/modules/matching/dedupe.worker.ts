/** The dedupe thread: runs dedupeFile with the options it was started with and reports back. */
import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { DedupeThreadMessage, DedupeThreadOptions } from './run-dedupe.js';
import { dedupeFile } from './run-dedupe.js';

const post = (message: DedupeThreadMessage) => parentPort?.postMessage(message);
const options = workerData as DedupeThreadOptions;

try {
  // This thread parses and scores; the other cores normalise.
  const summary = await dedupeFile(
    {
      ...options,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onProblem: (problem) => post({ type: 'problem', problem }),
    },
    Math.max(1, availableParallelism() - 1),
  );
  post({ type: 'done', summary });
} catch (error) {
  if (error instanceof AppError)
    post({ type: 'error', message: error.message, code: error.code, details: error.details });
  else
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
