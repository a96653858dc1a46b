import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { NamedEntity } from '../../kernel/visibility.repo.js';
import { ENTITY_TABLES, visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Audit rows the actor may see, newest first, each with its place in the chain (none while pending). */
function filteredAudit(db: Executor, actor: Actor, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').where(visible('audit', actor));
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<', filter.to);
  return query;
}

/** The same records, newest first, a batch at a time, for exports. */
export async function* iterateAuditRows(db: Executor, actor: Actor, filter: AuditFilter, batch = 1000) {
  let before: string | null = null;
  for (;;) {
    let query = filteredAudit(db, actor, filter);
    if (before !== null) query = query.where('audit_log.id', '<', before);
    const rows = await query.selectAll('audit_log').orderBy('audit_log.id', 'desc').limit(batch).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    before = rows.at(-1)!.id;
  }
}

export async function listAuditRows(
  db: Executor,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  const query = filteredAudit(db, actor, filter);
  const [items, count] = await Promise.all([
    query
      .leftJoin('audit_chain', 'audit_chain.audit_id', 'audit_log.id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.actor_id',
        'audit_log.actor_label',
        'audit_log.action',
        'audit_log.entity_type',
        'audit_log.entity_id',
        'audit_log.before',
        'audit_log.after',
        'audit_log.reason',
        'audit_log.request_id',
        'audit_log.decision_id',
        'audit_chain.seq',
        'audit_chain.prev_hash',
        'audit_chain.hash',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export type AuditListRow = Awaited<ReturnType<typeof listAuditRows>>['items'][number];

/** Records an audit entry can name, and the column a person knows each by. */
const NAME_COLUMNS = {
  account: 'legal_name',
  contact: 'name',
  user: 'display_name',
  team: 'name',
  token: 'name',
  import: 'filename',
} as const satisfies Partial<Record<NamedEntity, string>>;
export type NameableEntity = keyof typeof NAME_COLUMNS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names of those of `ids` the actor may see, by the entity's own visibility policy: an entry about a
 * customer out of the reader's sight says what happened, not to whom.
 */
export async function visibleNames(
  db: Executor,
  actor: Actor,
  entity: NameableEntity,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Map();
  const table = ENTITY_TABLES[entity];
  const id = sql.ref(`${table}.id`);
  const name = sql.ref(`${table}.${NAME_COLUMNS[entity]}`);
  // The table varies with the entity; the policy qualifies its columns, as every policy does.
  const rows = await db
    .selectFrom(table as 'accounts')
    .select([sql<string>`${id}::text`.as('id'), sql<string>`${name}`.as('name')])
    .where(sql<SqlBool>`${id} = any(${wanted}::uuid[])`)
    .where(visible(entity, actor))
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * One record's audit entries, oldest first, without a visibility filter: for a module that has already
 * checked the reader may see the record and shows its own history (a registration's timeline).
 */
export async function entityHistory(db: Executor, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'after', 'reason', 'decision_id'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'asc')
    .execute();
}
