/**
 * Deal registrations decided per second: `npm run bench -- registrations [--accounts 1000000]
 * [--registrations 100000] [--decisions 6400] [--engines postgres,pglite] [--embedded-accounts 100000]
 * [--embedded-registrations 10000] [--embedded-decisions 1000] [--clients 32]`.
 *
 * The database holds `--accounts` customers and `--registrations` registrations protecting one of them,
 * seeded in bulk SQL (generate_series, 100,000 rows a statement; synthetic names and blocking keys, so the
 * key tables and indexes are at size), plus a few thousand real companies from the generator made through
 * the services (1,000 held by direct reps, 1,000 registered and approved by partners) that the probes'
 * spelling variants collide with. The seeded database is kept as a template keyed by its size (PostgreSQL:
 * a database; PGlite: a data directory) and copied for each run; a template seeded before a newer migration
 * is migrated in its copy before anything is timed.
 *
 * Timed: `--clients` partner users (one per partner) each submit their own drafts side by side through
 * submitRegistration — what POST /api/v1/registrations/:id/submit runs: the fence, matching against accounts,
 * the ledger and every held registration, the verdict as a decision, the protection, and for a clean deal
 * the approval (admission, the ledger's partner hold, the opportunity), its audit, events and notices. The
 * probes are 70 % new companies (approved at once, or waiting for review when they look like another),
 * 15 % variants of partner-registered companies (refused: protected until a date, or the partner's own
 * duplicate) and 15 % variants of direct customers (refused: a direct customer). A decision is one
 * submission answered with its verdict. Drafts are made beforehand (not timed), 64 submissions warm up.
 *
 * PGlite serves one connection at a time and holds its data in one process's memory: its default size is
 * scaled down (`--embedded-*`), and the JSON says so. Prints one JSON document with the machine it ran on.
 *
 * Beside the rates, which depend on what else the machine runs, two figures that do not: the statements sent
 * per decision (each a round trip, a parse and plan, a wake-up of the server process) and this process's CPU
 * per decision, both over the timed phase.
 */
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { contextOf, makeAccount, makePartnerId, makeUser } from '../src/db/testing/factories.js';
import type { AppError } from '../src/errors.js';
import type { RequestContext } from '../src/modules/access/index.js';
import {
  createRegistration,
  submitRegistration,
} from '../src/modules/registrations/registrations.service.js';
import { makeCatalogue, registrationBody } from '../src/modules/registrations/testing.js';
import { generateRecords, type GeneratedRecord } from './generate.js';
import { cpuSplit, machine, percentile } from './machine.js';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TIME_ZONE = 'Asia/Shanghai';
const REPS = 200;
const CHUNK = 100_000;
const WARMUP = 64;
const TARGET = { decisionsPerSecond: 1000, p99Ms: 50 };

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Size {
  accounts: number;
  registrations: number;
  /** Real companies made through the services: held by direct reps, and registered by partners. */
  direct: number;
  registered: number;
  partners: number;
}

/** The real companies the probes collide with, and the probes themselves (names as people write them). */
function companies(size: Size, decisions: number) {
  const all = generateRecords({ count: Math.ceil((size.direct + size.registered) * 2.6) + 100, seed: 7 });
  const firsts = all.filter((r) => r.copy === 0);
  const direct = firsts.slice(0, size.direct);
  const registered = firsts.slice(size.direct, size.direct + size.registered);
  const variantsOf = (set: GeneratedRecord[]) => {
    const entities = new Set(set.map((r) => r.entity));
    return all.filter((r) => r.copy > 0 && entities.has(r.entity));
  };
  const known = new Set(all.map((r) => r.name));
  const fresh = generateRecords({ count: Math.ceil(decisions * 1.6) + 100, seed: 4242 }).filter(
    (r) => r.copy === 0 && !known.has(r.name),
  );
  const pick = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[i % list.length]!);
  const clash = Math.round(decisions * 0.15);
  const probes = [
    ...fresh.slice(0, decisions - 2 * clash).map((r) => ({ kind: 'new' as const, r })),
    ...pick(variantsOf(registered), clash).map((r) => ({ kind: 'registered' as const, r })),
    ...pick(variantsOf(direct), clash).map((r) => ({ kind: 'direct' as const, r })),
  ];
  // Interleaved, so every moment of the run sees the same mix.
  probes.sort((a, b) => (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  return { direct, registered, probes };
}

/** A customer as a partner types it; a phone or USCC the accounts module would refuse is left out. */
const customerOf = (r: GeneratedRecord) => ({
  legalName: r.name,
  phones: r.phone && /^[+\d][\d\s-]{6,}$/.test(r.phone) ? [r.phone] : [],
});

/**
 * The mass in bulk SQL: `accounts` customers with synthetic names and three blocking keys each (unique, so
 * they are never candidates but make the key table and its index the size they would be), the first
 * `registrations` of them held by the partners through approved registrations (protections, keys, the
 * ledger's partner hold), the rest by 200 direct reps.
 */
async function seedMass(db: Db, size: Size, partners: { id: string; userId: string }[], line: string) {
  await sql`
    insert into users (login, display_name, role, status)
    select 'benchrep' || i, '销售 ' || i, 'rep', 'active' from generate_series(1, ${REPS}) i
  `.execute(db);
  // A table, not a temporary one: the pool may run each statement on another connection.
  await sql`create table bench_partners (n int primary key, id uuid, user_id uuid)`.execute(db);
  for (const [n, p] of partners.entries())
    await sql`insert into bench_partners values (${n}, ${p.id}::uuid, ${p.userId}::uuid)`.execute(db);
  const massAccounts = size.accounts - size.direct - size.registered;
  const massRegistrations = Math.min(massAccounts, size.registrations - size.registered);
  const product = await sql<{
    id: string;
  }>`select id from products where product_line_id = ${line}::uuid limit 1`.execute(db);
  const lines = JSON.stringify([
    { productId: product.rows[0]!.id, productLineId: line, quantity: 1, amountMinor: '1000000' },
  ]);
  for (let from = 1; from <= massAccounts; from += CHUNK) {
    const to = Math.min(massAccounts, from + CHUNK - 1);
    await db.transaction().execute(async (tx) => {
      await sql`
        create temporary table seed on commit drop as
        select gen_random_uuid() as id, gen_random_uuid() as reg_id, i,
          case when i <= ${massRegistrations} then p.id end as partner_id,
          case when i <= ${massRegistrations} then p.user_id end as submitter,
          case when i > ${massRegistrations} then r.id end as rep_id,
          '基准' || i || '号贸易有限公司' as legal_name,
          (now() at time zone ${TIME_ZONE})::date + 5 + i % 80 as protected_until,
          now() - make_interval(days => i % 60) as started_at
        from generate_series(${from}::int, ${to}::int) i
        join bench_partners p on p.n = i % ${partners.length}
        join (select id, row_number() over (order by login) - 1 as n from users where login like 'benchrep%') r
          on r.n = i % ${REPS}
      `.execute(tx);
      await sql`
        insert into accounts (id, legal_name, features, owner_id, partner_id, created_at, updated_at)
        select id, legal_name, '[]'::jsonb, rep_id, partner_id, started_at, started_at from seed
      `.execute(tx);
      await sql`
        insert into account_match_keys (key, account_id)
        select k, id from seed, lateral (values ('trade:基准' || i), ('py:jizhun' || i), ('tr:-|基准' || i)) v(k)
      `.execute(tx);
      await sql`
        insert into ownership_claims (account_id, holder, user_id, partner_id, kind, via, started_at, ends_at)
        select id, case when partner_id is null then 'user' else 'partner' end, rep_id, partner_id,
          case when partner_id is null then 'long_term' else 'protected' end,
          case when partner_id is null then 'admission' else 'registration' end, started_at,
          case when partner_id is not null then (protected_until + 1)::timestamp at time zone ${TIME_ZONE} end
        from seed
      `.execute(tx);
      await sql`
        insert into registrations (id, partner_id, submitted_by, status, customer, legal_name, features,
          account_id, name, lines, product_line_ids, amount_minor, currency, expected_close, stage,
          protected_until, submitted_at, decided_at, created_at, updated_at)
        select reg_id, partner_id, submitter, 'approved',
          jsonb_build_object('legalName', legal_name, 'phones', '[]'::jsonb), legal_name, '[]'::jsonb, id,
          '基准项目 ' || i, ${lines}::jsonb, array[${line}::uuid], 1000000, 'CNY',
          (now() at time zone ${TIME_ZONE})::date + 60, 'qualify', protected_until,
          started_at, started_at, started_at, started_at
        from seed where partner_id is not null
      `.execute(tx);
      await sql`
        insert into registration_protections (registration_id, customer_key, line_key)
        select reg_id, 'a:' || id, '*' from seed where partner_id is not null
      `.execute(tx);
      await sql`
        insert into registration_match_keys (registration_id, key)
        select reg_id, k from seed, lateral (values ('trade:基准' || i), ('py:jizhun' || i), ('tr:-|基准' || i)) v(k)
        where partner_id is not null
      `.execute(tx);
    });
    console.error(`seeded ${to} of ${massAccounts} accounts`);
  }
  await sql`drop table bench_partners`.execute(db);
}

/** Tries the customer as generated, then by its name alone where a field (a phone) is refused. */
async function withCustomer<T>(
  r: GeneratedRecord,
  make: (customer: { legalName: string; phones: string[] }) => Promise<T>,
) {
  try {
    return await make(customerOf(r));
  } catch (error) {
    if ((error as AppError).code !== 'VALIDATION_FAILED') throw error;
    return make({ legalName: r.name, phones: [] });
  }
}

/** Seeds an empty, migrated database of `size`; leaves the marker a reuse checks for. */
async function seed(db: Db, size: Size, decisions: number) {
  const started = performance.now();
  await sql`update organization set time_zone = ${TIME_ZONE}`.execute(db);
  await sql`update registration_settings set auto_approve_max_minor = 100000000000, minimum_amount_minor = 0`.execute(
    db,
  );
  const catalogue = await makeCatalogue(db);
  const partners: { id: string; userId: string }[] = [];
  for (let i = 0; i < size.partners; i++) {
    const id = await makePartnerId(db);
    const user = await makeUser(db, { role: 'partner_user', partnerId: id, login: `benchpartner${i}` });
    partners.push({ id, userId: user.id });
  }
  await seedMass(db, size, partners, catalogue.crm.lineId);
  // The real companies, through the services, against the tables at size.
  const { direct, registered } = companies(size, decisions);
  const rep = await makeUser(db, { role: 'rep', login: 'benchdirect' });
  let directMade = 0;
  for (const r of direct) {
    try {
      await withCustomer(r, (customer) =>
        makeAccount(db, { owner: rep, ...customer, confirm: { reason: 'benchmark: a company of its own' } }),
      );
      directMade += 1;
    } catch (error) {
      // The generator's first records include the same company written twice: the engine refuses it.
      if (!(error as AppError).code) throw error;
    }
  }
  const contexts = await Promise.all(partners.map((p) => contextOf(db, { id: p.userId })));
  let approved = 0;
  for (const [i, r] of registered.entries()) {
    const ctx = contexts[i % contexts.length]!;
    const draft = await withCustomer(r, (customer) =>
      createRegistration(db, ctx, registrationBody(r.name, catalogue.crm.productId, { customer })),
    );
    if ((await submitRegistration(db, ctx, draft.id)).status === 'approved') approved += 1;
  }
  await sql`vacuum analyze`.execute(db);
  await sql`create table bench_seed (accounts int, registrations int, product_id uuid)`.execute(db);
  await sql`insert into bench_seed values (${size.accounts}, ${size.registrations}, ${catalogue.crm.productId}::uuid)`.execute(
    db,
  );
  return {
    seconds: round((performance.now() - started) / 1000),
    realDirectMade: directMade,
    realRegisteredApproved: approved,
  };
}

async function seeded(db: Db) {
  const row = await sql<{ accounts: number; registrations: number; product_id: string }>`
    select * from bench_seed`
    .execute(db)
    .catch(() => ({ rows: [] as { accounts: number; registrations: number; product_id: string }[] }));
  return row.rows[0] ?? null;
}

/**
 * Counts the statements this process sends while `on`: every query a pg client of this process submits (a
 * prepared statement's execution included), or every query and exec the embedded engine is asked for.
 */
function statementCounter(database: Database) {
  const counter = { on: false, statements: 0 };
  const tally = () => {
    if (counter.on) counter.statements += 1;
  };
  if (database.pglite) {
    const pglite = database.pglite;
    const query = pglite.query.bind(pglite);
    const exec = pglite.exec.bind(pglite);
    pglite.query = ((...args: Parameters<typeof query>) => {
      tally();
      return query(...args);
    }) as typeof pglite.query;
    pglite.exec = (...args: Parameters<typeof exec>) => {
      tally();
      return exec(...args);
    };
    return { counter, restore: () => undefined };
  }
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    tally();
    return original.apply(this, args);
  };
  return { counter, restore: () => void (client.query = original) };
}

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}

const urlOf = (name: string) => {
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * A copy of the seeded template of this size, migrated; seeds the template first when there is none (or
 * an earlier run stopped half-way).
 */
async function openCopy(engine: 'postgres' | 'pglite', size: Size, decisions: number) {
  const key = `${size.accounts}_${size.registrations}_${size.direct}_${size.registered}`;
  let seedInfo: Awaited<ReturnType<typeof seed>> | null = null;
  if (engine === 'postgres') {
    const template = `fairshare_bench_registrations_seed_${key}`;
    const exists = (await adminQuery(`select 1 from pg_database where datname = '${template}'`)).rowCount;
    let ready = false;
    if (exists) {
      const probe = await openDatabase({ databaseUrl: urlOf(template), poolSize: 1 });
      ready = (await seeded(probe.db)) !== null;
      await probe.close();
    }
    if (!ready) {
      await adminQuery(`drop database if exists ${template} with (force)`);
      await adminQuery(`create database ${template}`);
      const database = await openDatabase({ databaseUrl: urlOf(template), poolSize: 4 });
      try {
        await migrateToLatest(database.db);
        seedInfo = await seed(database.db, size, decisions);
      } finally {
        await database.close();
      }
    }
    await adminQuery('drop database if exists fairshare_bench_registrations with (force)');
    await adminQuery(`create database fairshare_bench_registrations template ${template}`);
    const database = await openDatabase({
      databaseUrl: urlOf('fairshare_bench_registrations'),
      poolSize: 40,
    });
    await migrateToLatest(database.db);
    await sql`analyze`.execute(database.db);
    return { database, seedInfo, template, drop: async () => {} };
  }
  const template = join(tmpdir(), `fairshare-bench-registrations-pglite-${key}`);
  const marker = join(template, 'bench-seeded');
  const ready = await stat(marker).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await rm(template, { recursive: true, force: true });
    const database = await openDatabase({ dataDir: template, purpose: 'bench' });
    try {
      await migrateToLatest(database.db);
      seedInfo = await seed(database.db, size, decisions);
    } finally {
      await database.close();
    }
    await mkdir(marker);
  }
  const copy = join(tmpdir(), `fairshare-bench-registrations-pglite-run-${process.pid}`);
  await rm(copy, { recursive: true, force: true });
  await cp(template, copy, { recursive: true, filter: (src) => !src.endsWith('bench-seeded') });
  const database = await openDatabase({ dataDir: copy, purpose: 'bench' });
  await migrateToLatest(database.db);
  return {
    database,
    seedInfo,
    template,
    drop: () => rm(copy, { recursive: true, force: true }),
  };
}

async function decide(database: Database, size: Size, decisions: number, clients: number) {
  const db = database.db;
  const info = (await seeded(db))!;
  const partnerUsers = await sql<{ id: string }>`
    select id from users where login like 'benchpartner%' order by login limit ${clients}`.execute(db);
  if (partnerUsers.rows.length < clients)
    throw new Error(`the template has ${partnerUsers.rows.length} partners, ${clients} clients asked for`);
  const contexts: RequestContext[] = await Promise.all(partnerUsers.rows.map((u) => contextOf(db, u)));
  const { probes } = companies(size, decisions + WARMUP);
  // Drafts, made beforehand by each client's partner user, side by side (not timed).
  const drafts: string[][] = contexts.map(() => []);
  const draftStarted = performance.now();
  await Promise.all(
    contexts.map(async (ctx, c) => {
      for (let i = c; i < probes.length; i += clients) {
        const r = probes[i]!.r;
        const draft = await withCustomer(r, (customer) =>
          createRegistration(db, ctx, registrationBody(r.name, info.product_id, { customer })),
        );
        drafts[c]!.push(draft.id);
      }
    }),
  );
  const draftSeconds = (performance.now() - draftStarted) / 1000;
  const outcomes: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  const submit = async (c: number, id: string, timed: boolean) => {
    const t0 = performance.now();
    try {
      const view = await submitRegistration(db, contexts[c]!, id);
      if (!timed) return;
      latencies.push(performance.now() - t0);
      const key = view.status === 'rejected' ? `rejected ${view.refusal?.code}` : view.status;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    } catch (error) {
      if (!timed) return;
      const code = (error as AppError).code ?? (error as Error).message;
      errors[code] = (errors[code] ?? 0) + 1;
    }
  };
  // Warm-up: the first submissions of each client, not counted.
  const queues = drafts.map((d) => [...d]);
  await Promise.all(
    queues.map(async (q, c) => {
      for (let i = 0; i < Math.ceil(WARMUP / clients) && q.length > 0; i++)
        await submit(c, q.shift()!, false);
    }),
  );
  const { counter, restore } = statementCounter(database);
  counter.on = true;
  const cpu = cpuSplit();
  const started = performance.now();
  await Promise.all(
    queues.map(async (q, c) => {
      for (const id of q) await submit(c, id, true);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = cpu();
  counter.on = false;
  restore();
  latencies.sort((a, b) => a - b);
  const decided = latencies.length;
  // First valid registration wins: no customer is held by two registrations.
  const check = await sql<{ held_twice: number; holding: number }>`
    select
      (select count(*) from (select customer_key, line_key from registration_protections where active
        group by 1, 2 having count(*) > 1) x)::int as held_twice,
      (select count(*) from registrations where status in ('submitted', 'resubmitted', 'approved'))::int as holding
  `.execute(db);
  if (check.rows[0]!.held_twice > 0)
    throw new Error(`${check.rows[0]!.held_twice} customers held by more than one registration`);
  const perSecond = decided / seconds;
  const p99 = percentile(latencies, 99);
  return {
    via: 'submitRegistration (the service behind POST /api/v1/registrations/:id/submit), in process, each client its own partner user and its own drafts',
    clients,
    decisions: decided,
    draftsMadeSeconds: round(draftSeconds, 2),
    seconds: round(seconds, 2),
    decisionsPerSecond: round(perSecond),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(p99),
      max: round(latencies.at(-1) ?? NaN),
    },
    outcomes,
    errors,
    perDecision: {
      statements: round(counter.statements / Math.max(1, decided), 1),
      // This process: on PostgreSQL the application's side only, on PGlite the engine's too.
      processCpuMs: round((used.self * 1000) / Math.max(1, decided), 2),
      ...(database.pglite ? {} : { postgresCpuMs: round((used.postgres * 1000) / Math.max(1, decided), 2) }),
    },
    machineCoresBusy: round(used.machine / seconds, 2),
    // What the machine could decide at most were its cores busy with nothing else: its cores over the CPU one
    // decision costs (this process and, on PostgreSQL, the database's). PGlite runs in this process's one
    // thread: one core, whatever the machine has.
    ceilingPerSecond: round(
      ((database.pglite ? 1 : machine().cores) * decided) /
        (used.self + (database.pglite ? 0 : used.postgres)),
      0,
    ),
    verified: { noCustomerHeldTwice: true, holdingRegistrations: check.rows[0]!.holding },
    target: TARGET,
    met: perSecond >= TARGET.decisionsPerSecond && p99 <= TARGET.p99Ms,
    loadAverage: loadavg().map((l) => round(l, 1)),
  };
}

export async function main(args: string[]) {
  const engines = option(args, 'engines', 'postgres,pglite').split(',');
  const clients = Number(option(args, 'clients', '32'));
  const accounts = Number(option(args, 'accounts', '1000000'));
  const registrations = Number(option(args, 'registrations', '100000'));
  // PGlite makes its real companies one at a time through the services: fewer of them.
  const sizeOf = (a: number, r: number, real: number): Size => ({
    accounts: a,
    registrations: r,
    direct: Math.min(real, Math.floor(a / 10)),
    registered: Math.min(real, Math.floor(r / 2), Math.floor(a / 10)),
    partners: Math.max(clients, 32),
  });
  const result: Record<string, unknown> = {
    benchmark: 'registrations',
    machine: { ...machine(), loadAverageAtStart: loadavg().map((l) => round(l, 1)) },
  };
  for (const engine of engines) {
    if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`unknown engine ${engine}`);
    const embedded = engine === 'pglite';
    const size = embedded
      ? sizeOf(
          Number(option(args, 'embedded-accounts', String(Math.min(accounts, 100_000)))),
          Number(option(args, 'embedded-registrations', String(Math.min(registrations, 10_000)))),
          300,
        )
      : sizeOf(accounts, registrations, 1000);
    const decisions = Number(
      embedded ? option(args, 'embedded-decisions', '1000') : option(args, 'decisions', '6400'),
    );
    const { database, seedInfo, template, drop } = await openCopy(engine, size, decisions);
    try {
      result[engine] = {
        engine,
        seeded: {
          accounts: size.accounts,
          activeRegistrations: size.registrations,
          realCompanies: { directCustomers: size.direct, registeredByPartners: size.registered },
          partners: size.partners,
          template,
          seedSeconds: seedInfo?.seconds ?? null,
          reusedTemplate: seedInfo === null,
        },
        ...(embedded &&
          (size.accounts < 1_000_000 || size.registrations < 100_000) && {
            scaledDown: `PGlite runs at ${size.accounts} accounts / ${size.registrations} registrations, not 1,000,000 / 100,000: it serves one connection at a time in one process's memory (about 1 GB at a million rows), and seeding and copying a million-row data directory takes longer than a benchmark run should`,
          }),
        ...(await decide(database, size, decisions, clients)),
      };
      // Each engine's result as it comes, should a later one fail.
      console.error(JSON.stringify(result[engine]));
    } finally {
      await database.close();
      await drop();
    }
  }
  console.log(JSON.stringify(result, null, 2));
}
