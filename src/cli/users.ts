import { Option, type Command } from 'commander';
import { AppError } from '../errors.js';
import {
  permissionsOf,
  TOKEN_SCOPES,
  ROLES,
  type Permission,
  type Role,
} from '../modules/access/permissions.js';
import { findUserByLogin } from '../modules/auth/auth.repo.js';
import { createApiToken, resetPassword } from '../modules/auth/auth.service.js';
import { generatePassword } from '../modules/auth/password.js';
import { createUser } from '../modules/users/users.service.js';
import { positiveInt, withDatabase } from './context.js';

async function requireUser(db: Parameters<typeof findUserByLogin>[0], login: string) {
  const user = await findUserByLogin(db, login);
  if (!user) throw new AppError('NOT_FOUND', `No user with login ${login}`, { login });
  return user;
}

export function userCommands(program: Command) {
  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user; prints a generated password when none is given')
    .argument('<login>')
    .requiredOption('--name <displayName>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).default('rep'))
    .option('--email <email>')
    .option('--password <password>', 'initial password (else generated)')
    .action(async (login: string, o: { name: string; role: Role; email?: string; password?: string }) => {
      await withDatabase('user create', async (db, ctx) => {
        const created = await createUser(db, ctx, {
          login: login.toLowerCase(),
          displayName: o.name,
          role: o.role,
          status: 'active',
          ...(o.email && { email: o.email }),
          ...(o.password && { password: o.password }),
        });
        console.log(`Created ${created.role} ${created.login} (${created.id}).`);
        if ('generatedPassword' in created) console.log(`Password: ${created.generatedPassword}`);
      });
    });
  user
    .command('reset-password')
    .description('set a new password (generated unless given) and end the user’s sessions')
    .argument('<login>')
    .option('--password <password>')
    .action(async (login: string, o: { password?: string }) => {
      await withDatabase('user reset-password', async (db, ctx) => {
        const target = await requireUser(db, login);
        const password = o.password ?? generatePassword();
        await resetPassword(db, ctx, target.id, password);
        console.log(
          o.password
            ? `Password for ${target.login} changed.`
            : `New password for ${target.login}: ${password}`,
        );
      });
    });
}

export function tokenCommands(program: Command) {
  program
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create an API token for a user; prints the secret once')
    .argument('<login>')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(
      new Option('--scope <permission...>', 'permissions (default: all the user’s role grants)').choices(
        TOKEN_SCOPES,
      ),
    )
    .option('--expires-in-days <days>', 'expiry', positiveInt)
    .action(async (login: string, o: { name: string; scope?: Permission[]; expiresInDays?: number }) => {
      await withDatabase('token create', async (db, ctx) => {
        const owner = await requireUser(db, login);
        const scopes =
          o.scope ??
          [...permissionsOf(owner.role as Role)].filter((p): p is Permission => p !== 'profile:write');
        const token = await createApiToken(
          db,
          ctx,
          { name: o.name, scopes, expiresInDays: o.expiresInDays },
          owner.id,
        );
        console.log(`Token ${token.name} for ${owner.login} with scopes ${token.scopes.join(', ')}:`);
        console.log(token.token);
      });
    });
}
