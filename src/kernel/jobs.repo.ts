import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { JobTable } from '../db/types.js';

export type JobRow = Selectable<JobTable>;

export async function insertJob(
  db: Executor,
  job: { kind: string; payload: unknown; created_by: string | null; max_attempts?: number },
): Promise<JobRow> {
  return db
    .insertInto('jobs')
    .values({ ...job, payload: JSON.stringify(job.payload) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A recurring job has one row, found by its key; its interval follows the code. */
export async function ensureRecurringJob(db: Executor, kind: string, intervalSeconds: number): Promise<void> {
  await sql`
    insert into jobs (kind, key, interval_seconds) values (${kind}, ${kind}, ${intervalSeconds})
    on conflict (key) do update set interval_seconds = excluded.interval_seconds,
      status = case when jobs.status in ('queued', 'running') then jobs.status else 'queued' end`.execute(db);
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the next due job of the given kinds — queued and due, or running under a lease that ran out
 * (its node died) — skipping any another node is taking. Attempts are counted here, when the lease is
 * taken, so a job that kills its process still runs out of attempts.
 */
export async function leaseNextJob(
  db: Executor,
  kinds: readonly string[],
  leaseSeconds: (kind: string) => number,
  node: string,
): Promise<{ job: JobRow; exhausted: boolean } | undefined> {
  if (kinds.length === 0) return undefined;
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('jobs')
      .select(['id', 'kind', 'attempts', 'max_attempts', 'interval_seconds'])
      .where('kind', 'in', [...kinds])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', sql<string>`now()`)]),
          eb.and([eb('status', '=', 'running'), eb('lease_until', '<', sql<string>`now()`)]),
        ]),
      )
      .orderBy('run_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return undefined;
    // A one-off job whose every attempt was used (each lease counts one) is not run again.
    const exhausted = due.interval_seconds === null && due.attempts >= due.max_attempts;
    const job = await tx
      .updateTable('jobs')
      .set({
        status: 'running',
        lease_until: sql<string>`now() + make_interval(secs => ${exhausted ? 60 : leaseSeconds(due.kind)})`,
        leased_by: node,
        attempts: exhausted ? due.attempts : sql<number>`attempts + 1`,
        updated_at: sql<string>`now()`,
      })
      .where('id', '=', due.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { job, exhausted };
  });
}

export async function renewLease(
  db: Executor,
  id: string,
  node: string,
  leaseSeconds: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_until: sql<string>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', id)
    .where('leased_by', '=', node)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface ProgressPatch {
  phase?: string | undefined;
  done?: number | undefined;
  total?: number | null | undefined;
  message?: unknown;
}

export async function setProgress(db: Executor, id: string, patch: ProgressPatch): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      ...(patch.phase !== undefined && { phase: patch.phase }),
      ...(patch.done !== undefined && { done: patch.done }),
      ...(patch.total !== undefined && { total: patch.total }),
      ...(patch.message !== undefined && { message: JSON.stringify(patch.message) }),
      updated_at: sql<string>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Ends a run: done (a recurring job is queued again after its interval), retried later, failed or dead. */
export async function finishJob(
  db: Executor,
  id: string,
  outcome:
    | { status: 'done' }
    | { status: 'again' }
    | { status: 'queued'; retryInSeconds: number; error: string }
    | { status: 'failed' | 'dead'; error: string },
): Promise<void> {
  const base = { lease_until: null, leased_by: null, updated_at: sql<string>`now()` };
  switch (outcome.status) {
    case 'done':
      await db
        .updateTable('jobs')
        .set({
          ...base,
          status: sql<string>`case when interval_seconds is null then 'done' else 'queued' end`,
          run_at: sql<string>`now() + make_interval(secs => coalesce(interval_seconds, 0))`,
          attempts: sql<number>`case when interval_seconds is null then attempts else 0 end`,
          finished_at: sql<string>`case when interval_seconds is null then now() else finished_at end`,
          last_error: null,
        })
        .where('id', '=', id)
        .execute();
      return;
    case 'again':
      // More to do at once: the next lease does not count as a new attempt.
      await db
        .updateTable('jobs')
        .set({ ...base, status: 'queued', run_at: sql<string>`now()`, attempts: sql<number>`attempts - 1` })
        .where('id', '=', id)
        .execute();
      return;
    case 'queued':
      await db
        .updateTable('jobs')
        .set({
          ...base,
          status: 'queued',
          run_at: sql<string>`now() + make_interval(secs => ${outcome.retryInSeconds})`,
          last_error: outcome.error.slice(0, 2000),
        })
        .where('id', '=', id)
        .execute();
      return;
    case 'failed':
    case 'dead':
      await db
        .updateTable('jobs')
        .set({
          ...base,
          status: outcome.status,
          last_error: outcome.error.slice(0, 2000),
          finished_at: sql<string>`now()`,
        })
        .where('id', '=', id)
        .execute();
      return;
  }
}

// Events: claimed a batch at a time (skipping rows another node holds); each delivery still runs in its
// own savepoint, so a failing subscriber never holds back the next event.

export async function claimEvents(tx: Executor, limit: number) {
  return tx
    .selectFrom('events')
    .select(['id', 'name', 'payload', 'attempts'])
    .where('status', '=', 'pending')
    .where('run_at', '<=', sql<string>`now()`)
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markEventsDelivered(tx: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('events')
    .set({ status: 'delivered', delivered_at: sql<string>`now()`, last_error: null })
    .where('id', 'in', [...ids])
    .execute();
}

export async function markEventFailed(
  tx: Executor,
  id: string,
  attempts: number,
  dead: boolean,
  retryInSeconds: number,
  error: string,
): Promise<void> {
  await tx
    .updateTable('events')
    .set({
      attempts,
      status: dead ? 'dead' : 'pending',
      run_at: sql<string>`now() + make_interval(secs => ${retryInSeconds})`,
      last_error: error.slice(0, 2000),
      ...(dead && { delivered_at: sql<string>`now()` }),
    })
    .where('id', '=', id)
    .execute();
}

export async function purgeEvents(db: Executor, days: { delivered: number; dead: number }): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'delivered'),
          eb('delivered_at', '<', sql<string>`now() - make_interval(days => ${days.delivered})`),
        ]),
        eb.and([
          eb('status', '=', 'dead'),
          eb('delivered_at', '<', sql<string>`now() - make_interval(days => ${days.dead})`),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
