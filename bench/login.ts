/**
 * Can a login be told from a wrong password by timing? `npm run bench -- login [--tries 300]`: a server on
 * the embedded database; alternating attempts with an unknown login and a wrong password for a known one
 * (each login fresh, so no lock interferes), and the p50/p90 of each plus the AUC of telling them apart by
 * time (0.5 = a coin toss).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../src/config.js';
import { createTestDatabaseFromScratch } from './login-db.js';
import { startServer } from '../src/server.js';
import { machine, percentile } from './machine.js';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/** Probability that a random "known" time exceeds a random "unknown" one. */
function auc(known: number[], unknown: number[]): number {
  let wins = 0;
  for (const k of known) for (const u of unknown) wins += k > u ? 1 : k === u ? 0.5 : 0;
  return wins / (known.length * unknown.length);
}

export async function main(args: string[]) {
  const tries = Number(option(args, 'tries', '300'));
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-bench-login-'));
  const database = await createTestDatabaseFromScratch(dir);
  const server = await startServer(
    testConfig({
      PORT: 0,
      FAIRSHARE_ADMIN_PASSWORD: 'bench-river-lantern-1',
      LOGIN_RATE_PER_MINUTE: 1_000_000,
    }),
    database,
  );
  const admin = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'bench-river-lantern-1' }),
  });
  const cookie = admin.headers.get('set-cookie')!.split(';')[0]!;
  const attempt = async (login: string) => {
    const started = performance.now();
    await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: 'not-the-password-1' }),
    });
    return performance.now() - started;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < tries; i++) {
    const login = `timing${i}`;
    await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        login,
        displayName: login,
        role: 'rep',
        status: 'active',
        password: 'river-Lantern-77-q',
      }),
    });
    // Either may go first: whatever follows the user's creation (scrypt, garbage) must not favour one side.
    if (i % 2 === 0) {
      known.push(await attempt(login));
      unknown.push(await attempt(`nobody${i}`));
    } else {
      unknown.push(await attempt(`nobody${i}`));
      known.push(await attempt(login));
    }
  }
  await server.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  const summary = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      p50: Math.round(percentile(sorted, 50) * 10) / 10,
      p90: Math.round(percentile(sorted, 90) * 10) / 10,
    };
  };
  console.log(
    JSON.stringify(
      {
        benchmark: 'login',
        engine: 'pglite',
        machine: machine(),
        tries,
        wrongPasswordMs: summary(known),
        unknownLoginMs: summary(unknown),
        auc: Math.round(auc(known, unknown) * 1000) / 1000,
      },
      null,
      2,
    ),
  );
}
