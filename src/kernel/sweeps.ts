import type { Tx } from '../db/database.js';
import { sealAudit, type SealOptions } from './audit-chain.js';
import { EVENT_RETENTION_DAYS, type EventName } from './events.js';
import { backoffSeconds, type JobHandler } from './jobs.js';
import * as repo from './jobs.repo.js';
import * as work from './work.repo.js';

/** The kernel's own background work: linking and signing the audit chain, delivering and purging events. */

export function auditSealJob(options: SealOptions): JobHandler {
  return {
    kind: 'audit.seal',
    lane: 'system',
    async run({ db }) {
      await sealAudit(db, options);
      return 'done';
    },
  };
}

/** Asked for after bulk work: chain what it wrote and sign a checkpoint at once. */
export function auditCheckpointJob(options: SealOptions): JobHandler {
  return {
    kind: 'audit.checkpoint',
    lane: 'system',
    async run({ db }) {
      await sealAudit(db, { ...options, forceCheckpoint: true });
      return 'done';
    },
  };
}

export type EventSubscriber = (
  tx: Tx,
  event: { id: string; name: EventName; payload: unknown },
) => Promise<void>;

const MAX_EVENT_ATTEMPTS = 10;
const EVENTS_PER_RUN = 500;
const EVENTS_PER_TRANSACTION = 100;

/**
 * Delivers pending events to their subscribers, a batch per transaction (one claim, one update marking the
 * batch delivered: every audited write emits an event, so one transaction per event cost the server more
 * round trips than the write itself). Each event with subscribers is delivered in its own savepoint, so a
 * subscriber that writes and then fails leaves nothing, and its failure is recorded in the same (still
 * healthy) transaction with backoff — a poison event never blocks the next one.
 */
export function eventDispatchJob(subscribers: Partial<Record<EventName, EventSubscriber[]>>): JobHandler {
  return {
    kind: 'events.dispatch',
    lane: 'system',
    async run({ db, log }) {
      for (let done = 0; done < EVENTS_PER_RUN;) {
        const claimed = await db.transaction().execute(async (tx) => {
          const events = await repo.claimEvents(tx, Math.min(EVENTS_PER_TRANSACTION, EVENTS_PER_RUN - done));
          const delivered: string[] = [];
          for (const event of events) {
            const name = event.name as EventName;
            const listening = subscribers[name] ?? [];
            if (listening.length === 0) {
              delivered.push(event.id);
              continue;
            }
            await work.savepoint(tx, 'deliver');
            try {
              for (const subscriber of listening)
                await subscriber(tx, { id: event.id, name, payload: event.payload });
              await work.releaseSavepoint(tx, 'deliver');
              delivered.push(event.id);
            } catch (error) {
              await work.rollbackToSavepoint(tx, 'deliver');
              await work.releaseSavepoint(tx, 'deliver');
              const attempts = event.attempts + 1;
              const dead = attempts >= MAX_EVENT_ATTEMPTS;
              const text = error instanceof Error ? error.message : String(error);
              log.warn({ eventId: event.id, name, attempts, dead, err: text }, 'event delivery failed');
              await repo.markEventFailed(tx, event.id, attempts, dead, backoffSeconds(attempts), text);
            }
          }
          await repo.markEventsDelivered(tx, delivered);
          return events.length;
        });
        done += claimed;
        if (claimed < EVENTS_PER_TRANSACTION) break;
      }
      return 'done';
    },
  };
}

export const eventPurgeJob: JobHandler = {
  kind: 'events.purge',
  lane: 'system',
  async run({ db, log }) {
    const purged = await repo.purgeEvents(db, EVENT_RETENTION_DAYS);
    if (purged > 0) log.info({ purged }, 'delivered events purged');
    return 'done';
  },
};
