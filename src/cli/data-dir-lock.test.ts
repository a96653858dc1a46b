import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, parseHolder } from '../db/data-dir-lock.js';

const run = promisify(execFile);
const MAIN = join(import.meta.dirname, 'main.ts');
// Every step starts a process that loads TypeScript and opens PGlite: slow on a loaded 2-core machine.
const TEST_TIMEOUT = 600_000;
const ADMIN_PASSWORD = 'lock-test-Passw0rd';

/** The environment of a Fairshare process on the embedded database in `dataDir`, whatever the shell has set. */
function envFor(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    FAIRSHARE_ADMIN_LOGIN: 'admin',
    FAIRSHARE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    WEB_DIST_DIR: '',
  };
}

/** Runs one CLI command in a process of its own, as an operator would. */
async function fairshare(dataDir: string, ...args: string[]) {
  return fairshareWith(envFor(dataDir), ...args);
}

async function fairshareWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Server {
  pid: number;
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const servers: Server[] = [];
const dirs: string[] = [];

/** `fairshare serve` in a process of its own, once it says where it serves. */
async function serve(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: envFor(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Fairshare is running at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const server = { pid: child.pid!, url, process: child, exited };
  servers.push(server);
  return server;
}

async function stop(server: Server, signal: NodeJS.Signals = 'SIGTERM') {
  server.process.kill(signal);
  return server.exited;
}

/** Calls the server's API as the first admin. */
async function asAdmin(server: Server) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async (path: string, json?: unknown) => {
    const response = await fetch(server.url + path, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(json !== undefined && { 'content-type': 'application/json' }) },
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
    return { status: response.status, body: await response.json() };
  };
}

function freshDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-lock-cli-'));
  dirs.push(dir);
  return dir;
}

const lockOf = (dataDir: string) => parseHolder(readFileSync(join(dataDir, LOCK_FILE), 'utf8'));

afterEach(async () => {
  for (const server of servers.splice(0)) {
    if (server.process.exitCode === null && server.process.signalCode === null) await stop(server, 'SIGKILL');
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('one process per PGlite data directory', () => {
  it(
    'refuses a command while a server holds the data directory, naming the server; what goes through the server survives a restart',
    async () => {
      const dataDir = freshDataDir();
      const server = await serve(dataDir);
      const refused = await fairshare(dataDir, 'user', 'create', 'lisi', '--name', '李四', '--role', 'rep');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe(''); // no "Created", no password for a user that would be lost
      expect(refused.stderr).toContain(`pid ${server.pid}`);
      expect(refused.stderr).toContain('running "serve"');
      expect(refused.stderr).toContain(server.url);
      expect(refused.stderr).toContain('POST /api/v1/users');
      expect(refused.stderr).toContain('DATABASE_URL');
      expect(lockOf(dataDir)).toMatchObject({ pid: server.pid, command: 'serve', url: server.url });

      const second = await fairshare(dataDir, 'serve');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`pid ${server.pid}`);
      expect(second.stderr).toContain(server.url);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200); // the first one keeps serving

      const api = await asAdmin(server);
      const created = await api('/api/v1/users', { login: 'lisi', displayName: '李四', role: 'rep' });
      expect(created.status).toBe(201);

      expect(await stop(server)).toBe(0);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

      const restarted = await serve(dataDir);
      const found = await (await asAdmin(restarted))('/api/v1/users?q=lisi');
      expect(found.body.items).toEqual([expect.objectContaining({ login: 'lisi', displayName: '李四' })]);
      expect(await stop(restarted)).toBe(0);

      // With no server running the command line has the directory to itself again.
      const reset = await fairshare(dataDir, 'user', 'reset-password', 'lisi');
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/New password for lisi: \S+/);
    },
    TEST_TIMEOUT,
  );

  it(
    'starts after a server was killed with SIGKILL, breaking the lock it left, with what it acknowledged',
    async () => {
      const dataDir = freshDataDir();
      const server = await serve(dataDir);
      const api = await asAdmin(server);
      expect((await api('/api/v1/users', { login: 'wangwu', displayName: '王五', role: 'rep' })).status).toBe(
        201,
      );

      await stop(server, 'SIGKILL');
      expect(lockOf(dataDir)).toMatchObject({ pid: server.pid }); // left behind, stale

      const restarted = await serve(dataDir);
      expect(lockOf(dataDir)).toMatchObject({ pid: restarted.pid, command: 'serve' });
      const found = await (await asAdmin(restarted))('/api/v1/users?q=wangwu');
      expect(found.body.items).toEqual([expect.objectContaining({ login: 'wangwu' })]);
      expect(await stop(restarted)).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'exits when the server cannot listen, instead of holding the data directory',
    async () => {
      const dataDir = freshDataDir();
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      try {
        const port = (taken.address() as { port: number }).port;
        const refused = await fairshareWith({ ...envFor(dataDir), PORT: String(port) }, 'serve');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('EADDRINUSE');
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    },
    TEST_TIMEOUT,
  );
});
