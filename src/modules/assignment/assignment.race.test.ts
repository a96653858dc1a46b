import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { contextOf, makeTeam, makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runWork } from '../../kernel/index.js';
import { NO_CONDITIONS } from './assignment.schema.js';
import { GUANGZHOU } from './testing.js';
import { assignAccount } from './index.js';

const CREATES = 40;

/**
 * Forty creates at once, each in its own unit of work (on PostgreSQL, on as many pooled connections as it
 * gets), each assigned by a round-robin rule over four eligible reps: the cursor row lock makes them take
 * turns, so the counts differ by at most one. Each unit of work holds on a moment after assigning, as a
 * create writing its account and claim would, so an unlocked cursor would be read stale by the others.
 */
describeEachEngine('round-robin under concurrent creates', (t) => {
  const db = () => t.database.db;
  let reps: TestUser[];
  let creator: TestUser;

  beforeAll(async () => {
    const team = await makeTeam(db());
    reps = [];
    for (let i = 0; i < 4; i++) reps.push(await makeUser(db(), { role: 'rep', teamId: team.id }));
    creator = await makeUser(db(), { role: 'sales_ops' });
    const ruleKey = crypto.randomUUID();
    const rules = [
      {
        key: ruleKey,
        name: 'everyone to the team',
        conditions: NO_CONDITIONS,
        target: { type: 'round_robin', teamId: team.id, includeManagers: false },
      },
    ];
    await db()
      .insertInto('assignment_rule_sets')
      .values({ name: 'race', status: 'published', version: 1, rules: JSON.stringify(rules) })
      .execute();
  });

  it('gives each eligible rep its turn: counts differ by at most one', async () => {
    const ctx = await contextOf(db(), creator);
    const backends = new Set<number>();
    const results = await Promise.all(
      Array.from({ length: CREATES }, () =>
        runWork(db(), ctx, async (w) => {
          const assignment = await assignAccount(w, GUANGZHOU, 'create');
          const pid = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(w.tx);
          backends.add(pid.rows[0]!.pid);
          await sleep(5);
          return assignment;
        }),
      ),
    );
    const counts = new Map(reps.map((r) => [r.id, 0]));
    for (const result of results) {
      const target = result!.target as { userId: string };
      counts.set(target.userId, counts.get(target.userId)! + 1);
    }
    const figures = [...counts.values()];
    console.log(
      `round-robin race [${t.engine}]: ${CREATES} concurrent creates over ${backends.size} connection(s) → ${figures.join(' / ')}`,
    );
    expect(figures.reduce((s, n) => s + n, 0)).toBe(CREATES);
    expect(Math.max(...figures) - Math.min(...figures)).toBeLessThanOrEqual(1);
    if (t.engine === 'postgres') expect(backends.size).toBeGreaterThan(1);
    const cursor = await db().selectFrom('assignment_cursors').select('position').executeTakeFirstOrThrow();
    expect(Number(cursor.position)).toBe(CREATES);
  });
});
