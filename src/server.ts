import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, vacuumDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureAdmin } from './bootstrap.js';
import { buildApp } from './http/app.js';
import { deleteExpiredSessions } from './modules/auth/auth.repo.js';
import { runNextImportJob } from './modules/imports/imports.runner.js';
import { startWorker, type Worker } from './modules/outbox/worker.js';

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
  const db = database ?? (await openDatabase({ ...databaseOptions(config), purpose: 'serve' }));
  await migrateToLatest(db.db);
  const admin = await ensureAdmin(db.db, config);
  const app = await buildApp(db.db, config);
  if (admin?.password) {
    // Printed once, on the console only: the log stream must never hold a password.
    process.stdout.write(
      `\n  First start: created admin "${admin.login}" with password ${admin.password}\n  Change it after signing in.\n\n`,
    );
  }
  let worker: Worker | undefined;
  if (config.WORKER_ENABLED) {
    worker = await startWorker(db.db, app.log, {
      pollMs: config.WORKER_POLL_MS,
      handlers: {},
      tasks: [runNextImportJob],
      jobs: [
        { name: 'sessions.expire', intervalSeconds: 3600, run: deleteExpiredSessions },
        // PGlite has no autovacuum: without statistics the planner scans instead of using indexes.
        ...(db.engine === 'pglite'
          ? [{ name: 'db.vacuum', intervalSeconds: 600, run: vacuumDatabase, outsideTransaction: true }]
          : []),
      ],
    });
  }
  const stop = async () => {
    await app.close();
    await worker?.stop();
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
