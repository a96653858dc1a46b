import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../db/testing/index.js';

const run = promisify(execFile);
const MAIN = join(import.meta.dirname, 'main.ts');
// Each step starts a process (and, on PGlite, opens the data directory): slow on a loaded 2-core machine.
const STEP_TIMEOUT = 180_000;

/** Runs the real CLI in a child process, as an operator would. */
async function fairshare(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describeEachEngine('fairshare CLI', (t) => {
  let env: Record<string, string>;
  let dataDir: string | undefined;
  let pgDatabase: TestDatabase | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fairshare-cli-'));
    if (t.engine === 'postgres') {
      pgDatabase = await createTestDatabase('postgres');
      env = { DATABASE_URL: pgDatabase.url!, DATA_DIR: dataDir };
    } else {
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    }
  });
  afterAll(async () => {
    await pgDatabase?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The same database the CLI uses, opened here only while no CLI process runs (PGlite is single-user). */
  async function withOwnConnection(work: (database: Database) => Promise<void>) {
    const database = pgDatabase ?? (await openDatabase({ dataDir: dataDir! }));
    try {
      await work(database);
    } finally {
      if (!pgDatabase) await database.close();
    }
  }

  it(
    'migrates, creates users and tokens, and verifies an intact audit chain',
    async () => {
      expect((await fairshare(env, 'migrate')).code).toBe(0);
      const created = await fairshare(
        env,
        'user',
        'create',
        'Alice',
        '--name',
        'Alice Liu',
        '--role',
        'sales_ops',
      );
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/Created sales_ops alice/);
      expect(created.stdout).toMatch(/Password: \S{12,}/);
      const token = await fairshare(
        env,
        'token',
        'create',
        'alice',
        '--name',
        'ERP',
        '--scope',
        'users:read',
      );
      expect(token.stdout).toMatch(/fs_[A-Za-z0-9_-]{40,}/);
      const verify = await fairshare(env, 'audit', 'verify');
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(
        /Audit chain intact: 2 rows, 2 chained, head [0-9a-f]{64}; \d+ signed checkpoints/,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'reports bad input by name and exits non-zero',
    async () => {
      const bad = await fairshare(env, 'user', 'create', 'x', '--name', 'X', '--role', 'pope');
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/--role/);
      const taken = await fairshare(env, 'user', 'create', 'alice', '--name', 'Again');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/already taken/);
    },
    STEP_TIMEOUT,
  );

  it(
    'catches a row edited by hand and names it',
    async () => {
      // A user of its own, so there is a chained row to edit whatever ran before.
      expect((await fairshare(env, 'user', 'create', 'mallory-target', '--name', 'Target')).code).toBe(0);
      let target = '';
      await withOwnConnection(async ({ db }) => {
        const row = await db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_type', '=', 'user')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        target = row.id;
        await db.transaction().execute(async (tx) => {
          await sql`set local session_replication_role = replica`.execute(tx);
          await sql`update audit_log set actor_label = 'someone-else' where id = ${target}`.execute(tx);
        });
      });
      const verify = await fairshare(env, 'audit', 'verify');
      expect(verify.code).toBe(1);
      expect(verify.stderr).toMatch(/Audit chain BROKEN: 1 problem/);
      expect(verify.stderr).toMatch(new RegExp(`row_changed at chain position \\d+, audit row ${target}`));
    },
    STEP_TIMEOUT,
  );
});
