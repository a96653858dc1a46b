import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AuditLogTable } from '../../db/types.js';
import type { Selectable } from 'kysely';

export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Omit<AuditRow, 'id'>;

// One key for the whole chain: appends are serialised so each row can name its predecessor.
const CHAIN_LOCK_KEY = 7_245_001;

export async function lockAuditChain(tx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(tx);
}

export async function lastAuditHash(tx: Executor): Promise<string | null> {
  const row = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export async function insertAuditRow(tx: Executor, row: NewAuditRow): Promise<AuditRow> {
  return tx
    .insertInto('audit_log')
    .values({ ...row, before: jsonb(row.before), after: jsonb(row.after) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const jsonb = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** Rows in chain order, a page at a time, for verification. */
export async function auditRowsAfter(db: Executor, afterId: string, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAuditRows(
  db: Executor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
