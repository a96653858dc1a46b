/**
 * One export, timed in a process that holds only what a server would: opens the seeded database, streams
 * every customer to a sink as XLSX or CSV, prints {rows, ms, peakRssMB, peakHeapMB, baseRssMB}.
 */
import { Writable } from 'node:stream';
import { openDatabase } from '../src/db/database.js';
import { systemContext } from '../src/modules/access/index.js';
import { prepareExport } from '../src/modules/exports/exports.service.js';

const [target, format] = process.argv.slice(2) as [string, 'csv' | 'xlsx'];
const database = target.startsWith('postgres')
  ? await openDatabase({ databaseUrl: target, poolSize: 2 })
  : await openDatabase({ dataDir: target, purpose: 'bench' });
let peak = 0;
let peakHeap = 0;
const sample = () => {
  const now = process.memoryUsage();
  peak = Math.max(peak, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
};
const timer = setInterval(sample, 20);
global.gc?.();
const base = process.memoryUsage().rss;
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    bytes += chunk.length;
    done();
  },
});
const started = performance.now();
const prepared = await prepareExport(
  database.db,
  { ...systemContext('bench'), requestId: 'bench' },
  { kind: 'accounts', filter: { status: 'active', sort: 'createdAt', order: 'asc' } },
  format,
  'zh-CN',
);
const rows = await prepared.write(sink);
const ms = performance.now() - started;
clearInterval(timer);
sample();
await database.close();
console.log(
  JSON.stringify({
    rows,
    ms: Math.round(ms),
    megabytes: Math.round(bytes / 1e5) / 10,
    peakRssMB: Math.round(peak / 1e6),
    peakHeapMB: Math.round(peakHeap / 1e6),
    baseRssMB: Math.round(base / 1e6),
  }),
);
