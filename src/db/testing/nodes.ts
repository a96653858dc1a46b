import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD } from './factories.js';

const MAIN = join(import.meta.dirname, '..', '..', 'cli', 'main.ts');

/** A Fairshare server in a process of its own on the same PostgreSQL database: another node. */
export async function startNode(url: string, port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'fairshare-node-')),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WORKER_ENABLED: 'false',
      FAIRSHARE_ADMIN_PASSWORD: TEST_PASSWORD,
      LOGIN_RATE_PER_MINUTE: '10000',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`node on ${port} exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url: base, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`node on ${port} did not start`);
}

/** Signs in on one node; returns the session cookie. */
export async function loginAt(base: string, loginName: string) {
  const reply = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password: TEST_PASSWORD }),
  });
  if (!reply.ok) throw new Error(`login ${loginName} on ${base}: ${reply.status}`);
  return reply.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
