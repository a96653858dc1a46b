import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';

const ROUNDS = 3;
const COMPANIES = 30;

/**
 * An import and people typing the same companies at the same moment: the import takes a whole batch's keys
 * first, in order, and a create takes its own in the same order, so neither deadlocks the other; whichever
 * comes second sees the first. Every company ends as one account, and nobody gets a 500.
 */
describeEachEngine('an import racing people who create the same companies', (t) => {
  let server: TestServer;
  let ops: string;
  const reps: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(t.database);
    ops = await server.login((await makeUser(t.database.db, { role: 'sales_ops' })).login);
    for (let i = 0; i < 4; i++)
      reps.push(await server.login((await makeUser(t.database.db, { role: 'rep' })).login));
  });
  afterAll(() => server.close());

  it('ends with one account per company, answering every request with a decision, never a 500', async () => {
    const statuses: Record<number, number> = {};
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const companies = Array.from({ length: COMPANIES }, (_, i) => ({
        name: `竞速${round}号${String.fromCharCode(0x4e00 + round * 100 + i * 3)}${String.fromCharCode(0x4e80 + i * 7)}科技有限公司`,
        phone: `021-6${round}${String(i).padStart(2, '0')} 1234`,
      }));
      // One row per company; the import locks a whole batch's keys at once, before any row lock.
      const csv = ['名称,电话', ...companies.map((c) => `${c.name},${c.phone}`)].join('\n');
      const upload = await server.call(`/api/v1/imports?filename=race-${round}.csv`, {
        cookie: ops,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      const importId = upload.body.id;
      await runDueJobs(t.database);
      expect(
        (await server.call(`/api/v1/imports/${importId}/start`, { method: 'POST', cookie: ops })).status,
      ).toBe(202);

      const importing = runDueJobs(t.database);
      // People type from the end of the list while the import works from its start: they meet in the middle.
      const creates = [...companies].reverse().map((c, i) =>
        server.call('/api/v1/accounts', {
          cookie: reps[i % reps.length],
          json: { legalName: c.name, phones: [c.phone], confirm: { reason: 'typed at the same time' } },
        }),
      );
      const replies = await Promise.all(creates);
      await importing;
      await runDueJobs(t.database);

      for (const reply of replies) {
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
        expect([201, 409, 503], JSON.stringify(reply.body)).toContain(reply.status);
        if (reply.status === 409) expect(reply.body.error.code).toBe('DUPLICATE_ACCOUNT');
      }
      const done = (await server.call(`/api/v1/imports/${importId}`, { cookie: ops })).body;
      expect(done.status).toBe('done');
      for (const [outcome, n] of Object.entries(done.summary.imported as Record<string, number>))
        outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
      for (const c of companies) {
        const found = await server.call(`/api/v1/accounts?q=${encodeURIComponent(c.name)}`, { cookie: ops });
        expect(found.body.total, c.name).toBe(1);
      }
    }
    // The figures for the record: how the race went.
    console.log(
      `import vs create race [${t.engine}]: ${JSON.stringify({ rounds: ROUNDS, companies: COMPANIES, statuses, outcomes })}`,
    );
    expect(statuses[500]).toBeUndefined();
    // Three rounds of an import and thirty creates each: about 20 s on PGlite alone, more on a busy machine.
  }, 120_000);
});
