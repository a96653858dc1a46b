import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, vacuumDatabase, type Database, type Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureAdmin } from './bootstrap.js';
import { buildApp } from './http/app.js';
import {
  auditCheckpointJob,
  auditSealJob,
  eventDispatchJob,
  eventPurgeJob,
  sealAudit,
  startWorker,
  type JobHandler,
  type JobRow,
  type Recurring,
  type Worker,
} from './kernel/index.js';
import { systemContext, type RequestContext } from './modules/access/index.js';
import { auditKeyFile, auditSetup, type AuditSetup } from './modules/audit/index.js';
import { actorForJob, deleteExpiredSessions } from './modules/auth/index.js';
import { importJob } from './modules/imports/index.js';
import { reassignJob, recoveryJob, redateJob } from './modules/ownership/index.js';
import { certificationJob } from './modules/partners/index.js';
import { registrationExpiryJob, registrationReminderJob } from './modules/registrations/index.js';
import { caseEscalationJob } from './modules/cases/index.js';
import { attainmentAlertJob } from './modules/commission/alerts.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** Stops taking requests, finishes those in flight, stops the worker, closes the database. */
  close(): Promise<void>;
}

export function databaseOptions(config: Config) {
  return { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE };
}

/** Opens the database, migrates, makes sure an admin exists, and serves. */
export async function startServer(config: Config, database?: Database): Promise<RunningServer> {
  const started = Date.now();
  const audit = auditSetup(config);
  const db = database ?? (await openDatabase({ ...databaseOptions(config), purpose: 'serve' }));
  await migrateToLatest(db.db);
  const admin = await ensureAdmin(db.db, config);
  const app = await buildApp(db.db, config, audit);
  if (audit.created && audit.signer) {
    process.stdout.write(
      `\n  Audit checkpoints are signed with the key in ${auditKeyFile(config)}; keep a copy outside this machine.\n` +
        `  Its public key (for AUDIT_TRUSTED_KEYS on other machines): ${audit.signer.publicKey}\n\n`,
    );
  }
  if (admin?.password) {
    // Printed once, on the console only: the log stream must never hold a password.
    process.stdout.write(
      `\n  First start: created admin "${admin.login}" with password ${admin.password}\n  Change it after signing in.\n\n`,
    );
  }
  let worker: Worker | undefined;
  if (config.WORKER_ENABLED) {
    const { handlers, recurring } = backgroundJobs(db, audit, config);
    worker = await startWorker(db.db, app.log, {
      pollMs: config.WORKER_POLL_MS,
      handlers,
      recurring,
      contextFor: jobContext,
    });
  }
  const stop = async () => {
    await app.close();
    await worker?.stop();
    // What this node wrote last is chained and anchored before it goes.
    await sealAudit(db.db, { ...audit.seal, forceCheckpoint: true }).catch((error: unknown) =>
      app.log.error({ err: error }, 'sealing the audit chain at shutdown failed'),
    );
    if (!database) await db.close();
  };
  let address: string;
  try {
    address = await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    // A server that cannot listen (the port is taken …) must not linger: its worker would keep the process
    // alive, and with it the database and the data directory's lock.
    await stop();
    throw error;
  }
  app.log.info({ address, engine: db.engine, startupMs: Date.now() - started }, 'Fairshare is serving');
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  // A command refused the data directory can then point at this server instead.
  db.lock?.update({ url });
  let closing: Promise<void> | undefined;
  return { app, database: db, url, close: () => (closing ??= stop()) };
}

/** A job acts as the user who started it, while that user may still act; a sweep as the system. */
export async function jobContext(db: Db, job: JobRow): Promise<RequestContext> {
  return job.created_by
    ? { actor: await actorForJob(db, job.created_by), requestId: `job:${job.id}` }
    : { ...systemContext(`job:${job.kind}`), requestId: `job:${job.id}` };
}

/** Everything the worker runs: the kernel's sweeps, the modules' jobs, and their schedules. */
export function backgroundJobs(
  db: Database,
  audit: AuditSetup,
  config: Pick<Config, 'IMPORT_MEMORY_MB'>,
): { handlers: JobHandler[]; recurring: Recurring[] } {
  const handlers: JobHandler[] = [
    auditSealJob(audit.seal),
    auditCheckpointJob(audit.seal),
    eventDispatchJob({}),
    eventPurgeJob,
    importJob({ memoryMb: config.IMPORT_MEMORY_MB }),
    recoveryJob,
    registrationExpiryJob,
    reassignJob,
    redateJob,
    certificationJob,
    caseEscalationJob,
    {
      kind: 'sessions.expire',
      lane: 'system',
      run: async ({ db: database }) => (await deleteExpiredSessions(database), 'done'),
    },
    registrationReminderJob,
    attainmentAlertJob,
  ];
  const recurring: Recurring[] = [
    { kind: 'audit.seal', intervalSeconds: 1 },
    { kind: 'events.dispatch', intervalSeconds: 1 },
    { kind: 'events.purge', intervalSeconds: 3600 },
    { kind: 'sessions.expire', intervalSeconds: 3600 },
    // Reads show an expired protection as expired at once; the sweep moves the customers and reminds.
    { kind: 'ownership.recover', intervalSeconds: 900 },
    { kind: 'registrations.expire', intervalSeconds: 900 },
    // Certifications expire on business dates: an hourly look is within the hour of local midnight.
    { kind: 'partners.certifications', intervalSeconds: 3600 },
    { kind: 'registrations.remind', intervalSeconds: 3600 },
    // Case SLAs are counted in hours: a look every five minutes escalates within minutes of the due instant.
    { kind: 'cases.escalate', intervalSeconds: 300 },
    // Attainment checkpoints are days: an hourly look alerts within the hour.
    { kind: 'commission.attainment_alerts', intervalSeconds: 3600 },
  ];
  if (db.engine === 'pglite') {
    // PGlite has no autovacuum: without statistics the planner scans instead of using indexes.
    handlers.push({
      kind: 'db.vacuum',
      lane: 'system',
      run: async ({ db: d }) => (await vacuumDatabase(d), 'done'),
    });
    recurring.push({ kind: 'db.vacuum', intervalSeconds: 600 });
  }
  return { handlers, recurring };
}
