import pino from 'pino';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../db/testing/index.js';
import { enqueue } from './outbox.repo.js';
import { vacuumDatabase } from '../../db/database.js';
import { backoffSeconds, processNextMessage, runDueJobs, startWorker } from './worker.js';

const log = pino({ level: 'silent' });

it('backs off exponentially and caps at an hour', () => {
  expect([1, 2, 3].map(backoffSeconds)).toEqual([2, 4, 8]);
  expect(backoffSeconds(30)).toBe(3600);
});

describeEachEngine('outbox worker', (t) => {
  const status = async (topic: string) =>
    t.database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'last_error', 'run_at'])
      .where('topic', '=', topic)
      .executeTakeFirstOrThrow();

  it('delivers a message to its handler once and marks it done', async () => {
    const db = t.database.db;
    const seen: unknown[] = [];
    await enqueue(db, 'test.deliver', { n: 1 });
    const handlers = {
      'test.deliver': (_tx: unknown, payload: unknown) => {
        seen.push(payload);
        return Promise.resolve();
      },
    };
    while (await processNextMessage(db, handlers, log));
    expect(seen).toEqual([{ n: 1 }]);
    expect((await status('test.deliver')).status).toBe('done');
  });

  it('retries a failing handler later with the error recorded, and gives up after max attempts', async () => {
    const db = t.database.db;
    await enqueue(db, 'test.fail', {});
    await sql`update outbox set max_attempts = 2 where topic = 'test.fail'`.execute(db);
    const handlers = { 'test.fail': () => Promise.reject(new Error('webhook down')) };
    while (await processNextMessage(db, handlers, log));
    const first = await status('test.fail');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'webhook down' });
    expect(Date.parse(first.run_at)).toBeGreaterThan(Date.now());
    await sql`update outbox set run_at = now() where topic = 'test.fail'`.execute(db);
    while (await processNextMessage(db, handlers, log));
    expect(await status('test.fail')).toMatchObject({ status: 'dead', attempts: 2 });
  });

  it('never hands one message to two workers at once', async () => {
    const db = t.database.db;
    for (let i = 0; i < 20; i++) await enqueue(db, 'test.once', { i });
    const seen: number[] = [];
    const handlers = {
      'test.once': async (_tx: unknown, payload: unknown) => {
        seen.push((payload as { i: number }).i);
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const drain = async () => {
      while (await processNextMessage(db, handlers, log));
    };
    await Promise.all([drain(), drain(), drain(), drain()]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('runs a scheduled job when due and schedules the next run', async () => {
    const db = t.database.db;
    let runs = 0;
    const job = { name: 'test.job', intervalSeconds: 600, run: () => Promise.resolve(++runs) };
    const worker = await startWorker(db, log, { pollMs: 60_000, handlers: {}, jobs: [job] });
    await worker.stop();
    await runDueJobs(db, [job], log);
    await runDueJobs(db, [job], log);
    expect(runs).toBe(1);
    const row = await db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('name', '=', 'test.job')
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.next_run_at)).toBeGreaterThan(Date.now() + 500_000);
  });

  it('runs a job that needs no transaction (VACUUM) outside one, once, and records its errors', async () => {
    const db = t.database.db;
    const vacuum = {
      name: 'test.vacuum',
      intervalSeconds: 600,
      run: vacuumDatabase,
      outsideTransaction: true,
    };
    const failing = {
      name: 'test.failing',
      intervalSeconds: 600,
      run: () => Promise.reject(new Error('disk full')),
      outsideTransaction: true,
    };
    const worker = await startWorker(db, log, { pollMs: 60_000, handlers: {}, jobs: [vacuum, failing] });
    await worker.stop();
    await Promise.all([runDueJobs(db, [vacuum, failing], log), runDueJobs(db, [vacuum, failing], log)]);
    const rows = await db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('name', 'in', ['test.vacuum', 'test.failing'])
      .orderBy('name')
      .execute();
    expect(rows.map((r) => [r.name, r.last_error])).toEqual([
      ['test.failing', 'disk full'],
      ['test.vacuum', null],
    ]);
    for (const row of rows) expect(Date.parse(row.next_run_at)).toBeGreaterThan(Date.now() + 500_000);
  });
});
