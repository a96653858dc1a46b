import type { WorkerOptions } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * A worker thread running `name` (a module beside this one, without extension). Compiled, the module is
 * .js. Run from source (tsx: benchmarks, development) it is .ts, and a worker does not inherit tsx's
 * loader, so it registers it first.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const url = new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(url, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * Young generation for the bulk threads. A million records allocate many short-lived strings; the default
 * nursery makes the collector copy them again and again (a third of the run time in measurements).
 */
export const BULK_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 192 };
