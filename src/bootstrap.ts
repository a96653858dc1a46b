import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { systemContext } from './modules/access/permissions.js';
import { countUsers } from './modules/users/users.repo.js';
import { createUser } from './modules/users/users.service.js';

/**
 * On an empty database, creates the first admin. Its password comes from FAIRSHARE_ADMIN_PASSWORD or is
 * generated and returned so the caller can print it once.
 */
export async function ensureAdmin(
  db: Db,
  config: Config,
): Promise<{ login: string; password?: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const created = await createUser(db, systemContext('bootstrap'), {
    login: config.FAIRSHARE_ADMIN_LOGIN.toLowerCase(),
    displayName: 'Administrator',
    role: 'admin',
    status: 'active',
    ...(config.FAIRSHARE_ADMIN_PASSWORD !== undefined && { password: config.FAIRSHARE_ADMIN_PASSWORD }),
  });
  return 'generatedPassword' in created && created.generatedPassword
    ? { login: created.login, password: created.generatedPassword }
    : { login: created.login };
}
