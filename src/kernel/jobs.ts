import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { RequestContext } from '../modules/access/index.js';
import type { JsonObject } from './decision.js';
import * as repo from './jobs.repo.js';
import { storableText } from './storable-text.js';
import { runWork, type Work } from './work.js';

/**
 * One leased jobs table for everything that runs in the background: imports, sweeps, recalculations.
 * Any node's worker takes due jobs with `FOR UPDATE SKIP LOCKED`; a lease that runs out (its node died) is
 * taken by another; attempts are counted when a lease is taken, so a job that kills its process still runs
 * out of them and is dead-lettered instead of killing every node in turn.
 */
export type JobRow = repo.JobRow;

/** A line the UI shows while the job runs: a code it translates, with parameters. */
export interface JobMessage {
  code: string;
  params?: JsonObject;
}

export interface JobProgress {
  phase?: string;
  done?: number;
  total?: number | null;
  message?: JobMessage | null;
}

export interface JobContext {
  db: Db;
  job: JobRow;
  /** Who the job acts as: its creator while they may still act, else the system. */
  ctx: RequestContext;
  log: Logger;
  /** Aborted when the worker stops: a long job ends its current part and returns 'again'. */
  signal: AbortSignal;
  /** A unit of work as the job's actor: one transaction, audit and decisions with it. */
  work<T>(body: (w: Work) => Promise<T>): Promise<T>;
  /** Live progress for the UI, written at once in its own small transaction (throttled); renews the lease. */
  progress(update: JobProgress, options?: { force?: boolean }): Promise<void>;
}

export interface JobHandler {
  kind: string;
  /** 'system' jobs are short sweeps run beside long work, so the audit chain never waits on an import. */
  lane?: 'system' | 'work';
  leaseSeconds?: number;
  /** Runs the job, or its next part: 'again' runs the next part at once without counting an attempt. */
  run(job: JobContext): Promise<'done' | 'again'>;
  /**
   * When the job fails for good — an AppError (the input is at fault), or attempts exhausted — record it in
   * the domain, in the same unit of work that marks the job failed.
   */
  failed?(w: Work, job: JobRow, error: JobFailure): Promise<void>;
}

/** Why a job ended without success: an AppError's code, message and details, or JOB_EXHAUSTED. */
export interface JobFailure {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface Recurring {
  kind: string;
  intervalSeconds: number;
}

export interface WorkerOptions {
  pollMs: number;
  handlers: JobHandler[];
  recurring: Recurring[];
  /** The context a job acts in; throws (an AppError) when its creator may no longer act. */
  contextFor: (db: Db, job: JobRow) => Promise<RequestContext>;
}

const DEFAULT_LEASE_SECONDS = 120;
const MAX_BACKOFF_SECONDS = 3600;
const PROGRESS_EVERY_MS = 250;

/** Seconds before retry number `attempts` (1-based): 2, 4, 8 … capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), MAX_BACKOFF_SECONDS);
}

export const NODE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export async function enqueueJob(
  w: Work,
  kind: string,
  payload: JsonObject,
  options: { maxAttempts?: number } = {},
): Promise<JobRow> {
  return repo.insertJob(w.tx, {
    kind,
    payload,
    created_by: w.actor.id,
    ...(options.maxAttempts && { max_attempts: options.maxAttempts }),
  });
}

export const findJob = repo.findJob;

// Messages can quote the job's input (a file's text); one the database cannot store would make recording the
// failure fail too, and the job would come back at every lease.
const errorText = (error: unknown) => storableText(error instanceof Error ? error.message : String(error));

/**
 * Leases and runs one due job among `handlers`; false when none is due. A failure rolls back whatever the
 * failing part had not committed (each part is its own unit of work) and is then recorded in a fresh
 * transaction: retried with backoff, or failed / dead-lettered with the handler told.
 */
export async function runNextJob(
  db: Db,
  handlers: readonly JobHandler[],
  log: Logger,
  contextFor: WorkerOptions['contextFor'],
  signal: AbortSignal = new AbortController().signal,
): Promise<boolean> {
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  const leaseOf = (kind: string) => byKind.get(kind)?.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const leased = await repo.leaseNextJob(db, [...byKind.keys()], leaseOf, NODE_ID);
  if (!leased) return false;
  const { job, exhausted } = leased;
  const handler = byKind.get(job.kind)!;
  if (exhausted) {
    const message = `stopped after ${job.attempts} attempts: the process running it ended each time`;
    await giveUp(db, handler, job, { code: 'JOB_EXHAUSTED', message }, 'dead', log);
    return true;
  }
  const lease = leaseOf(job.kind);
  // The lease is kept alive while the job runs, whatever the handler does between progress reports.
  const heartbeat = setInterval(
    () => void repo.renewLease(db, job.id, NODE_ID, lease).catch(() => undefined),
    (lease * 1000) / 3,
  );
  try {
    const ctx = await contextFor(db, job);
    let last = 0;
    const outcome = await handler.run({
      db,
      job,
      ctx,
      log,
      signal,
      work: (body) => runWork(db, ctx, body),
      async progress(update, options) {
        const now = Date.now();
        if (!options?.force && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        await repo.setProgress(db, job.id, update);
      },
    });
    await repo.finishJob(db, job.id, { status: outcome });
  } catch (error) {
    if (error instanceof AppError) {
      const failure = { code: error.code, message: errorText(error), details: error.details };
      await giveUp(db, handler, job, failure, 'failed', log);
    } else if (job.interval_seconds === null && job.attempts >= job.max_attempts) {
      await giveUp(db, handler, job, { code: 'JOB_EXHAUSTED', message: errorText(error) }, 'dead', log);
    } else {
      const retryInSeconds = backoffSeconds(job.attempts);
      log.warn(
        { jobId: job.id, kind: job.kind, attempts: job.attempts, err: errorText(error) },
        'job failed',
      );
      await repo.finishJob(db, job.id, { status: 'queued', retryInSeconds, error: errorText(error) });
    }
  } finally {
    clearInterval(heartbeat);
  }
  return true;
}

async function giveUp(
  db: Db,
  handler: JobHandler,
  job: JobRow,
  error: JobFailure,
  status: 'failed' | 'dead',
  log: Logger,
) {
  log.error({ jobId: job.id, kind: job.kind, status, err: error.message }, 'job ended without success');
  const ctx: RequestContext = {
    actor: { ...systemJobActor, label: `job:${job.kind}` },
    requestId: `job:${job.id}`,
  };
  try {
    await runWork(db, ctx, async (w) => {
      await repo.finishJob(w.tx, job.id, { status, error: error.message });
      await handler.failed?.(w, job, error);
    });
  } catch (failure) {
    // The domain could not record it: the job still must not run again.
    log.error({ jobId: job.id, err: errorText(failure) }, 'recording a failed job failed');
    await repo.finishJob(db, job.id, { status, error: error.message });
  }
}

const systemJobActor = {
  id: null,
  label: 'job',
  role: null,
  teamId: null,
  partnerId: null,
  permissions: new Set<never>(),
  scope: 'all' as const,
};

export interface Worker {
  stop(): Promise<void>;
  /** Runs every due job now, in both lanes (tests, CLI). */
  drain(): Promise<void>;
}

export async function startWorker(db: Db, log: Logger, options: WorkerOptions): Promise<Worker> {
  for (const r of options.recurring) await repo.ensureRecurringJob(db, r.kind, r.intervalSeconds);
  let stopped = false;
  const stopping = new AbortController();
  const lanes = (['system', 'work'] as const).map((lane) => {
    const handlers = options.handlers.filter((h) => (h.lane ?? 'work') === lane);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const pass = async () => {
      while (!stopped && (await runNextJob(db, handlers, log, options.contextFor, stopping.signal))) {
        /* run every due job */
      }
    };
    const loop = () => {
      running = pass()
        .catch((error: unknown) => log.error({ err: errorText(error) }, 'worker pass failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(loop, options.pollMs);
        });
    };
    timer = setTimeout(loop, 0);
    return {
      pass,
      async stop() {
        clearTimeout(timer);
        await running;
      },
    };
  });
  return {
    async stop() {
      stopped = true;
      stopping.abort();
      await Promise.all(lanes.map((l) => l.stop()));
    },
    async drain() {
      for (const lane of lanes) await lane.pass();
    },
  };
}
