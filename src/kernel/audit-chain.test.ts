import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { Db, Engine } from '../db/database.js';
import { makeUser } from '../db/testing/factories.js';
import { createTestDatabase, describeEachEngine } from '../db/testing/index.js';
import { systemContext } from '../modules/access/index.js';
import { linkHash, rowDigest, sealAudit, verifyAudit, type SealOptions } from './audit-chain.js';
import * as repo from './audit-chain.repo.js';
import { loadAuditSigner, newAuditKeyPem, trustedKeys } from './audit-key.js';
import { runWork } from './work.js';

const signer = loadAuditSigner({ pem: newAuditKeyPem() })!.signer;
const trusted = trustedKeys([signer.publicKey]);
const seal = (db: Db, options: SealOptions = {}) =>
  sealAudit(db, { signer, checkpointSeconds: 3600, ...options });
const verify = (db: Db, witnessFile?: string) => verifyAudit(db, { trusted, witnessFile, pageSize: 3 });
const codes = async (db: Db) => (await verify(db)).problems.map((p) => p.code);

/** Someone with write access to the database editing it by hand, triggers bypassed as only a superuser can. */
async function tamper(db: Db, ...statements: ReturnType<typeof sql>[]) {
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
  });
}

/** The tamperer rebuilds every link from position `from` on, as anyone who knows the scheme could. */
async function rechainFrom(db: Db, from: number) {
  const links = await sql<{ seq: string; audit_id: string }>`
    select seq, audit_id from audit_chain where seq >= ${from} order by seq`.execute(db);
  let prev = (await sql<{ hash: string }>`select hash from audit_chain where seq = ${from - 1}`.execute(db))
    .rows[0]?.hash;
  prev ??= '0'.repeat(64);
  await tamper(db, sql`delete from audit_chain where seq >= ${from}`);
  let seq = from;
  for (const link of links.rows) {
    const rows = await repo.storedRows(db, [link.audit_id]);
    const row = rows.find((r) => r.id === link.audit_id);
    if (!row) continue;
    const hash = linkHash(String(seq), prev, rowDigest(row));
    await tamper(
      db,
      sql`insert into audit_chain (seq, audit_id, prev_hash, hash) values (${seq}, ${row.id}, ${prev}, ${hash})`,
    );
    prev = hash;
    seq += 1;
  }
}

async function fresh(engine: Engine, users: number, work: (db: Db, ids: string[]) => Promise<void>) {
  const database = await createTestDatabase(engine);
  try {
    for (let i = 0; i < users; i++) await makeUser(database.db);
    await seal(database.db, { forceCheckpoint: true });
    const ids = (await database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    await work(database.db, ids);
  } finally {
    await database.close();
  }
}

describeEachEngine('audit chain', (t) => {
  it('links every committed row, signs a checkpoint, and verifies', async () => {
    await fresh(t.engine, 3, async (db, ids) => {
      const report = await verify(db);
      expect(report).toMatchObject({
        ok: true,
        rows: ids.length,
        chained: ids.length,
        pending: 0,
        unanchored: 0,
      });
      expect(report.checkpoints).toBe(1);
      await makeUser(db);
      expect(await verify(db)).toMatchObject({ ok: true, pending: 1 });
      await seal(db);
      expect(await verify(db)).toMatchObject({ ok: true, pending: 0, unanchored: 1, checkpoints: 1 });
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log, the chain, the checkpoints and decisions', async () => {
    await fresh(t.engine, 1, async (db) => {
      for (const table of ['audit_log', 'audit_chain', 'audit_checkpoints']) {
        await expect(sql`delete from ${sql.table(table)}`.execute(db)).rejects.toThrow(/append-only/);
        await expect(sql`truncate ${sql.table(table)}`.execute(db)).rejects.toThrow(/append-only/);
      }
      await expect(sql`update audit_log set reason = 'x'`.execute(db)).rejects.toThrow(/append-only/);
      await runWork(db, systemContext('test'), (w) => {
        w.decide({
          kind: 'account.admission',
          subject: { type: 'account', id: 'x' },
          verdict: 'created',
          rule: { id: 'test', version: 1, params: {} },
          evidence: [],
        });
      });
      await expect(sql`update decisions set verdict = 'x'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate decisions`.execute(db)).rejects.toThrow(/append-only/);
    });
  });

  it('writes nothing when the change’s unit of work rolls back', async () => {
    await fresh(t.engine, 0, async (db) => {
      await expect(
        runWork(db, systemContext('test'), (w) => {
          w.audit({ action: 'test.thing', entityType: 'thing', entityId: '1', after: { a: 1 } });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect((await verify(db)).rows).toBe(0);
    });
  });

  const tampers: [string, number, (db: Db, ids: string[]) => Promise<void>, string][] = [
    [
      'an edited value',
      3,
      (db, ids) => tamper(db, sql`update audit_log set after = '{"login":"mallory"}' where id = ${ids[1]}`),
      'row_changed',
    ],
    [
      'a timestamp moved by 0.4 ms',
      3,
      (db, ids) =>
        tamper(db, sql`update audit_log set at = at + interval '400 microseconds' where id = ${ids[1]}`),
      'row_changed',
    ],
    [
      'a deleted row',
      3,
      (db, ids) => tamper(db, sql`delete from audit_log where id = ${ids[1]}`),
      'row_missing',
    ],
    [
      'the last row deleted',
      3,
      (db, ids) => tamper(db, sql`delete from audit_log where id = ${ids.at(-1)}`),
      'row_missing',
    ],
    ['the table truncated', 3, (db) => tamper(db, sql`delete from audit_log`), 'row_missing'],
    [
      'a renumbered id',
      3,
      (db, ids) => tamper(db, sql`update audit_log set id = id + 1000 where id = ${ids[1]}`),
      'row_missing',
    ],
    [
      'a forged row slipped in behind the chain',
      3,
      (db) =>
        tamper(
          db,
          sql`insert into audit_log (actor_label, action, entity_type, entity_id, xact)
          values ('mallory', 'user.created', 'user', 'x', 1)`,
        ),
      'row_not_chained',
    ],
    [
      'a deleted row with the chain rebuilt after it',
      4,
      async (db, ids) => {
        await tamper(db, sql`delete from audit_log where id = ${ids[1]}`);
        await rechainFrom(db, 2);
      },
      'checkpoint_beyond_chain',
    ],
    [
      'two rows swapped and the chain rebuilt',
      4,
      async (db, ids) => {
        await tamper(
          db,
          sql`update audit_chain set audit_id = -1 where audit_id = ${ids[1]}`,
          sql`update audit_chain set audit_id = ${ids[1]} where audit_id = ${ids[2]}`,
          sql`update audit_chain set audit_id = ${ids[2]} where audit_id = -1`,
        );
        await rechainFrom(db, 2);
      },
      'checkpoint_head_mismatch',
    ],
    [
      'the tail of log and chain cut off',
      4,
      async (db, ids) => {
        const keep = ids.slice(0, 2);
        await tamper(
          db,
          sql`delete from audit_log where id not in (${sql.join(keep)})`,
          sql`delete from audit_chain where audit_id not in (${sql.join(keep)})`,
        );
      },
      'checkpoint_beyond_chain',
    ],
    [
      'a checkpoint re-signed with another key',
      2,
      async (db) => {
        const other = loadAuditSigner({ pem: newAuditKeyPem() })!.signer;
        await tamper(
          db,
          sql`update audit_checkpoints set key_id = ${other.keyId}, public_key = ${other.publicKey}`,
        );
      },
      'checkpoint_key_untrusted',
    ],
    [
      'a checkpoint’s head edited',
      2,
      (db) => tamper(db, sql`update audit_checkpoints set head_hash = repeat('0', 64)`),
      'checkpoint_signature_invalid',
    ],
  ];
  for (const [what, users, act, problem] of tampers) {
    it(`detects ${what}`, async () => {
      await fresh(t.engine, users, async (db, ids) => {
        expect((await verify(db)).ok).toBe(true);
        await act(db, ids);
        expect(await codes(db)).toContain(problem);
      });
    });
  }

  it('detects a deleted checkpoint and a truncated chain through the outside witness', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-witness-'));
    const witnessFile = join(dir, 'witness.jsonl');
    try {
      await fresh(t.engine, 2, async (db) => {
        await makeUser(db);
        await seal(db, { forceCheckpoint: true, witnessFile });
        expect((await verify(db, witnessFile)).ok).toBe(true);
        // Everything after the first checkpoint wiped from every table, as if it never happened.
        await tamper(
          db,
          sql`delete from audit_checkpoints where id = (select max(id) from audit_checkpoints)`,
          sql`delete from audit_log where id = (select max(id) from audit_log)`,
          sql`delete from audit_chain where seq = (select max(seq) from audit_chain)`,
        );
        expect((await verify(db)).ok).toBe(true);
        expect((await verify(db, witnessFile)).problems.map((p) => p.code)).toContain(
          'witness_checkpoint_missing',
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(t.engine !== 'postgres')(
    'links rows whose writers commit after later rows were linked, and calls them pending meanwhile',
    async () => {
      const database = await createTestDatabase('postgres');
      const writer = async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query('begin');
        return client;
      };
      const insert = (client: pg.Client, name: string, id?: string) =>
        client.query(
          `insert into audit_log (${id ? 'id, ' : ''}actor_label, action, entity_type, entity_id)
           values (${id ? '$2, ' : ''}'late', 'test.late', 'thing', $1)`,
          id ? [name, id] : [name],
        );
      const db = database.db;
      // One writer inserts before the chainer looks; another only takes its id before and inserts after.
      const running = await writer();
      const unstarted = await writer();
      try {
        await insert(running, 'running');
        const { rows } = await unstarted.query<{ id: string }>(
          `select nextval('audit_log_id_seq')::text as id`,
        );
        await runWork(db, systemContext('test'), (w) =>
          w.audit({ action: 'test.early', entityType: 'thing', entityId: 'early' }),
        );
        await seal(db);
        expect(await verify(db)).toMatchObject({ ok: true, rows: 1, chained: 1, pending: 0 });
        await insert(unstarted, 'unstarted', rows[0]!.id);
        await running.query('commit');
        await unstarted.query('commit');
        expect(await verify(db)).toMatchObject({ ok: true, rows: 3, chained: 1, pending: 2 });
        await seal(db);
        expect(await verify(db)).toMatchObject({ ok: true, rows: 3, chained: 3, pending: 0 });
        const order = await sql<{ entity_id: string }>`
          select a.entity_id from audit_chain c join audit_log a on a.id = c.audit_id order by c.seq`.execute(
          db,
        );
        expect(order.rows.map((r) => r.entity_id)).toEqual(['early', 'running', 'unstarted']);
      } finally {
        await running.end();
        await unstarted.end();
        await database.close();
      }
    },
  );

  it('keeps one gapless chain when many units of work write at once', async () => {
    await fresh(t.engine, 0, async (db) => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          runWork(db, systemContext('test'), (w) => {
            w.audit({ action: 'test.race', entityType: 'thing', entityId: String(i), after: { i } });
          }),
        ),
      );
      // Two chainers at once: one links, the other finds the lock taken and leaves.
      await Promise.all([seal(db), seal(db)]);
      await seal(db);
      expect(await verify(db)).toMatchObject({ ok: true, rows: 40, chained: 40, pending: 0 });
    });
  });
});
