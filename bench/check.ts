/**
 * Duplicate check at entry, at service level: `npm run bench -- check [--sizes 10000,100000] [--engines
 * pglite,postgres] [--queries 1000]`. Seeds N existing accounts from the generator (first record of each
 * company), then times checkAccount() for records that are duplicates and records that are new.
 * PostgreSQL runs on BENCH_DATABASE_URL (default: a fresh `fairshare_bench` database on the local server).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemContext } from '../src/modules/access/permissions.js';
import { accountFeatures, matchKeys } from '../src/modules/accounts/duplicates.js';
import { checkAccount } from '../src/modules/accounts/accounts.service.js';
import { generateRecords, type GeneratedRecord } from './generate.js';
import { machine, percentile } from './machine.js';

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

async function openEngine(engine: string): Promise<Database> {
  if (engine === 'pglite') return openDatabase({});
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists fairshare_bench with (force)');
  await admin.query('create database fairshare_bench');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/fairshare_bench';
  return openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
}

async function seed(database: Database, records: GeneratedRecord[]) {
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
  // PGlite has no autovacuum: without fresh statistics its planner scans.
  await sql`analyze`.execute(db);
}

export async function main(args: string[]) {
  const sizes = option(args, 'sizes', '10000,100000').split(',').map(Number);
  const engines = option(args, 'engines', 'pglite,postgres').split(',');
  const queries = Number(option(args, 'queries', '1000'));
  const results = [];
  for (const engine of engines) {
    for (const size of sizes) {
      const all = generateRecords({ count: Math.ceil(size * 1.6), seed: 7 });
      const existing = all.filter((r) => r.copy === 0).slice(0, size);
      const known = new Set(existing.map((r) => r.entity));
      const probes = all.filter((r) => r.copy > 0 && known.has(r.entity)).slice(0, queries / 2);
      const fresh = generateRecords({ count: queries, seed: 99 })
        .filter((r) => r.copy === 0)
        .slice(0, queries / 2);
      const database = await openEngine(engine);
      await migrateToLatest(database.db);
      const seedStart = Date.now();
      await seed(database, existing);
      const seedMs = Date.now() - seedStart;
      const ctx = systemContext('bench');
      const timings: number[] = [];
      let found = 0;
      for (const probe of [...probes, ...fresh]) {
        const start = process.hrtime.bigint();
        const result = await checkAccount(database.db, ctx, toInput(probe));
        timings.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (result.verdict !== 'none' && probes.includes(probe)) found += 1;
      }
      timings.sort((a, b) => a - b);
      results.push({
        engine,
        existingAccounts: existing.length,
        checks: timings.length,
        p50Ms: Math.round(percentile(timings, 50) * 100) / 100,
        p99Ms: Math.round(percentile(timings, 99) * 100) / 100,
        duplicatesFlagged: `${found}/${probes.length}`,
        seedMs,
      });
      console.error(JSON.stringify(results.at(-1)));
      await database.close();
    }
  }
  console.log(JSON.stringify({ benchmark: 'check', machine: machine(), results }, null, 2));
}
