import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { runWork } from './kernel/index.js';
import { systemContext } from './modules/access/index.js';
import { countUsers, insertNewUser, prepareUser } from './modules/users/index.js';

/**
 * On an empty database, creates the first admin. Its password comes from FAIRSHARE_ADMIN_PASSWORD or is
 * generated and returned so the caller can print it once. Safe when several nodes start together: they
 * queue on one key, and all but the first find an admin there.
 */
export async function ensureAdmin(
  db: Db,
  config: Config,
): Promise<{ login: string; password?: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const ctx = systemContext('bootstrap');
  const prepared = await prepareUser(db, ctx, {
    login: config.FAIRSHARE_ADMIN_LOGIN.toLowerCase(),
    displayName: 'Administrator',
    role: 'admin',
    status: 'active',
    ...(config.FAIRSHARE_ADMIN_PASSWORD !== undefined && { password: config.FAIRSHARE_ADMIN_PASSWORD }),
  });
  return runWork(db, ctx, async (w) => {
    await w.lockKeys(['bootstrap:first-admin']);
    if ((await countUsers(w.tx)) > 0) return null;
    const created = await insertNewUser(w, prepared);
    return 'generatedPassword' in created && created.generatedPassword
      ? { login: created.login, password: created.generatedPassword }
      : { login: created.login };
  });
}
