import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  engine: Engine;
  /** The embedded engine itself, for dumps and tests; absent on PostgreSQL. */
  pglite?: PGlite;
  /** This process's exclusive hold on a PGlite data directory, until close. */
  lock?: DataDirLock;
  close(): Promise<void>;
}

// Both engines hand back the same JS values: ISO strings for timestamps, 'YYYY-MM-DD' for dates, strings
// for bigint and numeric (never a float for money).
const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

export function pgTimestampToIso(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?(?:\+00(?::00)?)?$/.exec(text);
  if (!m) return text; // infinity and friends pass through unchanged
  const fraction = (m[3] ?? '.000').padEnd(4, '0').slice(0, 4);
  return `${m[1]}T${m[2]}${fraction}Z`;
}

const identity = (v: string) => v;
const textParsers: Record<number, (v: string) => unknown> = {
  [OID.int8]: identity,
  [OID.date]: identity,
  [OID.numeric]: identity,
  [OID.timestamp]: pgTimestampToIso,
  [OID.timestamptz]: pgTimestampToIso,
};

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** Load an existing PGlite data directory dump instead of opening dataDir (tests). */
  loadDataDir?: Blob;
  /** What opens it ('serve', 'user create' …), named in a PGlite data directory's lock for whoever is refused. */
  purpose?: string;
}

export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: textParsers,
  });
  await pglite.waitReady;
  await pglite.exec("set time zone 'UTC'");
  return pglite;
}

/**
 * Every parameterised statement runs as a named prepared statement on PostgreSQL: each connection parses it
 * once instead of on every call, and after a few runs PostgreSQL's plan cache may settle on a generic plan
 * when it costs no more than planning for each call's values (plan_cache_mode decides, as for any driver
 * that prepares). Texts are named here, once per process; each connection prepares a name the first time it
 * runs it. Statements without parameters (BEGIN, COMMIT, scripts) and bulk ones (many parameters, long
 * texts, which vary with their row count) are sent unnamed, and the number of names is bounded, so what
 * every backend keeps stays small.
 */
const prepared = new Map<string, string>();
const MAX_PREPARED = 1000;
const MAX_PREPARED_PARAMETERS = 64;
const MAX_PREPARED_LENGTH = 16_000;

function preparedName(text: string, values: unknown): string | undefined {
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    values.length > MAX_PREPARED_PARAMETERS ||
    text.length > MAX_PREPARED_LENGTH
  )
    return undefined;
  let name = prepared.get(text);
  if (!name && prepared.size < MAX_PREPARED) {
    name = `fairshare_${prepared.size + 1}`;
    prepared.set(text, name);
  }
  return name;
}

/**
 * The server's answer to a prepared statement whose result columns changed since it was prepared (a
 * migration added a column to a table it selects `*` from, while this process was running).
 */
export function isStalePlan(error: unknown): boolean {
  const e = error as { code?: unknown; routine?: unknown; message?: unknown } | null;
  // The routine names the check whatever language the server writes its messages in.
  return (
    e?.code === '0A000' &&
    (e.routine === 'RevalidateCachedQuery' ||
      (typeof e.message === 'string' && e.message.includes('cached plan must not change')))
  );
}

/** Marks a statement that may wait for its transaction's COMMIT (see `sendWithCommit`); a comment to PostgreSQL. */
const WITH_COMMIT = '/*with-commit*/ ';

type QueryResultLike = { command?: string; rowCount?: number | null; rows?: unknown[] };

/**
 * A pg client that sends parameterised statements as named prepared ones (see `preparedName`), and holds statements
 * marked by `sendWithCommit` until the transaction's COMMIT, sending both in one simple-protocol message (one
 * round trip instead of two). A ROLLBACK drops what is held; any other statement sends it first, so the
 * transaction reads its own writes as before.
 */
class PreparingClient extends pg.Client {
  private held: string[] = [];
  /** Bumped when the server refused a prepared statement as stale: later ones are prepared afresh. */
  private generation = 0;
  private inTransaction = false;

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    const call = super.query.bind(this) as (...a: unknown[]) => never;
    if (typeof text !== 'string' || typeof callback === 'function') return call(...args);
    if (text.startsWith(WITH_COMMIT)) {
      this.held.push(text);
      return Promise.resolve({ command: 'INSERT', rowCount: 0, rows: [] }) as never;
    }
    const verb = text.trim().toLowerCase();
    if (verb === 'begin' || verb.startsWith('start transaction')) this.inTransaction = true;
    else if (verb === 'commit' || verb === 'rollback') this.inTransaction = false;
    const named = (retried: boolean): Promise<unknown> => {
      const name = preparedName(text, values);
      if (!name) return call(...args) as Promise<unknown>;
      const generation = this.generation;
      return (
        call({ name: generation ? `${name}_${generation}` : name, text, values }) as Promise<unknown>
      ).catch((error: unknown) => {
        if (!isStalePlan(error)) throw error;
        if (this.generation === generation) this.generation += 1;
        // Alone it is simply sent again; in a transaction, which the error aborted, the unit of work is
        // retried from the start (`isRetryable`).
        if (retried || this.inTransaction) throw error;
        return named(true);
      });
    };
    const send = () => named(false);
    if (this.held.length === 0) return send() as never;
    const held = this.held.join(';\n');
    this.held = [];
    // Only a ROLLBACK discards them; anything else, a BEGIN included, writes them first: never lost.
    if (verb === 'rollback') return send() as never;
    if (verb === 'commit') {
      // A multi-statement message answers with one result per statement: the caller asked for the COMMIT's.
      return (call(`${held};\ncommit`) as Promise<QueryResultLike | QueryResultLike[]>).then((r) =>
        Array.isArray(r) ? r.at(-1) : r,
      ) as never;
    }
    return (call(held) as Promise<unknown>).then(send) as never;
  }
}

/**
 * Runs `text` (no parameters: values written in as literals) as late as possible in the transaction: on
 * PostgreSQL in the same message as the COMMIT, so records written last cost no round trip of their own. If
 * it fails, the COMMIT fails with its error and the transaction rolls back. PGlite runs it at once.
 */
export async function sendWithCommit(tx: Executor, text: string): Promise<void> {
  // Outside a transaction the pool would hand the held statement back with its connection, unsent.
  if (!tx.isTransaction) throw new Error('sendWithCommit needs a transaction');
  await sql.raw(`${WITH_COMMIT}${text}`).execute(tx);
}

export function createPgPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: databaseUrl,
    max,
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        textParsers[oid] ??
        (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = createPgPool(options.databaseUrl, options.poolSize);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  // A second process on the same data directory would lose writes (see data-dir-lock.ts): hold it first.
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = await acquireDataDirLock(options.dataDir, options.purpose ?? basename(process.argv[1] ?? 'node'));
  }
  let pglite: PGlite;
  try {
    pglite = await openPGlite({
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    ...(lock && { lock }),
    close: async () => {
      await db.destroy();
      // Only once PGlite has closed: if closing fails, the lock stays until this process exits.
      lock?.release();
    },
  };
}

/**
 * What autovacuum does on PostgreSQL, for PGlite which has none: reclaims dead rows, keeps the visibility
 * map current (index-only scans) and refreshes planner statistics. Must run outside a transaction.
 */
export async function vacuumDatabase(db: Kysely<DB>): Promise<void> {
  await sql`vacuum analyze`.execute(db);
}
