import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../database.js';
import { adminQuery, withDatabase } from './global-setup.js';

/** The engines this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Connection string, on PostgreSQL (for child processes). */
  url?: string;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const tarball = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([tarball]) });
  }
  const url = inject('postgresUrl');
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('PostgreSQL tier is not configured');
  // Test databases carry the runner's pid (from the template's name) so its teardown finds leftovers.
  const runnerPid = template.replace('fairshare_tpl_', '');
  const dbName = `fairshare_t_${runnerPid}_${randomBytes(5).toString('hex')}`;
  await adminQuery(url, `create database ${dbName} template ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, dbName), poolSize: 20 });
  return {
    ...database,
    url: withDatabase(url, dbName),
    close: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${dbName} with (force)`);
    },
  };
}

export interface EngineContext {
  engine: Engine;
  database: TestDatabase;
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
