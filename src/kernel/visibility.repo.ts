import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Actor } from '../modules/access/index.js';
import { ENTITY_TABLES, visible, type Entity } from './visibility.js';

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
