import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { systemContext, type Role } from '../../modules/access/permissions.js';
import { createTeam } from '../../modules/teams/teams.service.js';
import { createUser } from '../../modules/users/users.service.js';
import type { CreateUserInput } from '../../modules/users/users.schema.js';

export const TEST_PASSWORD = 'test-password-1';
const ctx = systemContext('test');
const unique = () => randomBytes(4).toString('hex');

/** A valid user with sensible defaults; every field can be overridden. */
export async function makeUser(db: Db, overrides: Partial<CreateUserInput> & { role?: Role } = {}) {
  const login = overrides.login ?? `u${unique()}`;
  return createUser(db, ctx, {
    login,
    displayName: `User ${login}`,
    role: 'rep',
    status: 'active',
    password: TEST_PASSWORD,
    ...overrides,
  });
}

export async function makeTeam(db: Db, overrides: { name?: string; parentId?: string | null } = {}) {
  return createTeam(db, ctx, {
    name: overrides.name ?? `Team ${unique()}`,
    parentId: overrides.parentId ?? null,
  });
}

export const makePartnerId = () => crypto.randomUUID();
