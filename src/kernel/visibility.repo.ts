import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Actor } from '../modules/access/index.js';
import { AppError } from '../errors.js';
import { editable, ENTITY_TABLES, visible, type Entity } from './visibility.js';

/** Entities whose rows are named by a uuid `id` — the ones a reply can refer to. */
export type NamedEntity = Exclude<Entity, 'import_cluster' | 'audit'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which of `ids` the actor may see, by the entity's policy: for replies that name other records (evidence
 * parameters, a merge's source, who decided) and must not name what the caller may not see. A string that
 * is not a uuid names nothing and is not seen.
 */
export async function visibleIds(
  db: Executor,
  entity: NamedEntity,
  actor: Actor,
  ids: readonly string[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Set();
  const table = ENTITY_TABLES[entity];
  const id = sql.ref(`${table}.id`);
  // The table varies with the entity; the policy qualifies its columns, as every policy does.
  const rows = await db
    .selectFrom(table as 'accounts')
    .select(sql<string>`${id}::text`.as('id'))
    .where(sql<SqlBool>`${id} = any(${wanted}::uuid[])`)
    .where(visible(entity, actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Refuses a change to a customer the actor sees but may not change (`editable`): a collaborator on its
 * account team — read-only as a former owner, or any collaborator for the customer's own record — gets 403
 * `ACCOUNT_READ_ONLY` naming its role and until when. Call it after the customer was found visible.
 */
export async function assertEditable(
  db: Executor,
  what: Parameters<typeof editable>[0],
  actor: Actor,
  accountId: string,
): Promise<void> {
  const row = await db
    .selectFrom('accounts')
    .select('accounts.id')
    .where('accounts.id', '=', accountId)
    .where(editable(what, actor))
    .executeTakeFirst();
  if (row) return;
  const membership = actor.id
    ? await db
        .selectFrom('account_team')
        .select(['role', 'until'])
        .where('account_id', '=', accountId)
        .where('user_id', '=', actor.id)
        .executeTakeFirst()
    : undefined;
  throw new AppError(
    'ACCOUNT_READ_ONLY',
    what === 'account'
      ? 'Collaborators see this customer; only its owner’s side changes it'
      : 'A read-only collaborator may not log activity on this customer',
    { accountId, role: membership?.role ?? null, until: membership?.until ?? null },
  );
}
