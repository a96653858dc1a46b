/**
 * Duplicate check at entry, at service level: `npm run bench -- check [--sizes 10000,100000,1000000] [--engines
 * pglite,postgres] [--queries 1000] [--reuse]`. Seeds N existing accounts from the generator (first record
 * of each company), then times checkAccount() for records that are duplicates and records that are new.
 * PostgreSQL runs on BENCH_DATABASE_URL (default: a `fairshare_bench_N` database on the local server),
 * PGlite in a data directory under the system temp dir. Both are left behind for --reuse, which skips
 * seeding when the database already holds the N accounts.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { accountFeatures, matchKeys } from '../src/modules/accounts/duplicates.js';
import { generateRecords, type GeneratedRecord } from './generate.js';
import { machine, percentile } from './machine.js';

const PGLITE_DIR = join(tmpdir(), 'fairshare-bench-pglite');
// Checks run before timing starts, so JIT compilation and cold caches are not counted as service latency.
const WARMUP_CHECKS = 200;
const CHILD = fileURLToPath(new URL('./check-child.ts', import.meta.url));

interface CheckRun {
  timings: number[];
  found: number;
  freshFlagged: number;
  peakRssMB: number;
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

const toInput = (r: GeneratedRecord) => ({
  legalName: r.name,
  phones: r.phone ? [r.phone] : [],
  emails: r.email ? [r.email] : [],
  website: r.website || null,
  uscc: r.uscc || null,
  street: r.address || null,
});

/**
 * A database for `engine` holding `size` seeded accounts. With `reuse`, one left by an earlier run with the
 * same size is kept (seeding a million accounts takes minutes); otherwise it starts empty.
 */
export async function openEngine(engine: string, size: number, reuse: boolean) {
  const fresh = async (database: Database) => {
    if (!reuse) return true;
    const rows = await sql<{ n: number }>`select count(*)::int as n from accounts`
      .execute(database.db)
      .catch(() => ({ rows: [{ n: -1 }] }));
    return rows.rows[0]?.n !== size;
  };
  // On disk, as `fairshare serve` runs it: a million accounts do not fit PGlite's in-memory file system.
  if (engine === 'pglite') {
    const dataDir = `${PGLITE_DIR}-${size}`;
    if (reuse) {
      const database = await openDatabase({ dataDir });
      if (!(await fresh(database))) return { database, seeded: true, target: dataDir };
      await database.close();
    }
    await rm(dataDir, { recursive: true, force: true });
    return { database: await openDatabase({ dataDir }), seeded: false, target: dataDir };
  }
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const url = new URL(base);
  url.pathname = `/fairshare_bench_${size}`;
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (reuse && exists.rowCount) {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
      if (!(await fresh(database))) return { database, seeded: true, target: url.toString() };
      await database.close();
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return { database, seeded: false, target: url.toString() };
}

/** Reads every file under `dir` once, so the page cache holds it. */
async function readAll(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    for await (const chunk of createReadStream(join(entry.parentPath, entry.name))) void chunk;
  }
}

export async function seed(database: Database, records: GeneratedRecord[]) {
  const db = database.db;
  const batch = 500;
  for (let i = 0; i < records.length; i += batch) {
    const rows = records.slice(i, i + batch).map((r) => {
      const input = toInput(r);
      const features = accountFeatures(input);
      return { input, features, id: crypto.randomUUID() };
    });
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('accounts')
        .values(
          rows.map(({ input, features, id }) => ({
            id,
            legal_name: input.legalName,
            phones: input.phones,
            emails: input.emails,
            website: input.website,
            uscc: features[0]?.uscc ?? null,
            uscc_valid: !!features[0]?.uscc,
            street: input.street,
            features: JSON.stringify(features),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      const keys = rows.flatMap(({ features, id }) =>
        matchKeys(features).map((key) => ({ key, account_id: id })),
      );
      for (let k = 0; k < keys.length; k += 5000) {
        await tx
          .insertInto('account_match_keys')
          .values(keys.slice(k, k + 5000))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }
}

export async function main(args: string[]) {
  const sizes = option(args, 'sizes', '10000,100000,1000000').split(',').map(Number);
  const engines = option(args, 'engines', 'pglite,postgres').split(',');
  const queries = Number(option(args, 'queries', '1000'));
  const reuse = args.includes('--reuse');
  const results = [];
  for (const engine of engines) {
    for (const size of sizes) {
      // About 1.8 records per company: 2.1 × size records hold `size` first copies.
      const all = generateRecords({ count: Math.ceil(size * 2.1), seed: 7 });
      const existing = all.filter((r) => r.copy === 0).slice(0, size);
      const known = new Set(existing.map((r) => r.entity));
      const copies = all.filter((r) => r.copy > 0 && known.has(r.entity));
      const probes = copies.slice(0, queries / 2);
      const warmup = copies.slice(queries / 2, queries / 2 + WARMUP_CHECKS);
      const fresh = generateRecords({ count: queries, seed: 99 })
        .filter((r) => r.copy === 0)
        .slice(0, queries / 2);
      const { database, seeded, target } = await openEngine(engine, existing.length, reuse);
      await migrateToLatest(database.db);
      const seedStart = Date.now();
      if (!seeded) await seed(database, existing);
      const seedMs = seeded ? null : Date.now() - seedStart;
      // What autovacuum (PostgreSQL) or the db.vacuum job (PGlite) leaves a loaded table with: statistics,
      // and a visibility map so the key lookups are index-only. Cheap when nothing changed.
      await sql`vacuum analyze`.execute(database.db);
      // A serving database has its tables in memory; a reused one may have been pushed out of the page
      // cache since (this machine's kernel reclaims pages left untouched for a minute).
      if (engine === 'postgres') {
        await sql`create extension if not exists pg_prewarm`.execute(database.db);
        await sql`select pg_prewarm(t, 'read') from unnest(array['accounts', 'accounts_pkey',
          'account_match_keys', 'account_match_keys_pkey']::regclass[]) t`.execute(database.db);
      } else {
        await readAll(target);
      }
      await database.close();
      // Timed in a process of its own that holds only what a server would: not the generated millions.
      const probeFile = join(tmpdir(), `fairshare-bench-probes-${process.pid}.json`);
      const toInputs = (records: GeneratedRecord[]) => records.map(toInput);
      await writeFile(
        probeFile,
        JSON.stringify({ warmup: toInputs(warmup), duplicates: toInputs(probes), fresh: toInputs(fresh) }),
      );
      const run = JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', CHILD, target, probeFile], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      ) as CheckRun;
      await rm(probeFile, { force: true });
      const timings = run.timings.sort((a, b) => a - b);
      results.push({
        engine,
        existingAccounts: existing.length,
        checks: timings.length,
        p50Ms: Math.round(percentile(timings, 50) * 100) / 100,
        p99Ms: Math.round(percentile(timings, 99) * 100) / 100,
        maxMs: Math.round(percentile(timings, 100) * 100) / 100,
        duplicatesFlagged: `${run.found}/${probes.length}`,
        // New companies that share a trade name, a hotline or a domain with an existing one: "possible".
        newFlagged: `${run.freshFlagged}/${fresh.length}`,
        serverRssMB: run.peakRssMB,
        seedMs,
      });
      console.error(JSON.stringify(results.at(-1)));
    }
  }
  console.log(JSON.stringify({ benchmark: 'check', machine: machine(), results }, null, 2));
}
