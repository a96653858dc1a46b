import pino from 'pino';
import { testConfig, type Config } from '../../config.js';
import { runNextJob } from '../../kernel/index.js';
import { auditSetup } from '../../modules/audit/index.js';
import { backgroundJobs, jobContext } from '../../server.js';
import type { Database } from '../database.js';

const log = pino({ level: 'silent' });

/**
 * Runs every due job now, as a node's worker would (tests run servers without the worker, so nothing
 * happens behind their back), configured as `overrides` say. Returns how many ran.
 */
export async function runDueJobs(
  database: Database,
  kinds?: readonly string[],
  overrides: Partial<Config> = {},
): Promise<number> {
  const config = testConfig(overrides);
  const { handlers } = backgroundJobs(database, auditSetup(config), config);
  const chosen = kinds ? handlers.filter((h) => kinds.includes(h.kind)) : handlers;
  let ran = 0;
  while (await runNextJob(database.db, chosen, log, jobContext)) ran += 1;
  return ran;
}
