import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

function migrator(db: Db) {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/**
 * Applies pending migrations. On PostgreSQL (and PGlite) Kysely runs the whole batch in one transaction,
 * so a failing migration leaves the database exactly as it was.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
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
