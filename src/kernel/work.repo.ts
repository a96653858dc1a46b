import { sql, type Insertable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditLogTable, DecisionTable, EventTable } from '../db/types.js';

export type NewAuditRow = Insertable<AuditLogTable>;
export type NewDecisionRow = Insertable<DecisionTable>;
export type NewEventRow = Insertable<EventTable>;

const DECISION_COLUMNS = [
  'id',
  'kind',
  'subject_type',
  'subject_id',
  'verdict',
  'rule',
  'evidence',
  'not_applied',
  'effective',
  'actor_id',
  'request_id',
] as const;
const AUDIT_COLUMNS = [
  'actor_id',
  'actor_label',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'reason',
  'request_id',
  'decision_id',
] as const;
const EVENT_COLUMNS = ['name', 'payload', 'actor_id', 'request_id'] as const;
// PostgreSQL takes at most 65,535 parameters a statement.
const ROWS_PER_STATEMENT = 1000;

function valuesList<T>(rows: readonly T[], columns: readonly (keyof T & string)[]) {
  return sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`));
}

const columnList = (columns: readonly string[]) => sql.raw(columns.join(', '));

/**
 * Everything a unit of work recorded, in one statement (one round trip): decisions, audit rows with their
 * notes for the chainer, and events. Only the parts that have rows are sent.
 */
export async function insertRecords(
  tx: Executor,
  records: { decisions: NewDecisionRow[]; audits: NewAuditRow[]; events: NewEventRow[] },
): Promise<void> {
  const { decisions, audits, events } = records;
  const longest = Math.max(decisions.length, audits.length, events.length);
  for (let start = 0; start < longest; start += ROWS_PER_STATEMENT) {
    const slice = <T>(rows: T[]) => rows.slice(start, start + ROWS_PER_STATEMENT);
    const [d, a, e] = [slice(decisions), slice(audits), slice(events)];
    const parts = [
      ...(d.length
        ? [
            sql`decided as (insert into decisions (${columnList(DECISION_COLUMNS)}) values ${valuesList(d, DECISION_COLUMNS)})`,
          ]
        : []),
      ...(a.length
        ? [
            sql`audited as (insert into audit_log (${columnList(AUDIT_COLUMNS)}) values ${valuesList(a, AUDIT_COLUMNS)} returning id)`,
            sql`noted as (insert into audit_pending (audit_id) select id from audited)`,
          ]
        : []),
      ...(e.length
        ? [
            sql`emitted as (insert into events (${columnList(EVENT_COLUMNS)}) values ${valuesList(e, EVENT_COLUMNS)})`,
          ]
        : []),
    ];
    await sql`with ${sql.join(parts)} select 1`.execute(tx);
  }
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
