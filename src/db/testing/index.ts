import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../database.js';
import { adminQuery, withDatabase } from './global-setup.js';

/** The engines this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const tarball = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([tarball]) });
  }
  const url = inject('postgresUrl');
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('PostgreSQL tier is not configured');
  const name = `fairshare_t_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  // The template's pid is in its name; test databases carry the runner pid so teardown finds leftovers.
  const runnerPid = template.replace('fairshare_tpl_', '');
  const dbName = name.replace('fairshare_t_', `fairshare_t_${runnerPid}_`);
  await adminQuery(url, `create database ${dbName} template ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, dbName), poolSize: 20 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${dbName} with (force)`);
    },
  };
}

export interface EngineContext {
  engine: Engine;
  database: Database;
}

/**
 * Runs a suite once per engine, each with its own database for the whole file. Use `t.database.db` inside
 * tests (it is set by beforeAll).
 */
export function describeEachEngine(name: string, suite: (t: EngineContext) => void) {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const t = { engine } as EngineContext;
      beforeAll(async () => {
        t.database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await t.database?.close();
      });
      suite(t);
    });
  }
}
