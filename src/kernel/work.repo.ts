import { sql, type Insertable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditLogTable, DecisionTable, EventTable } from '../db/types.js';

export type NewAuditRow = Insertable<AuditLogTable>;
export type NewDecisionRow = Insertable<DecisionTable>;
export type NewEventRow = Insertable<EventTable>;

const CHUNK = 500;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function insertDecisions(tx: Executor, rows: NewDecisionRow[]): Promise<void> {
  await insertChunks(rows, (chunk) => tx.insertInto('decisions').values(chunk).execute());
}

/** Audit rows and their notes for the chainer, in one statement per chunk. */
export async function insertAuditRows(tx: Executor, rows: NewAuditRow[]): Promise<void> {
  await insertChunks(rows, (chunk) =>
    tx
      .with('written', (db) => db.insertInto('audit_log').values(chunk).returning('id'))
      .insertInto('audit_pending')
      .columns(['audit_id'])
      .expression((eb) => eb.selectFrom('written').select('written.id'))
      .execute(),
  );
}

export async function insertEvents(tx: Executor, rows: NewEventRow[]): Promise<void> {
  await insertChunks(rows, (chunk) => tx.insertInto('events').values(chunk).execute());
}

/**
 * Transaction-scoped advisory locks on `keys`, in the order given (the caller sorts), in one round trip:
 * the function scan yields the array in order and each lock is taken as its row is produced.
 */
export async function lockAdvisoryKeys(tx: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0))
    from unnest(${[...keys]}::text[]) with ordinality as t(k, n)`.execute(tx);
}

export async function savepoint(tx: Executor, name: string): Promise<void> {
  await sql.raw(`savepoint ${name}`).execute(tx);
}

export async function releaseSavepoint(tx: Executor, name: string): Promise<void> {
  await sql.raw(`release savepoint ${name}`).execute(tx);
}

export async function rollbackToSavepoint(tx: Executor, name: string): Promise<void> {
  await sql.raw(`rollback to savepoint ${name}`).execute(tx);
}
