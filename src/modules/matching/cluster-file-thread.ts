import { AppError, type ErrorCode } from '../../errors.js';
import type { ClusteredFile, ClusterFileOptions, ClusterProgress } from './cluster-file.js';
import { refuseFile } from './file-refusal.js';
import { startWorker } from './workers.js';

export type ClusterThreadMessage =
  | { type: 'progress'; phase: 'read' | 'cluster'; done: number; total: number }
  | { type: 'done'; result: ClusteredFile }
  | { type: 'error'; message: string; code?: string; details?: Record<string, unknown> };

export interface ClusterThreadOptions {
  /**
   * The thread's heap. A file that needs more — whatever the reason: an XLSX that slipped past the archive
   * checks, a pathological CSV — ends the thread, not the process, and is refused as FILE_TOO_COMPLEX.
   */
  memoryMb: number;
  onProgress?: ClusterProgress;
  /** Aborting ends the thread at once (the server is stopping); the promise rejects with a plain Error. */
  signal?: AbortSignal;
}

/**
 * clusterFile on a worker thread of its own with a bounded heap: reading and clustering an uploaded file
 * is the one place where the size of what we hold in memory is chosen by whoever wrote the file.
 */
export function clusterFileInThread(
  options: ClusterFileOptions,
  { memoryMb, onProgress, signal }: ClusterThreadOptions,
): Promise<ClusteredFile> {
  if (signal?.aborted) return Promise.reject(new Error('stopped before reading the file'));
  const worker = startWorker('cluster-file.worker', {
    workerData: options,
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      // A larger nursery saves the collector copying the many short-lived strings of parsing (as the
      // bulk dedupe does), within the same budget.
      maxYoungGenerationSizeMb: Math.max(16, Math.min(192, Math.floor(memoryMb / 8))),
    },
  });
  return new Promise<ClusteredFile>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      outcome();
      void worker.terminate();
    };
    const stop = () => settle(() => reject(new Error('stopped while reading the file')));
    signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: ClusterThreadMessage) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.phase, message.done, message.total);
          break;
        case 'done':
          settle(() => resolve(message.result));
          break;
        case 'error':
          settle(() =>
            reject(
              message.code
                ? new AppError(message.code as ErrorCode, message.message, message.details)
                : new Error(message.message),
            ),
          );
          break;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return settle(() => reject(error));
      const reason = `needs more than ${memoryMb} MB of memory to read; split it into smaller files`;
      settle(() => reject(refuseFile('FILE_TOO_COMPLEX', options.path, reason, { limitMb: memoryMb })));
    });
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the thread reading the file stopped (exit code ${code})`))),
    );
  });
}
