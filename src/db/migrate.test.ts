import { sql, Migrator } from 'kysely';
import { expect, inject, it } from 'vitest';
import { testConfig } from '../config.js';
import { startServer } from '../server.js';
import { TEST_PASSWORD } from './testing/factories.js';
import { adminQuery, withDatabase } from './testing/global-setup.js';
import { createTestDatabase, describeEachEngine } from './testing/index.js';
import { migrations } from './migrations/index.js';
import { pendingMigrations, migrateToLatest } from './migrate.js';

describeEachEngine('migrations', (t) => {
  it('applies a migration that landed after a higher-numbered one was applied', async () => {
    const database = await createTestDatabase(t.engine);
    try {
      // As on a database migrated from main between two merges: 0022 and later applied, 0021 not yet.
      await migrations['0021_cases']!.down!(database.db);
      await sql`delete from kysely_migration where name = '0021_cases'`.execute(database.db);
      expect(await pendingMigrations(database.db)).toEqual(['0021_cases']);
      const results = await migrateToLatest(database.db);
      expect(results.map((r) => [r.migrationName, r.status])).toEqual([['0021_cases', 'Success']]);
      expect(await pendingMigrations(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('leaves the database unchanged when a migration fails half way', async () => {
    const database = await createTestDatabase(t.engine);
    try {
      const broken = new Migrator({
        db: database.db,
        provider: {
          getMigrations: () =>
            Promise.resolve({
              ...migrations,
              '9999_broken': {
                up: async (db) => {
                  await sql`create table half_done (id int)`.execute(db);
                  await sql`select no_such_function()`.execute(db);
                },
              },
            }),
        },
      });
      const { error } = await broken.migrateToLatest();
      expect(error).toBeDefined();
      const table = await sql<{
        n: string;
      }>`select count(*) as n from pg_tables where tablename = 'half_done'`.execute(database.db);
      expect(Number(table.rows[0]!.n)).toBe(0);
      expect(await pendingMigrations(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('is idempotent: migrating an up-to-date database applies nothing', async () => {
    expect(await migrateToLatest(t.database.db)).toEqual([]);
  });
});

describeEachEngine('first start', (t) => {
  it('lets several nodes start together on an empty database: one migrates and makes the admin', async () => {
    if (t.engine === 'pglite') return; // one process per PGlite data directory: nothing to race
    const url = inject('postgresUrl')!;
    const name = `fairshare_first_${process.pid}_${Date.now()}`;
    await adminQuery(url, `create database ${name}`);
    const config = testConfig({
      DATABASE_URL: withDatabase(url, name),
      PORT: 0,
      FAIRSHARE_ADMIN_PASSWORD: TEST_PASSWORD,
    });
    try {
      const nodes = await Promise.all([1, 2, 3].map(() => startServer(config)));
      const admins = await sql<{ n: string }>`select count(*) as n from users where role = 'admin'`.execute(
        nodes[0]!.database.db,
      );
      expect(Number(admins.rows[0]!.n)).toBe(1);
      for (const node of nodes) await node.close();
    } finally {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    }
  });
});
