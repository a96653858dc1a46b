/**
 * Times the entry check in a process of its own (see check.ts): opens the seeded database, runs the warm-up
 * checks, then times each check. Prints one JSON line: timings in ms, how many were flagged, peak RSS.
 */
import { readFile } from 'node:fs/promises';
import { resourceUsage } from 'node:process';
import { openDatabase } from '../src/db/database.js';
import { systemContext } from '../src/modules/access/permissions.js';
import { checkAccount } from '../src/modules/accounts/accounts.service.js';
import type { CheckAccountInput } from '../src/modules/accounts/accounts.schema.js';

const [target, probeFile] = process.argv.slice(2);
if (!target || !probeFile) throw new Error('usage: check-child.ts DATABASE_URL|PGLITE_DIR PROBES.json');

const probes = JSON.parse(await readFile(probeFile, 'utf8')) as Record<
  'warmup' | 'duplicates' | 'fresh',
  CheckAccountInput[]
>;
const database = await openDatabase(
  target.startsWith('postgres') ? { databaseUrl: target, poolSize: 4 } : { dataDir: target },
);
const ctx = systemContext('bench');
for (const input of probes.warmup) await checkAccount(database.db, ctx, input);
const timings: number[] = [];
const flagged = { found: 0, freshFlagged: 0 };
for (const [kind, inputs] of [
  ['found', probes.duplicates],
  ['freshFlagged', probes.fresh],
] as const) {
  for (const input of inputs) {
    const start = process.hrtime.bigint();
    const result = await checkAccount(database.db, ctx, input);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.verdict !== 'none') flagged[kind] += 1;
  }
}
await database.close();
process.stdout.write(
  `${JSON.stringify({ timings, ...flagged, peakRssMB: Math.round(resourceUsage().maxRSS / 1024) })}\n`,
);
