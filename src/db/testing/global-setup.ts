import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
    postgresUrl: string | null;
    chromium: string | null;
  }
}

const CHROMIUM = '/usr/bin/chromium';

function banner(text: string) {
  const line = '!'.repeat(text.length + 8);
  console.warn(`\n${line}\n!!! ${text} !!!\n${line}\n`);
}

/**
 * Migrates once per run: a PGlite data directory dumped to a tarball that each test file loads, and on
 * PostgreSQL a template database that each test file clones. Tiers that cannot run say so loudly; on CI
 * they are required.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-test-'));
  const started = Date.now();
  const template = await openDatabase({});
  await migrateToLatest(template.db);
  const file = join(dir, 'pglite-template.tar');
  const blob = await dumpPGlite(template);
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);
  console.log(`PGlite template migrated in ${Date.now() - started} ms`);

  const url = process.env.TEST_DATABASE_URL ?? null;
  let postgresTemplate: string | null = null;
  if (url) {
    postgresTemplate = `fairshare_tpl_${process.pid}`;
    await adminQuery(url, `drop database if exists ${postgresTemplate}`);
    await adminQuery(url, `create database ${postgresTemplate}`);
    const pgTemplate = await openDatabase({ databaseUrl: withDatabase(url, postgresTemplate) });
    await migrateToLatest(pgTemplate.db);
    await pgTemplate.close();
  } else if (process.env.CI) {
    throw new Error('CI must run the PostgreSQL tier: set TEST_DATABASE_URL');
  } else {
    banner(
      'PostgreSQL tier SKIPPED: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it',
    );
  }
  project.provide('postgresTemplate', postgresTemplate);
  project.provide('postgresUrl', url);

  const chromium = existsSync(CHROMIUM) ? CHROMIUM : null;
  if (!chromium && process.env.CI) throw new Error(`CI must run the browser tier: ${CHROMIUM} is missing`);
  if (!chromium) banner(`Browser tier SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`);
  project.provide('chromium', chromium);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && postgresTemplate) {
      const leftovers = await adminQuery(
        url,
        `select datname from pg_database where datname like 'fairshare_t_${process.pid}_%'`,
      );
      for (const row of leftovers)
        await adminQuery(url, `drop database if exists ${String(row.datname)} with (force)`);
      await adminQuery(url, `drop database if exists ${postgresTemplate} with (force)`);
    }
  };
}

async function dumpPGlite(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.pglite) throw new Error('expected a PGlite database');
  return database.pglite.dumpDataDir('none');
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
