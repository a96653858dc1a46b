import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeUser } from '../../db/testing/factories.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../db/testing/index.js';
import { loginAt as login, startNode } from '../../db/testing/nodes.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

const NODES = 3;
const CLAIMANTS = 20;
const ROUNDS = 3;

/**
 * Twenty reps on three server processes claim one pooled customer at the same instant, round after round:
 * exactly one wins, every other gets 409 ALREADY_CLAIMED, and the ledger holds one open claim. PostgreSQL
 * only — PGlite serves one process, so there is no race across nodes to have.
 */
const suite = testEngines().includes('postgres') ? describe : describe.skip;
suite('claims racing across server processes [postgres]', () => {
  let database: TestDatabase;
  let server: TestServer;
  const nodes: { url: string; child: ChildProcess }[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestServer(database);
    const base = 41_000 + (process.pid % 1000) * 7;
    const started = await Promise.all(
      Array.from({ length: NODES - 1 }, (_, i) => startNode(database.url!, base + i)),
    );
    nodes.push({ url: server.url, child: undefined as never }, ...started);
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) n.child?.kill('SIGTERM');
    await server?.close();
    await database?.close();
  });

  it('lets exactly one of twenty simultaneous claimants win, every time', async () => {
    const db = database.db;
    const admin = await server.login('admin');
    const pool = await server.call('/api/v1/pools', {
      cookie: admin,
      json: { name: `竞速公海 ${Date.now()}` },
    });
    const reps = await Promise.all(Array.from({ length: CLAIMANTS }, () => makeUser(db, { role: 'rep' })));
    // Each rep signs in on the node it will claim through.
    const sessions = await Promise.all(
      reps.map(async (r, i) => ({
        node: nodes[i % NODES]!.url,
        cookie: await login(nodes[i % NODES]!.url, r.login),
      })),
    );
    const tally = { attempts: 0, winners: 0, conflicts: 0, other: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const account = await makeAccount(db);
      const release = await server.call(`/api/v1/accounts/${account.id}/release`, {
        cookie: admin,
        json: { poolId: pool.body.id, reason: 'race' },
      });
      expect(release.status).toBe(200);
      const replies = await Promise.all(
        sessions.map(async (s) => {
          const r = await fetch(`${s.node}/api/v1/pools/${pool.body.id}/accounts/${account.id}/claim`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: s.cookie },
            body: '{}',
          });
          return { status: r.status, body: (await r.json()) as { error?: { code: string } } };
        }),
      );
      tally.attempts += replies.length;
      const won = replies.filter((r) => r.status === 200);
      const lost = replies.filter((r) => r.status === 409);
      tally.winners += won.length;
      tally.conflicts += lost.length;
      tally.other.push(...replies.filter((r) => r.status !== 200 && r.status !== 409).map((r) => r.status));
      expect(won).toHaveLength(1);
      expect(lost.every((r) => r.body.error?.code === 'ALREADY_CLAIMED')).toBe(true);
      const open = await db
        .selectFrom('ownership_claims')
        .select(['holder', 'user_id'])
        .where('account_id', '=', account.id)
        .where('ended_at', 'is', null)
        .execute();
      expect(open).toHaveLength(1);
      expect(open[0]!.holder).toBe('user');
    }
    console.info(`claims race: ${JSON.stringify({ nodes: NODES, ...tally })}`);
    expect(tally).toMatchObject({
      attempts: CLAIMANTS * ROUNDS,
      winners: ROUNDS,
      conflicts: (CLAIMANTS - 1) * ROUNDS,
      other: [],
    });
  }, 180_000);
});
