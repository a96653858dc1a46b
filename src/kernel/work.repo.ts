import { CompiledQuery, sql, type Insertable } from 'kysely';
import { sendWithCommit, type Executor } from '../db/database.js';
import { insertLiterals } from '../db/literals.js';
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

/** Column types, for batches sent as one array per column. */
const COLUMN_TYPES: Record<string, string> = {
  id: 'uuid',
  actor_id: 'uuid',
  decision_id: 'uuid',
  rule: 'jsonb',
  evidence: 'jsonb',
  not_applied: 'jsonb',
  effective: 'jsonb',
  before: 'jsonb',
  after: 'jsonb',
  payload: 'jsonb',
};
/** Batch statement texts by shape, built once. */
const statements = new Map<string, string>();

/** Above this many rows a unit of work's records go as arrays, one per column, whatever their number. */
const ARRAYS_FROM = 64;

/**
 * The statement for a batch (a sweep's thousands of decisions): each column one array parameter, so
 * PostgreSQL parses a few parameters instead of tens of thousands, and no limit on parameters applies. Rows
 * keep their order (audit ids follow it, and the chainer links by id).
 */
function arrayStatement(d: boolean, a: boolean, e: boolean): string {
  const shape = `arrays ${d}/${a}/${e}`;
  let text = statements.get(shape);
  if (text) return text;
  let n = 0;
  const arrays = (columns: readonly string[]) =>
    columns.map((c) => `$${++n}::${COLUMN_TYPES[c] ?? 'text'}[]`).join(', ');
  const parts = [
    ...(d
      ? [
          `decided as (insert into decisions (${DECISION_COLUMNS.join(', ')}) select * from unnest(${arrays(DECISION_COLUMNS)}))`,
        ]
      : []),
    ...(a
      ? [
          `audited as (insert into audit_log (${AUDIT_COLUMNS.join(', ')}) select * from unnest(${arrays(AUDIT_COLUMNS)}))`,
        ]
      : []),
    ...(e
      ? [
          `emitted as (insert into events (${EVENT_COLUMNS.join(', ')}) select * from unnest(${arrays(EVENT_COLUMNS)}))`,
        ]
      : []),
  ];
  text = `with ${parts.join(', ')} select 1`;
  statements.set(shape, text);
  return text;
}

const columnArrays = <T>(rows: readonly T[], columns: readonly (keyof T & string)[]) =>
  rows.length === 0 ? [] : columns.map((c) => rows.map((row) => row[c] ?? null));

/**
 * Everything a unit of work recorded: decisions, audit rows and events. A few rows go as plain inserts with
 * their values written in (`pg.escapeLiteral`), sent with the COMMIT (`sendWithCommit`): an audited write
 * costs no round trip more than an unaudited one. A batch goes at once, as one array per column.
 */
export async function insertRecords(
  tx: Executor,
  records: { decisions: NewDecisionRow[]; audits: NewAuditRow[]; events: NewEventRow[] },
): Promise<void> {
  const { decisions, audits, events } = records;
  const rows = decisions.length + audits.length + events.length;
  if (rows === 0) return;
  if (rows > ARRAYS_FROM) {
    const text = arrayStatement(decisions.length > 0, audits.length > 0, events.length > 0);
    await tx.executeQuery(
      CompiledQuery.raw(text, [
        ...columnArrays(decisions, DECISION_COLUMNS),
        ...columnArrays(audits, AUDIT_COLUMNS),
        ...columnArrays(events, EVENT_COLUMNS),
      ]),
    );
    return;
  }
  await sendWithCommit(tx, recordsStatement(records));
}

/**
 * The inserts for a few records as one statement (PGlite runs one statement per call): a plain insert when
 * one table has rows (PostgreSQL plans it for less than a CTE), else a CTE, decisions first (audit rows refer
 * to them). Exported for tests.
 */
export function recordsStatement(records: {
  decisions: NewDecisionRow[];
  audits: NewAuditRow[];
  events: NewEventRow[];
}): string {
  const parts = [
    ...(records.decisions.length ? [insertLiterals('decisions', DECISION_COLUMNS, records.decisions)] : []),
    ...(records.audits.length ? [insertLiterals('audit_log', AUDIT_COLUMNS, records.audits)] : []),
    ...(records.events.length ? [insertLiterals('events', EVENT_COLUMNS, records.events)] : []),
  ];
  if (parts.length === 1) return parts[0]!;
  return `with ${parts.map((p, i) => `r${i} as (${p})`).join(', ')} select 1`;
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
