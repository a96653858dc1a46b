import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Tx } from '../../db/database.js';
import * as repo from './outbox.repo.js';

export type MessageHandler = (tx: Tx, payload: unknown, topic: string) => Promise<void>;

export interface ScheduledJob {
  name: string;
  intervalSeconds: number;
  run: (db: Db) => Promise<unknown>;
  /**
   * Run on the database itself rather than in the claiming transaction (VACUUM cannot run inside one). The
   * claim then moves the next run forward first, so other workers skip it while it runs.
   */
  outsideTransaction?: boolean;
}

export interface WorkerOptions {
  pollMs: number;
  /** Handlers by topic; a topic nobody handles is marked done. */
  handlers: Record<string, MessageHandler>;
  jobs: ScheduledJob[];
  /** Steps of long-running work (imports…), each returning whether it did something. */
  tasks?: ((db: Db, log: Logger) => Promise<boolean>)[];
  batchSize?: number;
}

const MAX_BACKOFF_S = 3600;

/** Seconds to wait before retry number `attempts` (1-based): 2, 4, 8 … capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, MAX_BACKOFF_S);
}

/** Processes one due message in its own transaction; false when none is due. */
export async function processNextMessage(
  db: Db,
  handlers: WorkerOptions['handlers'],
  log: Logger,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const message = await repo.claimNextMessage(tx);
    if (!message) return false;
    const handler = handlers[message.topic];
    try {
      if (handler) await handler(tx, message.payload, message.topic);
      await repo.markMessageDone(tx, message.id);
    } catch (error) {
      const attempts = message.attempts + 1;
      const dead = attempts >= message.max_attempts;
      const retryAt = new Date(Date.now() + backoffSeconds(attempts) * 1000).toISOString();
      const text = error instanceof Error ? error.message : String(error);
      log.warn(
        { outboxId: message.id, topic: message.topic, attempts, dead, err: text },
        'outbox message failed',
      );
      await repo.markMessageFailed(tx, message.id, attempts, dead, retryAt, text);
    }
    return true;
  });
}

/** Runs a job, logging the outcome; the error text, or null. */
async function runJob(job: ScheduledJob, db: Db, log: Logger): Promise<string | null> {
  try {
    const result = await job.run(db);
    log.info({ job: job.name, result }, 'scheduled job ran');
    return null;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    log.error({ job: job.name, err: error }, 'scheduled job failed');
    return error;
  }
}

const nextRun = (job: ScheduledJob) => new Date(Date.now() + job.intervalSeconds * 1000).toISOString();

export async function runDueJobs(db: Db, jobs: ScheduledJob[], log: Logger): Promise<void> {
  for (const job of jobs) {
    if (job.outsideTransaction) {
      const claimed = await db.transaction().execute(async (tx) => {
        const due = await repo.claimDueJob(tx, job.name);
        if (due) await repo.finishJob(tx, job.name, nextRun(job), due.last_error);
        return !!due;
      });
      if (claimed) await repo.finishJob(db, job.name, nextRun(job), await runJob(job, db, log));
      continue;
    }
    await db.transaction().execute(async (tx) => {
      const due = await repo.claimDueJob(tx, job.name);
      if (!due) return;
      const error = await runJob(job, tx, log);
      await repo.finishJob(tx, job.name, nextRun(job), error);
    });
  }
}

export interface Worker {
  stop(): Promise<void>;
  /** Runs one full pass now (tests, CLI). */
  tick(): Promise<void>;
}

export async function startWorker(db: Db, log: Logger, options: WorkerOptions): Promise<Worker> {
  for (const job of options.jobs) await repo.ensureScheduledJob(db, job.name, job.intervalSeconds);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    const batch = options.batchSize ?? 50;
    for (let i = 0; i < batch && !stopped; i++) {
      if (!(await processNextMessage(db, options.handlers, log))) break;
    }
    if (!stopped) await runDueJobs(db, options.jobs, log);
    for (const task of options.tasks ?? []) if (!stopped) await task(db, log);
  };

  const loop = () => {
    running = tick()
      .catch((error: unknown) => log.error({ err: error }, 'worker pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs);
      });
  };
  timer = setTimeout(loop, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    tick,
  };
}
