import { sql } from 'kysely';
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { openDatabase, type Executor } from '../db/database.js';
import { describeEachEngine } from '../db/testing/index.js';
import { AppError } from '../errors.js';
import { systemContext } from '../modules/access/index.js';
import { LockOrderError, runWork } from './work.js';

const ctx = { ...systemContext('test'), requestId: 'req-1' };
const decision = {
  kind: 'account.admission' as const,
  subject: { type: 'account', id: 'a1' },
  verdict: 'created',
  rule: { id: 'test.rule', version: 2, params: { threshold: 0.9 } },
  evidence: [{ code: 'match.none', params: {} }],
};

describeEachEngine('unit of work', (t) => {
  const count = async (table: string, where = sql`true`) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(
          t.database.db,
        )
      ).rows[0]!.n,
    );

  it('commits the change, its audit entry, its decision and its event together', async () => {
    const id = await runWork(t.database.db, ctx, (w) => {
      const decisionId = w.decide(decision);
      w.audit({ action: 'test.made', entityType: 'thing', entityId: 'a1', after: { n: 1 }, decisionId });
      w.emit('account.updated', { accountId: '00000000-0000-4000-8000-000000000001' });
      return decisionId;
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('decision_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'test.made', request_id: 'req-1', actor_label: 'test' });
    expect(await count('decisions', sql`id = ${id}`)).toBe(1);
    expect(await count('events', sql`name = 'account.updated'`)).toBe(1);
  });

  it('writes a batch of thousands (one array per column) in order, every row as a few would be written', async () => {
    const n = 2500;
    const ids = await runWork(t.database.db, ctx, (w) =>
      Array.from({ length: n }, (_, i) => {
        const decisionId = w.decide({ ...decision, subject: { type: 'account', id: `batch-${i}` } });
        w.audit({
          action: 'test.batch',
          entityType: 'thing',
          entityId: `batch-${i}`,
          before: i % 2 ? null : { i },
          after: { n: i, text: '华南公海 "quoted", {braced}' },
          decisionId,
        });
        w.emit('account.updated', { accountId: '00000000-0000-4000-8000-000000000001' });
        return decisionId;
      }),
    );
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after', 'decision_id', 'request_id'])
      .where('action', '=', 'test.batch')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.entity_id)).toEqual(ids.map((_, i) => `batch-${i}`));
    expect(rows.map((r) => r.decision_id)).toEqual(ids);
    expect(rows[2]).toMatchObject({ before: { i: 2 }, after: { n: 2, text: '华南公海 "quoted", {braced}' } });
    expect(rows[1]!.before).toBeNull();
    expect(rows.every((r) => r.request_id === 'req-1')).toBe(true);
    // Each row carries its writer's transaction, by which the chainer finds it.
    expect(await count('audit_log', sql`action = 'test.batch' and xact is not null`)).toBe(n);
    const stored = await t.database.db
      .selectFrom('decisions')
      .select(['rule', 'evidence'])
      .where('id', '=', ids[7]!)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ rule: decision.rule, evidence: decision.evidence });
    expect(await count('decisions', sql`subject_id like 'batch-%'`)).toBe(n);
  });

  it('writes any text as it was given: quotes, backslashes, braces, Chinese, JSON', async () => {
    const tricky = `O'Brien \\ "华南公海" {a,b} $1 ; drop table teams; -- \\'`;
    const id = await runWork(t.database.db, ctx, (w) => {
      const decisionId = w.decide({ ...decision, subject: { type: 'account', id: tricky } });
      w.audit({
        action: 'test.literal',
        entityType: 'thing',
        entityId: tricky,
        after: { text: tricky, list: [tricky] },
        reason: tricky,
        decisionId,
      });
      return decisionId;
    });
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after', 'reason'])
      .where('decision_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ entity_id: tricky, after: { text: tricky, list: [tricky] }, reason: tricky });
    expect(await count('decisions', sql`subject_id = ${tricky}`)).toBe(1);
  });

  it('rolls the change back when its records cannot be written, and says why', async () => {
    const bad = { ...ctx, actor: { ...ctx.actor, id: 'not-a-uuid' } };
    const error = await runWork(t.database.db, bad, async (w) => {
      await sql`insert into teams (name) values ('records failed team')`.execute(w.tx);
      w.audit({ action: 'test.unwritable', entityType: 'thing', entityId: 'x' });
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '22P02' });
    expect(await count('teams', sql`name = 'records failed team'`)).toBe(0);
    expect(await count('audit_log', sql`action = 'test.unwritable'`)).toBe(0);
    // The connection is clean afterwards: the next unit of work on it commits as usual.
    await runWork(t.database.db, ctx, (w) =>
      w.audit({ action: 'test.after', entityType: 'thing', entityId: 'y' }),
    );
    expect(await count('audit_log', sql`action = 'test.after'`)).toBe(1);
  });

  it.skipIf(t.engine !== 'postgres')(
    'sends an audited unit in as many messages as an unaudited one: its records go with the COMMIT',
    async () => {
      const sent: string[] = [];
      const query = Object.getOwnPropertyDescriptor(pg.Client.prototype, 'query')!.value as (
        ...a: unknown[]
      ) => unknown;
      const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
        this: pg.Client,
        ...args: unknown[]
      ) {
        const text = args[0];
        sent.push(typeof text === 'string' ? text : (text as { text: string }).text);
        return query.apply(this, args) as never;
      });
      try {
        await runWork(t.database.db, ctx, async (w) => {
          await sql`insert into teams (name) values ('round trip team')`.execute(w.tx);
          w.audit({ action: 'test.round_trips', entityType: 'thing', entityId: 'rt' });
        });
      } finally {
        spy.mockRestore();
      }
      expect(sent).toHaveLength(3);
      expect(sent[0]).toBe('begin');
      expect(sent[2]).toMatch(/^\/\*with-commit\*\/ insert into audit_log .*;\ncommit$/s);
      expect(await count('audit_log', sql`action = 'test.round_trips'`)).toBe(1);
    },
  );

  it.skipIf(t.engine !== 'postgres')(
    'keeps working when a migration changes a table under statements this process has prepared',
    async () => {
      // One connection, so the statement prepared is the one that goes stale.
      const one = await openDatabase({ databaseUrl: t.database.url!, poolSize: 1 });
      try {
        await sql`create table stale_probe (id int primary key, a text)`.execute(one.db);
        await sql`insert into stale_probe values (1, 'x')`.execute(one.db);
        const read = (db: Executor) =>
          sql<Record<string, unknown>>`select * from stale_probe where id = ${1}`.execute(db);
        expect((await read(one.db)).rows[0]).toEqual({ id: 1, a: 'x' });
        // Another node's migration, while this process runs.
        await sql`alter table stale_probe add column b text default 'y'`.execute(t.database.db);
        expect((await read(one.db)).rows[0]).toEqual({ id: 1, a: 'x', b: 'y' });
        await sql`alter table stale_probe add column c int default 3`.execute(t.database.db);
        let attempts = 0;
        const row = await runWork(one.db, ctx, async (w) => {
          attempts += 1;
          return (await read(w.tx)).rows[0];
        });
        expect(row).toEqual({ id: 1, a: 'x', b: 'y', c: 3 });
        expect(attempts).toBe(2);
      } finally {
        await one.close();
      }
    },
  );

  it('sends nothing when the use case recorded nothing', async () => {
    expect(await runWork(t.database.db, ctx, () => 'read only')).toBe('read only');
  });

  it('writes none of them when the use case fails', async () => {
    const before = [await count('audit_log'), await count('decisions'), await count('events')];
    await expect(
      runWork(t.database.db, ctx, (w) => {
        w.decide(decision);
        w.audit({ action: 'test.failed', entityType: 'thing', entityId: 'x' });
        w.emit('account.updated', { accountId: '00000000-0000-4000-8000-000000000001' });
        throw new AppError('VALIDATION_FAILED', 'no');
      }),
    ).rejects.toThrow('no');
    expect([await count('audit_log'), await count('decisions'), await count('events')]).toEqual(before);
  });

  it('refuses an event that is not registered or does not fit its schema', async () => {
    await expect(
      runWork(t.database.db, ctx, (w) => w.emit('account.updated', { accountId: 'not-a-uuid' })),
    ).rejects.toThrow();
  });

  it('retries a deadlock from the start and keeps only the attempt that committed', async () => {
    let attempts = 0;
    await runWork(t.database.db, ctx, (w) => {
      attempts += 1;
      w.audit({ action: 'test.retried', entityType: 'thing', entityId: String(attempts) });
      if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    expect(attempts).toBe(2);
    expect(await count('audit_log', sql`action = 'test.retried'`)).toBe(1);
  });

  it('answers CONTENTION with a retry time when contention does not pass', async () => {
    const error = await runWork(t.database.db, ctx, () => {
      throw Object.assign(new Error('could not serialize'), { code: '40001' });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONTENTION', details: { retryAfterSeconds: 1 } });
  });

  it('takes keys in one order and refuses a key below one it holds', async () => {
    await runWork(t.database.db, ctx, async (w) => {
      await w.lockKeys(['b', 'a', 'c']);
      await w.lockKeys(['c', 'd']);
      await expect(w.lockKeys(['a0'])).rejects.toBeInstanceOf(LockOrderError);
    });
  });

  it('undoes a failed savepoint’s writes and records but keeps the rest', async () => {
    await runWork(t.database.db, ctx, async (w) => {
      w.audit({ action: 'test.kept', entityType: 'thing', entityId: 'k' });
      await w
        .savepoint(async () => {
          w.audit({ action: 'test.undone', entityType: 'thing', entityId: 'u' });
          await sql`insert into teams (name) values ('savepoint team')`.execute(w.tx);
          throw new Error('part failed');
        })
        .catch(() => undefined);
    });
    expect(await count('audit_log', sql`action = 'test.kept'`)).toBe(1);
    expect(await count('audit_log', sql`action = 'test.undone'`)).toBe(0);
    expect(await count('teams', sql`name = 'savepoint team'`)).toBe(0);
  });
});
