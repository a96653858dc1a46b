import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartnerId, makeUser } from '../../db/testing/factories.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../db/testing/index.js';
import { loginAt, startNode } from '../../db/testing/nodes.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { makeCatalogue, registrationBody } from './testing.js';

const NODES = 3;
const PARTNERS = 8;
/** One company, eight ways of typing it: scripts, brackets, the city's 市, the legal form, spaces. */
const VARIANTS = (core: string, traditional: string) => [
  `杭州${core}科技有限公司`,
  `杭州${traditional}科技有限公司`,
  `${core}科技（杭州）有限公司`,
  `杭州市${core}科技有限公司`,
  `杭州${core}科技有限责任公司`,
  `杭州 ${core} 科技 有限公司`,
  `${core}科技(杭州)有限公司`,
  `杭州${core}科技有限公司 `,
];
const ROUNDS = [
  ['腾越', '騰越'],
  ['鸿澜', '鴻瀾'],
  ['飞驰', '飛馳'],
] as const;

/**
 * Eight partners on three server processes register spelling variants of one company at the same instant,
 * round after round: exactly one registration holds the customer, every other is refused with
 * PROTECTED_UNTIL and the winner's date — nothing more. PostgreSQL only: PGlite serves one process.
 */
const suite = testEngines().includes('postgres') ? describe : describe.skip;
suite('registrations racing across server processes [postgres]', () => {
  let database: TestDatabase;
  let server: TestServer;
  const nodes: { url: string; child?: ChildProcess }[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestServer(database);
    const base = 43_000 + (process.pid % 1000) * 7;
    const started = await Promise.all(
      Array.from({ length: NODES - 1 }, (_, i) => startNode(database.url!, base + i)),
    );
    nodes.push({ url: server.url }, ...started);
  }, 180_000);
  afterAll(async () => {
    for (const n of nodes) n.child?.kill('SIGTERM');
    await server?.close();
    await database?.close();
  });

  it('lets exactly one of eight simultaneous registrations of one company hold it, every time', async () => {
    const db = database.db;
    const ops = await makeUser(db, { role: 'sales_ops' });
    const opsCookie = await server.login(ops.login);
    expect(
      (
        await server.call('/api/v1/registrations/settings', {
          method: 'PATCH',
          cookie: opsCookie,
          json: { autoApproveMax: '1000000.00' },
        })
      ).status,
    ).toBe(200);
    const { crm } = await makeCatalogue(db);
    const partners = await Promise.all(
      Array.from({ length: PARTNERS }, async () =>
        makeUser(db, { role: 'partner_user', partnerId: await makePartnerId(db) }),
      ),
    );
    const sessions = await Promise.all(
      partners.map(async (p, i) => {
        const node = nodes[i % NODES]!.url;
        return { node, cookie: await loginAt(node, p.login) };
      }),
    );
    const tally = { attempts: 0, holders: 0, refused: 0, other: [] as string[] };
    for (const [core, traditional] of ROUNDS) {
      const names = VARIANTS(core, traditional);
      const drafts = await Promise.all(
        sessions.map(async (s, i) => {
          const reply = await fetch(`${s.node}/api/v1/registrations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: s.cookie },
            body: JSON.stringify(registrationBody(names[i]!, crm.productId)),
          });
          expect(reply.status).toBe(201);
          return ((await reply.json()) as { id: string }).id;
        }),
      );
      const replies = await Promise.all(
        sessions.map(async (s, i) => {
          const reply = await fetch(`${s.node}/api/v1/registrations/${drafts[i]}/submit`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: s.cookie },
            body: '{}',
          });
          return {
            status: reply.status,
            body: (await reply.json()) as {
              id: string;
              status: string;
              protectedUntil: string | null;
              refusal: { code: string; until: string | null; params: object } | null;
            },
          };
        }),
      );
      tally.attempts += replies.length;
      const holders = replies.filter((r) => r.status === 200 && r.body.status === 'approved');
      const refused = replies.filter((r) => r.status === 200 && r.body.status === 'rejected');
      tally.holders += holders.length;
      tally.refused += refused.length;
      tally.other.push(
        ...replies.filter((r) => !holders.includes(r) && !refused.includes(r)).map((r) => JSON.stringify(r)),
      );
      expect(holders).toHaveLength(1);
      const winner = holders[0]!.body;
      for (const r of refused) {
        // The reason, and nothing of the winner: not its partner, not its registration, not its deal.
        expect(r.body.refusal).toEqual({ code: 'PROTECTED_UNTIL', until: winner.protectedUntil, params: {} });
        expect(JSON.stringify(r.body)).not.toContain(winner.id);
      }
      const held = await db
        .selectFrom('registration_protections')
        .select('registration_id')
        .where('registration_id', 'in', drafts)
        .where('active', '=', true)
        .execute();
      expect(held.map((h) => h.registration_id)).toEqual([winner.id]);
      const accounts = await db
        .selectFrom('registrations')
        .select('account_id')
        .distinct()
        .where('id', 'in', drafts)
        .where('account_id', 'is not', null)
        .execute();
      expect(accounts).toHaveLength(1);
    }
    expect(tally).toEqual({
      attempts: PARTNERS * ROUNDS.length,
      holders: ROUNDS.length,
      refused: (PARTNERS - 1) * ROUNDS.length,
      other: [],
    });
    console.log(`[registrations race] ${JSON.stringify({ nodes: NODES, ...tally })}`);
  }, 180_000);
});
