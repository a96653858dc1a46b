import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export async function enqueue(db: Executor, topic: string, payload: unknown, runAt?: string): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload), ...(runAt && { run_at: runAt }) })
    .execute();
}

/** Takes the next due message, skipping any another worker holds: many nodes drain one table safely. */
export async function claimNextMessage(tx: Executor) {
  return tx
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'attempts', 'max_attempts'])
    .where('status', '=', 'pending')
    .where('run_at', '<=', sql<string>`now()`)
    .orderBy('run_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markMessageDone(tx: Executor, id: string): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ status: 'done', processed_at: new Date().toISOString(), last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markMessageFailed(
  tx: Executor,
  id: string,
  attempts: number,
  dead: boolean,
  retryAt: string,
  error: string,
): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ attempts, status: dead ? 'dead' : 'pending', run_at: retryAt, last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute();
}

export async function ensureScheduledJob(db: Executor, name: string, intervalSeconds: number): Promise<void> {
  await db
    .insertInto('scheduled_jobs')
    .values({ name, interval_seconds: intervalSeconds, next_run_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ interval_seconds: intervalSeconds }))
    .execute();
}

export async function claimDueJob(tx: Executor, name: string) {
  return tx
    .selectFrom('scheduled_jobs')
    .selectAll()
    .where('name', '=', name)
    .where('next_run_at', '<=', sql<string>`now()`)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function finishJob(
  tx: Executor,
  name: string,
  nextRunAt: string,
  error: string | null,
): Promise<void> {
  await tx
    .updateTable('scheduled_jobs')
    .set({ next_run_at: nextRunAt, last_run_at: new Date().toISOString(), last_error: error })
    .where('name', '=', name)
    .execute();
}
