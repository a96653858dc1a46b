import { sql } from 'kysely';
import pino from 'pino';
import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../db/testing/index.js';
import { AppError } from '../errors.js';
import { systemContext } from '../modules/access/index.js';
import { runNextJob, type JobHandler } from './jobs.js';
import * as repo from './jobs.repo.js';
import { eventDispatchJob, eventPurgeJob, type EventSubscriber } from './sweeps.js';
import { runWork } from './work.js';

const log = pino({ level: 'silent' });
const contextFor = () => Promise.resolve(systemContext('test-job'));

describeEachEngine('jobs and events', (t) => {
  const db = () => t.database.db;
  const run = (handlers: JobHandler[]) => runNextJob(db(), handlers, log, contextFor);
  const job = (id: string) => repo.findJob(db(), id);
  const enqueue = (kind: string, maxAttempts = 3) =>
    repo.insertJob(db(), { kind, payload: {}, created_by: null, max_attempts: maxAttempts });
  const teams = async (name: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from teams where name = ${name}`.execute(db())).rows[0]!
        .n,
    );

  beforeEach(async () => {
    // Each test sees only its own jobs and events.
    await sql`update jobs set status = 'done' where status in ('queued', 'running')`.execute(db());
    await sql`update events set status = 'delivered' where status = 'pending'`.execute(db());
  });

  it('keeps nothing a handler wrote before it threw, and retries it later', async () => {
    const queued = await enqueue('test.writes-then-throws');
    const handler: JobHandler = {
      kind: 'test.writes-then-throws',
      run: (j) =>
        j.work(async (w) => {
          await sql`insert into teams (name) values ('written by a failing job')`.execute(w.tx);
          throw new Error('half way');
        }),
    };
    expect(await run([handler])).toBe(true);
    expect(await teams('written by a failing job')).toBe(0);
    const after = await job(queued.id);
    expect(after).toMatchObject({ status: 'queued', attempts: 1, last_error: 'half way' });
    expect(Date.parse(after!.run_at)).toBeGreaterThan(Date.now());
  });

  it('does not let a poison job block the next, and dead-letters it when its attempts run out', async () => {
    const poison = await enqueue('test.poison', 2);
    const good = await enqueue('test.good');
    const failedWith: string[] = [];
    const handlers: JobHandler[] = [
      {
        kind: 'test.poison',
        // An SQL error aborts the transaction: the failure must still be recorded.
        run: (j) =>
          j.work(async (w) => (await sql`select no_such_function()`.execute(w.tx), 'done' as const)),
        failed: (_w, _job, error) => {
          failedWith.push(error.code);
          return Promise.resolve();
        },
      },
      { kind: 'test.good', run: () => Promise.resolve('done' as const) },
    ];
    await run(handlers);
    await run(handlers);
    expect((await job(good.id))?.status).toBe('done');
    expect(await job(poison.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await sql`update jobs set run_at = now() where id = ${poison.id}`.execute(db());
    await run(handlers);
    expect(await job(poison.id)).toMatchObject({ status: 'dead', attempts: 2 });
    expect(failedWith).toEqual(['JOB_EXHAUSTED']);
  });

  it('dead-letters a job whose process died on every attempt, when the next lease would exceed them', async () => {
    const crashed = await enqueue('test.crashes-its-process', 3);
    // Three leases were taken and each node died: attempts counted, lease expired.
    await sql`update jobs set status = 'running', attempts = 3, lease_until = now() - interval '1 second'
      where id = ${crashed.id}`.execute(db());
    let ran = false;
    let failed = '';
    await run([
      {
        kind: 'test.crashes-its-process',
        run: () => ((ran = true), Promise.resolve('done' as const)),
        failed: (w, _job, error) => {
          failed = error.code;
          w.audit({ action: 'test.gave_up', entityType: 'job', entityId: crashed.id });
          return Promise.resolve();
        },
      },
    ]);
    expect(ran).toBe(false);
    expect(failed).toBe('JOB_EXHAUSTED');
    expect((await job(crashed.id))?.status).toBe('dead');
  });

  it('fails a job at once when its input is at fault (an AppError), without retrying', async () => {
    const bad = await enqueue('test.bad-input');
    await run([
      {
        kind: 'test.bad-input',
        run: () => Promise.reject(new AppError('VALIDATION_FAILED', 'the file holds no rows')),
      },
    ]);
    expect(await job(bad.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'the file holds no rows',
    });
  });

  it('records a failure whose message quotes text the database cannot store, instead of leaving it leased', async () => {
    // A message can quote the input (a NUL from an uploaded file); PostgreSQL text refuses \u0000.
    const retried = await enqueue('test.nul-message');
    const refused = await enqueue('test.nul-refusal');
    let details: unknown;
    await run([{ kind: 'test.nul-message', run: () => Promise.reject(new Error('cell "a\u0000b"')) }]);
    await run([
      {
        kind: 'test.nul-refusal',
        run: () =>
          Promise.reject(new AppError('VALIDATION_FAILED', 'id "\ud800"', { problem: { code: 'X' } })),
        failed: (_w, _job, error) => ((details = error.details), Promise.resolve()),
      },
    ]);
    expect(await job(retried.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'cell "a\ufffdb"',
    });
    expect(await job(refused.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'id "\ufffd"' });
    expect(details).toEqual({ problem: { code: 'X' } });
  });

  it('queues a recurring job again after its interval', async () => {
    await repo.ensureRecurringJob(db(), 'test.sweep', 60);
    await sql`update jobs set status = 'queued', run_at = now() where key = 'test.sweep'`.execute(db());
    let runs = 0;
    const sweep: JobHandler = {
      kind: 'test.sweep',
      run: () => ((runs += 1), Promise.resolve('done' as const)),
    };
    await run([sweep]);
    expect(await run([sweep])).toBe(false);
    expect(runs).toBe(1);
    const row = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', 'test.sweep')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(Date.parse(row.run_at) - Date.now()).toBeGreaterThan(50_000);
  });

  it('delivers events a batch per transaction, past one whose subscriber SQL fails mid-batch', async () => {
    const ids = Array.from(
      { length: 230 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    await runWork(db(), systemContext('test'), (w) => {
      ids.forEach((accountId, i) =>
        w.emit(i === 120 ? 'account.archived' : 'account.restored', { accountId }),
      );
    });
    const seen: string[] = [];
    const subscribers: Partial<Record<'account.archived' | 'account.restored', EventSubscriber[]>> = {
      // An SQL error aborts the transaction unless it stays inside its savepoint.
      'account.archived': [async (tx) => void (await sql`select no_such_function()`.execute(tx))],
      'account.restored': [
        (_tx, event) => (seen.push((event.payload as { accountId: string }).accountId), Promise.resolve()),
      ],
    };
    await enqueue('events.dispatch');
    await run([eventDispatchJob(subscribers)]);
    expect(seen).toHaveLength(229);
    const rows = await db()
      .selectFrom('events')
      .select(['status', 'attempts', 'name'])
      .where('name', 'like', 'account.%')
      .where(sql<boolean>`payload->>'accountId' like '00000000-0000-4000-8000-000000000%'`)
      .execute();
    expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(229);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([
      { status: 'pending', attempts: 1, name: 'account.archived' },
    ]);
  });

  it('delivers events past a subscriber that writes and then fails, and purges what was delivered', async () => {
    const accountId = '00000000-0000-4000-8000-00000000000a';
    await runWork(db(), systemContext('test'), (w) => {
      w.emit('account.archived', { accountId });
      w.emit('account.restored', { accountId });
    });
    const subscribers: Partial<Record<'account.archived' | 'account.restored', EventSubscriber[]>> = {
      'account.archived': [
        async (tx) => {
          await sql`insert into teams (name) values ('written by a failing subscriber')`.execute(tx);
          throw new Error('webhook down');
        },
      ],
      'account.restored': [() => Promise.resolve()],
    };
    await enqueue('events.dispatch');
    await run([eventDispatchJob(subscribers)]);
    expect(await teams('written by a failing subscriber')).toBe(0);
    const events = await db().selectFrom('events').selectAll().where('name', 'like', 'account.%').execute();
    const byName = Object.fromEntries(
      events.filter((e) => e.status !== 'delivered' || e.name === 'account.restored').map((e) => [e.name, e]),
    );
    expect(byName['account.archived']).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'webhook down',
    });
    expect(byName['account.restored']?.status).toBe('delivered');
    await sql`update events set delivered_at = now() - interval '8 days' where name = 'account.restored'`.execute(
      db(),
    );
    await enqueue('events.purge');
    await run([eventPurgeJob]);
    expect(
      await db().selectFrom('events').select('id').where('name', '=', 'account.restored').execute(),
    ).toEqual([]);
  });
});
