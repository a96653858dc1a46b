/**
 * Commission at scale: `npm run bench -- commission [--lines 1000000] [--payees 10000] [--samples 200]
 * [--engines postgres,pglite] [--reuse]`.
 *
 * One monthly plan with `--payees` reps, three retroactive tiers, a cap and a bonus, and one amendment (版本 2,
 * effective from the period's start, changing the rates), so the period runs under the amended version.
 * `--lines` credit lines in the month: 80 % of the transactions credit one rep, 20 % are split 70/30
 * between two (largest remainder), and one in twenty is a return netted against the sales.
 *
 * Times, per engine: reading the inputs (credit lines → facts, targets, balances), the computation alone
 * (`calculatePeriod`), the whole period run as finance starts it (`calculate`: load, compute, persist the
 * snapshot, results and statement lines, decision and audit in one unit of work), and recomputing one
 * payee (`previewPayee`, `--samples` random payees). Checks that the payouts add up and that a second run
 * gives the same totals. On PostgreSQL the seeded database is kept as a template (`--reuse` copies it).
 *
 * Prints one JSON document with the machine it ran on.
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemContext } from '../src/modules/access/index.js';
import { calculatePeriod } from '../src/modules/commission/calculate.js';
import { calculate, openPeriods, prepare, previewPayee } from '../src/modules/commission/periods.service.js';
import { makePlan, publishVersion } from '../src/db/testing/commission-plans.js';
import { machine, percentile } from './machine.js';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PERIOD = '2026-01-01';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}
const ms = (from: number) => Math.round(performance.now() - from);

const TIERS_V1 = [
  { from: '0', to: '80', rate: '3' },
  { from: '80', to: '100', rate: '5' },
  { from: '100', to: null, rate: '8' },
];
const TIERS_V2 = [
  { from: '0', to: '80', rate: '4' },
  { from: '80', to: '100', rate: '6' },
  { from: '100', to: null, rate: '9' },
];
const rules = (tiers: typeof TIERS_V1) => ({
  currency: 'CNY',
  period: 'month' as const,
  tiers,
  cap: '200000',
  bonuses: [{ atLeast: '120', amount: '1000' }],
});

/** Reps, customers, transactions and credit lines in bulk SQL; the plan through the test fixture. */
async function seed(db: Db, lines: number, payees: number) {
  const started = performance.now();
  const transactions = Math.round(lines / 1.25);
  const split = lines - transactions;
  await sql`
    insert into users (login, display_name, role, status)
    select 'crep' || i, '销售 ' || i, 'rep', 'active' from generate_series(0, ${payees - 1}::int) i
  `.execute(db);
  await sql`
    insert into accounts (legal_name, features)
    select '客户 ' || i, '{}'::jsonb from generate_series(0, ${Math.max(1, Math.floor(transactions / 10)) - 1}::int) i
  `.execute(db);
  await sql`create table bench_reps as select id, row_number() over (order by login) - 1 as n from users where login like 'crep%'`.execute(
    db,
  );
  await sql`create table bench_accounts as select id, row_number() over (order by id) - 1 as n from accounts`.execute(
    db,
  );
  const chunk = 200_000;
  for (let from = 0; from < transactions; from += chunk) {
    const to = Math.min(transactions, from + chunk) - 1;
    await db.transaction().execute(async (tx) => {
      await sql`
        create temporary table seed on commit drop as
        select gen_random_uuid() as id, i,
          case when i % 20 = 19 then -(1000 + (i::bigint * 7919) % 50000) * 100
               else (1000 + (i::bigint * 104729) % 200000) * 100 end as net,
          (${PERIOD}::date + (i % 31))::date as on_date
        from generate_series(${from}::int, ${to}::int) i
      `.execute(tx);
      await sql`
        insert into transactions (id, chain_id, external_id, version, kind, account_id, currency, gross_minor,
          discount_minor, net_minor, transaction_date, base_currency, base_net_minor, rate, content_hash,
          customer_ref, source)
        select s.id, s.id, 'B-' || s.i, 1, case when s.net < 0 then 'return' else 'invoice' end, a.id, 'CNY',
          s.net, 0, s.net, s.on_date, 'CNY', s.net, 1, 'seed', '{}'::jsonb, 'import'
        from seed s join bench_accounts a on a.n = s.i % (select count(*) from bench_accounts)
      `.execute(tx);
      // One rep takes it all, or 70 % with another taking 30 % (the largest remainder gives the odd cent).
      await sql`
        insert into credit_lines (transaction_id, position, payee_type, user_id, role, share_bp, amount_minor,
          currency, source, evidence, decision_id)
        select s.id, 0, 'user', r.id, 'owner', case when s.i < ${split} then 7000 else 10000 end,
          case when s.i < ${split} then s.net - (s.net * 3000 / 10000) else s.net end,
          'CNY', 'owner_claim', '[]'::jsonb, gen_random_uuid()
        from seed s join bench_reps r on r.n = s.i % ${payees}
      `.execute(tx);
      await sql`
        insert into credit_lines (transaction_id, position, payee_type, user_id, role, share_bp, amount_minor,
          currency, source, evidence, decision_id)
        select s.id, 1, 'user', r.id, 'assisting_rep', 3000, s.net * 3000 / 10000,
          'CNY', 'account_team', '[]'::jsonb, gen_random_uuid()
        from seed s join bench_reps r on r.n = (s.i + 1) % ${payees}
        where s.i < ${split}
      `.execute(tx);
    });
  }
  const reps = (await sql<{ id: string }>`select id from bench_reps order by n`.execute(db)).rows;
  const plan = await makePlan(db, {
    rules: rules(TIERS_V1),
    effectiveFrom: '2025-01-01',
    payees: reps.map((r) => ({ userId: r.id })),
  });
  // Targets: about what each rep sells in a month, spread so that every tier is reached by someone.
  await sql`
    insert into commission_targets (payee_id, period_start, version_id, target)
    select p.id, ${PERIOD}::date, ${plan.versionId}::uuid,
      greatest(100000, coalesce(sum(cl.amount_minor), 0) * (60 + (row_number() over (order by p.id)) % 80) / 100)::bigint
    from commission_payees p
    left join credit_lines cl on cl.user_id = p.user_id
    where p.plan_id = ${plan.planId}::uuid
    group by p.id
  `.execute(db);
  await publishVersion(db, plan.planId, 2, PERIOD, rules(TIERS_V2), 'market_change', '原材料涨价，费率上调');
  await openPeriods(db, plan.planId, PERIOD);
  await sql`analyze`.execute(db);
  return { planId: plan.planId, seedSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function periodAndPayees(db: Db) {
  const period = await sql<{ id: string; plan_id: string }>`
    select id, plan_id from commission_periods where period_start = ${PERIOD}::date`.execute(db);
  const payees = await sql<{
    id: string;
  }>`select id from commission_payees where plan_id = ${period.rows[0]!.plan_id}::uuid`.execute(db);
  return { periodId: period.rows[0]!.id, payeeIds: payees.rows.map((p) => p.id) };
}

async function measure(db: Db, samples: number) {
  const { periodId, payeeIds } = await periodAndPayees(db);
  let t = performance.now();
  const { loaded, period } = await prepare(db, periodId);
  const loadMs = ms(t);
  const facts = loaded.inputs.reduce((s, p) => s + p.facts.length, 0);
  const input = {
    rules: loaded.rules,
    digits: loaded.digits,
    period: { start: period.period_start, end: period.period_end },
    payees: loaded.inputs,
    credits: false,
  };
  calculatePeriod(input); // warm the JIT
  t = performance.now();
  const results = calculatePeriod(input);
  const computeMs = ms(t);
  const computedPayout = results.reduce((s, r) => s + r.payout, 0n);

  const ctx = systemContext('bench');
  t = performance.now();
  const first = await calculate(db, ctx, periodId);
  const runMs = ms(t);
  t = performance.now();
  const second = await calculate(db, ctx, periodId);
  const secondRunMs = ms(t);
  if (first.snapshot.payout !== computedPayout || second.snapshot.payout !== computedPayout)
    throw new Error(
      `payouts differ: ${computedPayout} / ${first.snapshot.payout} / ${second.snapshot.payout}`,
    );
  const stored = await sql<{ lines: string; results: string; sum: string }>`
    select (select count(*) from commission_lines where snapshot_id = ${first.snapshot.id}::uuid)::text as lines,
      (select count(*) from commission_results where snapshot_id = ${first.snapshot.id}::uuid)::text as results,
      (select sum(payout_minor) from commission_results where snapshot_id = ${first.snapshot.id}::uuid)::text as sum
  `.execute(db);
  if (BigInt(stored.rows[0]!.sum) !== computedPayout) throw new Error('stored payouts do not add up');

  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const payeeId = payeeIds[(i * 7919) % payeeIds.length]!;
    t = performance.now();
    await previewPayee(db, periodId, payeeId);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const tiers = new Map<number | null, number>();
  for (const r of results) tiers.set(r.tier, (tiers.get(r.tier) ?? 0) + 1);
  return {
    payees: results.length,
    facts,
    payout: computedPayout.toString(),
    payeesPerTier: Object.fromEntries([...tiers].map(([k, v]) => [String(k), v])),
    storedResults: Number(stored.rows[0]!.results),
    storedLines: Number(stored.rows[0]!.lines),
    loadMs,
    computeMs,
    periodRunMs: runMs,
    secondPeriodRunMs: secondRunMs,
    recomputeOnePayeeMs: {
      samples,
      p50: Math.round(percentile(times, 50) * 10) / 10,
      p99: Math.round(percentile(times, 99) * 10) / 10,
    },
    targets: { computeMs: 1000, periodRunMs: 10_000, recomputeOnePayeeP99Ms: 50 },
  };
}

async function freshDatabase(name: string, template?: string) {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

async function exists(name: string) {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  try {
    return Boolean((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount);
  } finally {
    await admin.end();
  }
}

async function onPostgres(lines: number, payees: number, samples: number, reuse: boolean) {
  const template = `fairshare_bench_commission_seed_${lines}_${payees}`;
  let seedSeconds: number | null = null;
  if (!(reuse && (await exists(template)))) {
    const database = await openDatabase({ databaseUrl: await freshDatabase(template), poolSize: 4 });
    try {
      await migrateToLatest(database.db);
      seedSeconds = (await seed(database.db, lines, payees)).seedSeconds;
    } finally {
      await database.close();
    }
  }
  const database = await openDatabase({
    databaseUrl: await freshDatabase('fairshare_bench_commission', template),
    poolSize: 4,
  });
  try {
    await migrateToLatest(database.db);
    return { engine: 'postgres', seedSeconds, ...(await measure(database.db, samples)) };
  } finally {
    await database.close();
  }
}

async function onPGlite(lines: number, payees: number, samples: number) {
  const database = await openDatabase({});
  try {
    await migrateToLatest(database.db);
    const { seedSeconds } = await seed(database.db, lines, payees);
    return { engine: 'pglite', seedSeconds, ...(await measure(database.db, samples)) };
  } finally {
    await database.close();
  }
}

export async function main(args: string[]) {
  const lines = Number(option(args, 'lines', '1000000'));
  const payees = Number(option(args, 'payees', '10000'));
  const samples = Number(option(args, 'samples', '200'));
  const engines = option(args, 'engines', 'postgres,pglite').split(',');
  const result: Record<string, unknown> = {
    benchmark: 'commission',
    lines,
    payees,
    machine: { ...machine(), loadAverageAtStart: loadavg().map((l) => Math.round(l * 10) / 10) },
    runs: [] as unknown[],
  };
  const runs = result.runs as unknown[];
  if (engines.includes('postgres'))
    runs.push(await onPostgres(lines, payees, samples, args.includes('--reuse')));
  if (engines.includes('pglite')) runs.push(await onPGlite(lines, payees, samples));
  result.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 10) / 10);
  console.log(JSON.stringify(result, null, 2));
}
