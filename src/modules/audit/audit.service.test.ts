import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from '../../db/testing/index.js';
import type { Db, Engine } from '../../db/database.js';
import { makeUser } from '../../db/testing/factories.js';
import { systemContext } from '../access/permissions.js';
import { GENESIS_HASH, hashAuditRow, recordAudit, verifyAuditChain } from './audit.service.js';

const ctx = systemContext('test');

/** A DBA editing the table by hand: triggers bypassed the way only a superuser can. */
async function tamper(db: Parameters<typeof verifyAuditChain>[0], statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await statement.execute(tx);
  });
}

async function withFreshDatabase(engine: Engine, work: (db: Db) => Promise<void>) {
  const database = await createTestDatabase(engine);
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

describeEachEngine('audit chain', (t) => {
  it('links every record to the one before, starting from the genesis hash', async () => {
    const db = t.database.db;
    await makeUser(db);
    await makeUser(db);
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const row of rows) expect(hashAuditRow(row)).toBe(row.hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: rows.length });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const db = t.database.db;
    await makeUser(db);
    await expect(sql`update audit_log set reason = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('names the first row edited by hand', async () => {
    await withFreshDatabase(t.engine, async (db) => {
      await makeUser(db);
      await makeUser(db);
      const target = await db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id')
        .offset(1)
        .limit(1)
        .executeTakeFirstOrThrow();
      await tamper(db, sql`update audit_log set after = '{"login":"mallory"}' where id = ${target.id}`);
      expect(await verifyAuditChain(db, 2)).toMatchObject({
        ok: false,
        brokenId: target.id,
        problem: 'hash_mismatch',
      });
    });
  });

  it('names the row after one deleted by hand', async () => {
    await withFreshDatabase(t.engine, async (db) => {
      for (let i = 0; i < 3; i++) await makeUser(db);
      const [, second, third] = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await tamper(db, sql`delete from audit_log where id = ${second!.id}`);
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        brokenId: third!.id,
        problem: 'prev_hash_mismatch',
      });
    });
  });

  it('writes nothing when the change’s transaction rolls back', async () => {
    const db = t.database.db;
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db)).rows[0]!.n);
    const before = await count();
    await expect(
      db.transaction().execute(async (tx) => {
        await recordAudit(tx, ctx, {
          action: 'test.thing',
          entityType: 'thing',
          entityId: '1',
          after: { a: 1 },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    const db = t.database.db;
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.transaction().execute((tx) =>
          recordAudit(tx, ctx, {
            action: 'test.race',
            entityType: 'thing',
            entityId: String(i),
            after: { i },
          }),
        ),
      ),
    );
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(true);
    const hashes = await db.selectFrom('audit_log').select('prev_hash').execute();
    expect(new Set(hashes.map((h) => h.prev_hash)).size).toBe(hashes.length);
  });
});
