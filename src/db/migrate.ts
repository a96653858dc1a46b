import { Migrator, sql, type MigrationResult } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

const MIGRATION_LOCK_KEY = 7_245_002;

/**
 * Migrations are built on branches side by side and numbered when started, so one can land after a
 * higher-numbered one was applied (0022 before 0021): each stands alone, and a database that has the later
 * one still takes the earlier one rather than refusing to start.
 */
function migrator(db: Db) {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    allowUnorderedMigrations: true,
  });
}

/**
 * Applies pending migrations. On PostgreSQL (and PGlite) Kysely runs the whole batch in one transaction,
 * so a failing migration leaves the database exactly as it was.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  // Nodes starting together on a fresh database take turns: the first migrates, the others find it done.
  // (Kysely's own lock table is created with "if not exists", which two racing sessions can both fail.)
  const { error, results = [] } = await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      return await migrator(connection).migrateToLatest();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${cause}`, { cause: error });
  }
  return results;
}

/** Names of migrations known to the code but not applied to the database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
