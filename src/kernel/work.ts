import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isStalePlan, type Db, type Tx } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Actor, RequestContext } from '../modules/access/index.js';
import { normalizeJson } from './canonical-json.js';
import type { Decision } from './decision.js';
import { checkEventPayload, type EventName, type EventPayload } from './events.js';
import * as repo from './work.repo.js';

/** One change to record: what happened to which entity, the state before and after, and why. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
  /** The decision that explains this change, as returned by `w.decide`. */
  decisionId?: string | undefined;
}

/**
 * A use case's handle on its transaction. Everything it records — audit entries, decisions, events — is
 * written with the change when the unit of work commits, or not at all.
 *
 * Lock order, the same everywhere so that two use cases can never wait on each other in a circle:
 *   1. advisory keys (`lockKeys`: match keys, rule cursors …), all of them first, in sorted order;
 *   2. rows (`select … for update` in repositories), by primary key order where there are several;
 *   3. what the audit trail needs — nothing: writers only insert, the chainer links rows later.
 */
export interface Work {
  readonly tx: Tx;
  readonly ctx: RequestContext;
  readonly actor: Actor;
  audit(entry: AuditEntry): void;
  /** Stores the decision with the change; returns its id, for the audit entry that it explains. */
  decide(decision: Decision): string;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  /**
   * Serialises writers that touch the same keys. Keys this unit already holds are skipped; a new key that
   * sorts below one already held would break the lock order, so that is refused as a programming error:
   * take every key the use case needs in one call.
   */
  lockKeys(keys: readonly string[]): Promise<void>;
  /** Runs `body` so that if it throws, its writes, records and locks are undone and the rest stands. */
  savepoint<T>(body: () => Promise<T>): Promise<T>;
}

export class LockOrderError extends Error {}

/**
 * Thrown by a use case that found, after taking its locks, that what it read before them has changed: the
 * unit of work starts again from the top, as after a serialization failure.
 */
export class RetryWork extends Error {
  readonly code = '40001';
  constructor() {
    super('read before locking has changed; starting again');
  }
}

class UnitOfWork implements Work {
  readonly actor: Actor;
  private decisions: repo.NewDecisionRow[] = [];
  private audits: repo.NewAuditRow[] = [];
  private events: repo.NewEventRow[] = [];
  private held: string[] = [];
  private savepoints = 0;

  constructor(
    readonly tx: Tx,
    readonly ctx: RequestContext,
  ) {
    this.actor = ctx.actor;
  }

  audit(entry: AuditEntry): void {
    this.audits.push({
      actor_id: this.actor.id,
      actor_label: this.actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
      reason: entry.reason ?? null,
      request_id: this.ctx.requestId,
      decision_id: entry.decisionId ?? null,
    });
  }

  decide(decision: Decision): string {
    const id = randomUUID();
    this.decisions.push({
      id,
      kind: decision.kind,
      subject_type: decision.subject.type,
      subject_id: decision.subject.id,
      verdict: decision.verdict,
      rule: json(decision.rule),
      evidence: json(decision.evidence),
      not_applied: json(decision.notApplied ?? []),
      effective: json(decision.effective),
      actor_id: this.actor.id,
      request_id: this.ctx.requestId,
    });
    return id;
  }

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    this.events.push({
      name,
      payload: json(checkEventPayload(name, payload)),
      actor_id: this.actor.id,
      request_id: this.ctx.requestId,
    });
  }

  async lockKeys(keys: readonly string[]): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.held.includes(k)).sort();
    if (wanted.length === 0) return;
    const highest = this.held.at(-1);
    if (highest !== undefined && wanted[0]! < highest) {
      throw new LockOrderError(
        `lock order: ${wanted[0]} sorts below ${highest}, already held; take all keys in one call`,
      );
    }
    await repo.lockAdvisoryKeys(this.tx, wanted);
    this.held.push(...wanted);
  }

  async savepoint<T>(body: () => Promise<T>): Promise<T> {
    const name = `uow_${++this.savepoints}`;
    const mark = {
      decisions: this.decisions.length,
      audits: this.audits.length,
      events: this.events.length,
      held: this.held.length,
    };
    await repo.savepoint(this.tx, name);
    try {
      const result = await body();
      await repo.releaseSavepoint(this.tx, name);
      return result;
    } catch (error) {
      await repo.rollbackToSavepoint(this.tx, name);
      // Locks taken inside a rolled-back savepoint are released with it.
      this.decisions.length = mark.decisions;
      this.audits.length = mark.audits;
      this.events.length = mark.events;
      this.held.length = mark.held;
      throw error;
    }
  }

  /** Writes what was recorded — decisions, audit rows, events — in one statement. */
  async flush(): Promise<void> {
    const records = { decisions: this.decisions, audits: this.audits, events: this.events };
    this.decisions = [];
    this.audits = [];
    this.events = [];
    await repo.insertRecords(this.tx, records);
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(normalizeJson(value));
}

/** PostgreSQL's verdicts that say "try again": serialization failure, deadlock, lock not available. */
const RETRYABLE = new Set(['40001', '40P01', '55P03']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // A prepared statement gone stale under a migration: the connection prepares afresh on the next attempt.
  return (typeof code === 'string' && RETRYABLE.has(code)) || isStalePlan(error);
}

export interface WorkOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
}

const DEFAULT_ATTEMPTS = 4;

/**
 * Runs one use case in one transaction. A deadlock or serialization failure is retried from the start a
 * few times (the body must do nothing outside the transaction it could not do twice); when contention
 * persists the caller gets CONTENTION (503 with Retry-After), never a 500.
 */
export async function runWork<T>(
  db: Db,
  ctx: RequestContext,
  body: (w: Work) => Promise<T> | T,
  options: WorkOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        const w = new UnitOfWork(tx, ctx);
        const result = await body(w);
        await w.flush();
        return result;
      });
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) {
        throw new AppError('CONTENTION', 'Others are changing the same records; try again in a moment', {
          retryAfterSeconds: 1,
        });
      }
      // Jittered backoff: racing twins that collided must not collide again in lockstep.
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
