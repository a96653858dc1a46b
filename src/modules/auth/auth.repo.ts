import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { UserTable } from '../../db/types.js';

export type UserRow = Selectable<UserTable>;

export async function findUserByLogin(db: Executor, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function readLoginThrottle(db: Executor, login: string) {
  return db.selectFrom('login_throttle').selectAll().where('login', '=', login).executeTakeFirst();
}

/** One more failure for `login`; returns the count, whether or not a user has the login. */
export async function countLoginFailure(db: Executor, login: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ login, failures: 1 })
    .onConflict((oc) =>
      oc.column('login').doUpdateSet((eb) => ({
        failures: eb('login_throttle.failures', '+', 1),
        updated_at: new Date().toISOString(),
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockLogin(db: Executor, login: string, until: string): Promise<void> {
  await db.updateTable('login_throttle').set({ locked_until: until }).where('login', '=', login).execute();
}

export async function clearLoginThrottle(db: Executor, login: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('login', '=', login).execute();
}

/** `chosenByOwner`: the user set it; otherwise someone else did, and the user must change it at sign-in. */
export async function setPassword(
  db: Executor,
  userId: string,
  passwordHash: string,
  chosenByOwner: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: !chosenByOwner,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

export interface NewSession {
  id: string;
  user_id: string;
  expires_at: string;
  absolute_expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export async function insertSession(db: Executor, session: NewSession): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSessionWithUser(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('partners', 'partners.id', 'users.partner_id')
    .selectAll('users')
    .select([
      'partners.status as partner_status',
      'sessions.expires_at as session_expires_at',
      'sessions.absolute_expires_at as session_absolute_expires_at',
      'sessions.last_seen_at as session_last_seen_at',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, sessionId: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date().toISOString(), expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user except, optionally, the one making the request. */
export async function deleteUserSessions(db: Executor, userId: string, exceptId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '<>', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', new Date().toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const tokenColumns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'scopes',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

export async function insertApiToken(
  db: Executor,
  token: {
    user_id: string;
    name: string;
    token_hash: string;
    prefix: string;
    scopes: string[];
    expires_at: string | null;
  },
) {
  return db.insertInto('api_tokens').values(token).returning(tokenColumns).executeTakeFirstOrThrow();
}

export async function findApiTokenWithUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('partners', 'partners.id', 'users.partner_id')
    .selectAll('users')
    .select([
      'partners.status as partner_status',
      'api_tokens.id as token_id',
      'api_tokens.scopes as token_scopes',
      'api_tokens.expires_at as token_expires_at',
      'api_tokens.revoked_at as token_revoked_at',
      'api_tokens.last_used_at as token_last_used_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .execute();
}

/** The actor's own tokens ("my tokens"), whoever else the token policy lets it see. */
export async function listOwnApiTokens(db: Executor, actor: Actor) {
  return db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where(visible('token', actor))
    .where('api_tokens.user_id', '=', actor.id)
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
}

export async function findVisibleApiToken(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where(visible('token', actor))
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(tokenColumns)
    .executeTakeFirst();
}
