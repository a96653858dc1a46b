import { sql, Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from './testing/index.js';
import { migrations } from './migrations/index.js';
import { pendingMigrations, migrateToLatest } from './migrate.js';

describeEachEngine('migrations', (t) => {
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
