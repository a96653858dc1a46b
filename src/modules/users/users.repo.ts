import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { UserTable } from '../../db/types.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { Page } from '../../http/pagination.js';

export type UserRow = Selectable<UserTable>;

const publicColumns = [
  'id',
  'login',
  'display_name',
  'email',
  'phone',
  'status',
  'role',
  'team_id',
  'manager_id',
  'partner_id',
  'language',
  'must_change_password',
  'created_at',
  'updated_at',
] as const;
export type PublicUserRow = Pick<UserRow, (typeof publicColumns)[number]>;

/** Users the actor may see: by the user policy, applied in SQL so no caller can forget it. */
function visibleUsers(db: Executor, actor: Actor) {
  return db.selectFrom('users').where(visible('user', actor));
}

export interface UserFilter {
  q?: string | undefined;
  status?: string | undefined;
  role?: string | undefined;
  teamId?: string | undefined;
}

function filteredUsers(db: Executor, actor: Actor, filter: UserFilter) {
  let query = visibleUsers(db, actor);
  if (filter.status) query = query.where('users.status', '=', filter.status);
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.teamId) query = query.where('users.team_id', '=', filter.teamId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('users.login', 'ilike', like),
        eb('users.display_name', 'ilike', like),
        eb('users.email', 'ilike', like),
      ]),
    );
  }
  return query;
}

export async function listVisibleUsers(db: Executor, actor: Actor, filter: UserFilter, page: Page) {
  const query = filteredUsers(db, actor, filter);
  const [items, count] = await Promise.all([
    query.select(publicColumns).orderBy('users.login').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** The same users, a batch at a time in login order, for exports. */
export async function* iterateVisibleUsers(db: Executor, actor: Actor, filter: UserFilter, batch = 1000) {
  let after: string | null = null;
  for (;;) {
    let query = filteredUsers(db, actor, filter);
    if (after !== null) query = query.where('users.login', '>', after);
    const rows = await query.select(publicColumns).orderBy('users.login').limit(batch).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.login;
  }
}

export async function findVisibleUser(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<PublicUserRow | undefined> {
  return visibleUsers(db, actor).select(publicColumns).where('users.id', '=', id).executeTakeFirst();
}

export async function findUser(db: Executor, id: string): Promise<PublicUserRow | undefined> {
  return db.selectFrom('users').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

export async function lockUser(db: Executor, id: string): Promise<PublicUserRow | undefined> {
  return db.selectFrom('users').select(publicColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Whether a partner with this id exists (users.partner_id is a foreign key to it). */
export async function partnerExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst());
}

export async function loginTaken(db: Executor, login: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst());
}

export type NewUserRow = Omit<UserRow, 'id' | 'created_at' | 'updated_at' | 'must_change_password'> & {
  must_change_password?: boolean;
};

export async function insertUser(db: Executor, user: NewUserRow): Promise<PublicUserRow> {
  return db.insertInto('users').values(user).returning(publicColumns).executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<Omit<NewUserRow, 'login' | 'password_hash' | 'password_changed_at'>>,
): Promise<PublicUserRow> {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The users these logins name, each with whether the actor's scope covers them (an import's owner column). */
export async function findUsersByLogin(db: Executor, actor: Actor, logins: readonly string[]) {
  if (logins.length === 0) return [];
  const [all, inScope] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'login', 'status', 'partner_id'])
      .where('login', 'in', [...logins])
      .execute(),
    visibleUsers(db, actor)
      .select('users.id')
      .where('users.login', 'in', [...logins])
      .execute(),
  ]);
  const scoped = new Set(inScope.map((u) => u.id));
  return all.map((u) => ({ ...u, inScope: scoped.has(u.id) }));
}
