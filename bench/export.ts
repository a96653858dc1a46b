/**
 * Exporting customers: `npm run bench -- export [--size 100000] [--engines postgres,pglite] [--reuse]
 * [--heap-mb 64]` (the exporting process's V8 heap cap: streaming means a small one suffices at any size).
 * Seeds `size` accounts (the duplicate-check benchmark's databases are reused with --reuse), then streams
 * all of them as XLSX and as CSV in a process of its own: rows per second and peak memory, JSON out.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrate.js';
import { openEngine, seed } from './check.js';
import { generateRecords } from './generate.js';
import { machine } from './machine.js';

const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

export async function main(args: string[]) {
  const size = Number(option(args, 'size', '100000'));
  const engines = option(args, 'engines', 'postgres,pglite').split(',');
  const reuse = args.includes('--reuse');
  const heapMB = option(args, 'heap-mb', '');
  const heapCap = heapMB ? [`--max-old-space-size=${Number(heapMB)}`] : [];
  const results = [];
  for (const engine of engines) {
    const existing = generateRecords({ count: Math.ceil(size * 2.1), seed: 7 })
      .filter((r) => r.copy === 0)
      .slice(0, size);
    const { database, seeded, target } = await openEngine(engine, existing.length, reuse);
    await migrateToLatest(database.db);
    if (!seeded) await seed(database, existing);
    await sql`vacuum analyze`.execute(database.db);
    await database.close();
    for (const format of ['xlsx', 'csv']) {
      const run = JSON.parse(
        execFileSync(
          process.execPath,
          [...heapCap, '--expose-gc', '--import', 'tsx', CHILD, target, format],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        ),
      ) as {
        rows: number;
        ms: number;
        megabytes: number;
        peakRssMB: number;
        peakHeapMB: number;
        baseRssMB: number;
      };
      results.push({
        engine,
        format,
        rows: run.rows,
        seconds: run.ms / 1000,
        rowsPerSecond: Math.round(run.rows / (run.ms / 1000)),
        fileMB: run.megabytes,
        peakRssMB: run.peakRssMB,
        rssGrowthMB: run.peakRssMB - run.baseRssMB,
        peakHeapMB: run.peakHeapMB,
        heapCapMB: heapMB ? Number(heapMB) : null,
      });
      console.error(JSON.stringify(results.at(-1)));
    }
  }
  console.log(JSON.stringify({ benchmark: 'export', machine: machine(), size, results }, null, 2));
}
