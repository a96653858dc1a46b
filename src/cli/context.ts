import { userInfo } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { sealAudit } from '../kernel/index.js';
import { systemContext, type RequestContext } from '../modules/access/index.js';
import { auditSetup } from '../modules/audit/index.js';
import { databaseOptions } from '../server.js';

/**
 * Runs a command against the configured database (migrated first), as the operator at the terminal.
 * `command` ('user create') names it to whoever is refused the embedded database while it runs.
 */
export async function withDatabase<T>(
  command: string,
  work: (db: Db, ctx: RequestContext, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ ...databaseOptions(config), purpose: command });
  try {
    await migrateToLatest(database.db);
    const result = await work(database.db, systemContext(`cli:${userInfo().username}`), config);
    // What the command wrote is chained and anchored before it exits: no server may be running to do it.
    await sealAudit(database.db, { ...auditSetup(config).seal, forceCheckpoint: true });
    return result;
  } finally {
    await database.close();
  }
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}
