/**
 * What the audit trail costs writers: `npm run bench -- audit [--seconds 8] [--clients 1,8,32]`. On PostgreSQL
 * (BENCH_DATABASE_URL, default the local server), in a fresh `fairshare_bench_audit` database:
 *
 * (a) a minimal write — one row — unaudited, audited through the unit of work (the row, its audit record and
 *     nothing else — sent with the COMMIT — in one transaction, with the chainer running beside), and, for reference,
 *     audited the old way (one global advisory lock held to commit), at each client count;
 * (b) account creation through the HTTP API of a server in its own process, at 1 and 32 clients: creates per
 *     second, latency, CPU per create and cores busy for the server, PostgreSQL (all its processes) and this
 *     load generator, and where the server's time goes (a V8 CPU profile, by package and by function, on
 *     stderr).
 *
 * Prints one JSON document with the machine it ran on. Ratios are taken within this one run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { newAuditKeyPem, runWork, sealAudit } from '../src/kernel/index.js';
import { systemContext } from '../src/modules/access/index.js';
import { generateRecords } from './generate.js';
import { cpuSplit, machine, percentile } from './machine.js';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const ADMIN_PASSWORD = 'bench-river-lantern-1';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `clients` loops running `write` back to back for `seconds`; commits per second. */
async function drive(clients: number, seconds: number, write: () => Promise<unknown>) {
  const until = Date.now() + seconds * 1000;
  let commits = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await write();
        commits += 1;
      }
    }),
  );
  return Math.round(commits / seconds);
}

async function minimalWrites(seconds: number, clientCounts: number[]) {
  const url = await freshDatabase('fairshare_bench_audit');
  const database: Database = await openDatabase({
    databaseUrl: url,
    poolSize: Math.max(...clientCounts) + 4,
  });
  const db = database.db;
  await migrateToLatest(db);
  await sql`create table bench_things (id bigserial primary key, n int not null, payload text not null)`.execute(
    db,
  );
  const ctx = systemContext('bench');
  let n = 0;
  const insert = (executor: typeof db) =>
    sql`insert into bench_things (n, payload) values (${++n}, 'a row of some ordinary size')`.execute(
      executor,
    );
  const variants = {
    unaudited: () => db.transaction().execute((tx) => insert(tx)),
    audited: () =>
      runWork(db, ctx, async (w) => {
        await insert(w.tx);
        w.audit({ action: 'bench.written', entityType: 'thing', entityId: String(n), after: { n } });
      }),
    // How every audited write ran before: one advisory lock for the whole chain, held until commit.
    globalLock: () =>
      db.transaction().execute(async (tx) => {
        await insert(tx);
        await sql`select pg_advisory_xact_lock(7245099)`.execute(tx);
        await sql`insert into audit_log (actor_label, action, entity_type, entity_id)
          values ('bench', 'bench.written', 'thing', ${String(n)})`.execute(tx);
      }),
  };
  // The chainer runs as on a serving node, so audited writes pay for it too.
  let chaining = true;
  const chainer = (async () => {
    while (chaining) {
      await sealAudit(db);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const results: Record<string, Record<string, number>> = {};
  // The variants take turns in short slices, so a PostgreSQL checkpoint or a noisy neighbour falls on all
  // of them alike instead of on whichever ran at that moment.
  const slices = 4;
  for (const clients of clientCounts) {
    const row: Record<string, number> = {};
    for (const write of Object.values(variants)) await drive(clients, 1, write); // warm-up
    for (let slice = 0; slice < slices; slice++)
      for (const [name, write] of Object.entries(variants))
        row[name] = (row[name] ?? 0) + (await drive(clients, seconds / slices, write)) / slices;
    for (const name of Object.keys(variants)) row[name] = Math.round(row[name]!);
    row.auditedRatio = Math.round((row.audited! / row.unaudited!) * 100) / 100;
    results[`${clients} clients`] = row;
  }
  chaining = false;
  await chainer;
  const sealed = await sealAudit(db);
  await database.close();
  return { commitsPerSecond: results, chainedAfter: sealed?.length };
}

/** Where the CPU of a phase went, per create and in cores: the server, PostgreSQL, this load generator. */
function cpuMeter(serverPid: number) {
  const meter = cpuSplit(serverPid);
  return (creates: number, seconds: number) => {
    const used = meter();
    const perCreate = (s: number) => Math.round((s * 1000 * 100) / Math.max(1, creates)) / 100;
    const cores = (s: number) => Math.round((s / seconds) * 100) / 100;
    return {
      serverCpuMsPerCreate: perCreate(used.server),
      serverCpuCores: cores(used.server),
      postgresCpuMsPerCreate: perCreate(used.postgres),
      postgresCpuCores: cores(used.postgres),
      loadGeneratorCpuMsPerCreate: perCreate(used.self),
      machineCoresBusy: cores(used.machine),
    };
  };
}

async function startServer(url: string, dir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', `--cpu-prof`, `--cpu-prof-dir=${dir}`, MAIN, 'serve'],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '40',
        DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        FAIRSHARE_ADMIN_PASSWORD: ADMIN_PASSWORD,
        AUDIT_SIGNING_KEY: newAuditKeyPem(),
        LOGIN_RATE_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, base };
}

async function call(base: string, path: string, init: { cookie?: string; json?: unknown } = {}) {
  const response = await fetch(base + path, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.json !== undefined && { 'content-type': 'application/json' }),
      ...(init.cookie && { cookie: init.cookie }),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body: unknown = await response.json().catch(() => null);
  return { status: response.status, body, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

/** Self time in a V8 CPU profile, by package (or our source file) and by function. */
function summariseProfile(dir: string) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)!;
    if (frame.functionName === '(idle)') continue;
    total += micros;
    const url = frame.url;
    const place = url.includes('node_modules/')
      ? url
          .split('node_modules/')
          .at(-1)!
          .split('/')
          .slice(0, url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : url.includes('/src/')
        ? `src/${url.split('/src/').at(-1)}`
        : url.startsWith('node:')
          ? url
          : frame.functionName || '(native)';
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  }
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, micros]) => ({ name, share: Math.round((micros / total) * 1000) / 10 }));
  return {
    sampledSeconds: Math.round(total / 1e4) / 100,
    byPlace: top(byPlace),
    byFunction: top(byFunction),
  };
}

async function httpCreates(seconds: number) {
  const url = await freshDatabase('fairshare_bench_http');
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-bench-http-'));
  const { child, base } = await startServer(url, dir);
  try {
    const admin = (
      await call(base, '/api/v1/auth/login', { json: { login: 'admin', password: ADMIN_PASSWORD } })
    ).cookie;
    const cookies: string[] = [];
    for (let i = 0; i < 32; i++) {
      const login = `bench${i}`;
      await call(base, '/api/v1/users', {
        cookie: admin,
        json: { login, displayName: login, role: 'rep', status: 'active', password: ADMIN_PASSWORD },
      });
      cookies.push(
        (await call(base, '/api/v1/auth/login', { json: { login, password: ADMIN_PASSWORD } })).cookie,
      );
    }
    // Reference records only: distinct companies, written the way people write them.
    const companies = generateRecords({ count: 60_000, seed: 7 }).filter((r) => r.copy === 0);
    let next = 0;
    const phases: Record<string, unknown> = {};
    for (const clients of [1, 32]) {
      const latencies: number[] = [];
      const statuses: Record<number, number> = {};
      const create = async (cookie: string) => {
        const r = companies[next++ % companies.length]!;
        const started = performance.now();
        const reply = await call(base, '/api/v1/accounts', {
          cookie,
          json: {
            legalName: r.name,
            ...(r.phone && { phones: [r.phone] }),
            ...(r.email && { emails: [r.email] }),
            confirm: { reason: 'bench' },
          },
        });
        latencies.push(performance.now() - started);
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      };
      const warm = Date.now() + 2000;
      while (Date.now() < warm) await create(cookies[0]!);
      latencies.length = 0;
      for (const k of Object.keys(statuses)) delete statuses[Number(k)];
      const meter = cpuMeter(child.pid!);
      const until = Date.now() + seconds * 1000;
      await Promise.all(
        cookies.slice(0, clients).map(async (cookie) => {
          while (Date.now() < until) await create(cookie);
        }),
      );
      const created = statuses[201] ?? 0;
      latencies.sort((a, b) => a - b);
      phases[`${clients} clients`] = {
        createsPerSecond: Math.round(created / seconds),
        statuses,
        latencyMs: {
          p50: Math.round(percentile(latencies, 50) * 10) / 10,
          p95: Math.round(percentile(latencies, 95) * 10) / 10,
        },
        ...meter(latencies.length, seconds),
      };
    }
    const rate = (k: string) => (phases[k] as { createsPerSecond: number }).createsPerSecond;
    return { phases, scaling1to32: Math.round((rate('32 clients') / rate('1 clients')) * 100) / 100 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    const profile = summariseProfile(dir);
    rmSync(dir, { recursive: true, force: true });
    // The profile covers the whole server run (users, logins, warm-up and both phases).
    console.error(JSON.stringify({ serverProfile: profile }, null, 2));
  }
}

export async function main(args: string[]) {
  const seconds = Number(option(args, 'seconds', '8'));
  const clients = option(args, 'clients', '1,8,32').split(',').map(Number);
  const writes = await minimalWrites(seconds, clients);
  const http = await httpCreates(seconds);
  console.log(
    JSON.stringify(
      {
        benchmark: 'audit',
        engine: 'postgres',
        machine: machine(),
        seconds,
        minimalWrite: writes,
        httpCreate: http,
      },
      null,
      2,
    ),
  );
}
