import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

/** A new embedded database in `dir`, migrated. */
export async function createTestDatabaseFromScratch(dir: string): Promise<Database> {
  const database = await openDatabase({ dataDir: dir, purpose: 'bench' });
  await migrateToLatest(database.db);
  return database;
}
