import { sql, type Insertable } from 'kysely';
import type { AuditCheckpointTable } from '../db/types.js';
import type { Executor } from '../db/database.js';

export interface ChainerState {
  next_xact: string;
  running: string[];
}

/**
 * What the last chainer pass saw, locked for this pass: one chainer at a time, across every node. Null when
 * another pass holds it, or committed after this transaction's snapshot was taken (its links are not
 * visible here, so this pass must not link anything).
 */
export async function lockChainer(tx: Executor): Promise<ChainerState | null> {
  try {
    const result = await sql<ChainerState>`
      select next_xact, running from audit_chainer for update nowait`.execute(tx);
    return result.rows[0] ?? null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '55P03' || code === '40001') return null;
    throw error;
  }
}

/** What this transaction's snapshot sees as not yet committed: the state the next pass starts from. */
export async function snapshotState(tx: Executor): Promise<ChainerState> {
  const result = await sql<ChainerState>`
    select pg_snapshot_xmax(pg_current_snapshot())::text as next_xact,
      array(select x::text::bigint from pg_snapshot_xip(pg_current_snapshot()) x order by 1)::text[] as running`.execute(
    tx,
  );
  return result.rows[0]!;
}

export async function saveChainer(tx: Executor, state: ChainerState): Promise<void> {
  await sql`update audit_chainer set next_xact = ${state.next_xact}::bigint,
    running = ${state.running}::bigint[]`.execute(tx);
}

/** Rows written by a transaction the last pass saw running or not yet started: those it could not link. */
const unlinked = (state: ChainerState) =>
  state.running.length > 0
    ? sql`(a.xact >= ${state.next_xact}::bigint or a.xact = any(${state.running}::bigint[]))`
    : sql`a.xact >= ${state.next_xact}::bigint`;

/** An audit row as stored, in the exact text forms that are hashed (timestamps to the microsecond, jsonb as text). */
export interface StoredAuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  decision_id: string | null;
}

const storedColumns = sql`a.id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
  a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.before::text as before,
  a.after::text as after, a.reason, a.request_id, a.decision_id`;

export interface ChainHead {
  seq: string;
  hash: string;
}

export async function chainHead(db: Executor): Promise<ChainHead | null> {
  const row = await db
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Committed rows the chain does not cover yet, in id order after `afterId`. */
export async function pendingRows(
  db: Executor,
  state: ChainerState,
  afterId: string,
  limit: number,
): Promise<StoredAuditRow[]> {
  const result = await sql<StoredAuditRow>`
    select ${storedColumns} from audit_log a
    where ${unlinked(state)} and a.id > ${afterId}::bigint
      and not exists (select 1 from audit_chain c where c.audit_id = a.id)
    order by a.id limit ${limit}`.execute(db);
  return result.rows;
}

export async function insertChainLinks(
  db: Executor,
  links: { seq: string; audit_id: string; prev_hash: string; hash: string }[],
): Promise<void> {
  for (let i = 0; i < links.length; i += 1000)
    await db
      .insertInto('audit_chain')
      .values(links.slice(i, i + 1000))
      .execute();
}

export interface ChainLinkWithRow extends Partial<StoredAuditRow> {
  seq: string;
  audit_id: string;
  prev_hash: string;
  hash: string;
  row_id: string | null;
}

/** The chain in order, a page at a time, each link with the row it covers (absent when deleted). */
export async function chainPage(db: Executor, afterSeq: string, limit: number): Promise<ChainLinkWithRow[]> {
  const result = await sql<ChainLinkWithRow>`
    select c.seq, c.audit_id, c.prev_hash, c.hash, a.id as row_id, ${storedColumns}
    from audit_chain c left join audit_log a on a.id = c.audit_id
    where c.seq > ${afterSeq}::bigint order by c.seq limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * Audit rows no chain link covers: those written by a transaction the chainer has not seen finish wait for
 * it; any other was slipped into the table behind the writers' backs.
 */
export async function uncoveredRows(db: Executor, limit: number) {
  const state = await db.selectFrom('audit_chainer').select(['next_xact', 'running']).executeTakeFirst();
  const pending = state ? unlinked(state) : sql`true`;
  const result = await sql<{ id: string; pending: boolean; total: string }>`
    select a.id, coalesce(${pending}, false) as pending, count(*) over () as total
    from audit_log a
    where not exists (select 1 from audit_chain c where c.audit_id = a.id)
    order by pending, a.id limit ${limit}`.execute(db);
  return result.rows;
}

export async function countAuditRows(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lastCheckpoint(db: Executor) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function listCheckpoints(db: Executor) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
}

export async function insertCheckpoint(
  db: Executor,
  checkpoint: Insertable<AuditCheckpointTable>,
): Promise<void> {
  await db.insertInto('audit_checkpoints').values(checkpoint).execute();
}

export async function storedRows(db: Executor, ids: readonly string[]): Promise<StoredAuditRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<StoredAuditRow>`
    select ${storedColumns} from audit_log a where a.id in (${sql.join([...ids])}) order by a.id`.execute(db);
  return result.rows;
}
