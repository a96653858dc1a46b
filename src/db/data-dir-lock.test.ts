import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE,
  parseHolder,
  staleLockGuardPath,
  type LockHolder,
} from './data-dir-lock.js';
import { openDatabase } from './database.js';
import { createTestDatabase } from './testing/index.js';

// Child processes load TypeScript through tsx: slow on a loaded 2-core machine.
const CHILD_TIMEOUT = 120_000;
const LOCK_MODULE = pathToFileURL(join(import.meta.dirname, 'data-dir-lock.ts')).href;

/**
 * A process of its own that takes the lock on `LOCK_DIR` as `racer` each time it reads `go` on stdin and
 * gives it back on `release`, answering each with one JSON line.
 */
const CHILD_SCRIPT = `
const { acquireDataDirLock, DataDirLockedError } = await import(${JSON.stringify(LOCK_MODULE)});
const { createInterface } = await import('node:readline');
const say = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
let lock;
say({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'go') {
    try {
      lock = await acquireDataDirLock(process.env.LOCK_DIR, 'racer');
      say({ acquired: true });
    } catch (error) {
      if (error instanceof DataDirLockedError) say({ acquired: false, holderPid: error.holder?.pid ?? null });
      else say({ error: String(error) });
    }
  } else if (line === 'release') {
    lock?.release();
    lock = undefined;
    say({ released: true });
  } else if (line === 'exit') {
    process.exit(0); // without releasing: the exit hook must
  }
}
`;

interface Child {
  process: ChildProcessWithoutNullStreams;
  /** The next JSON line the child writes. */
  next(): Promise<any>;
  send(line: string): void;
  exited: Promise<void>;
}

const children: Child[] = [];

async function startChild(dir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD_SCRIPT], {
    env: { ...process.env, LOCK_DIR: dir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const handle: Child = {
    process: child,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`child ${child.pid} ended: ${stderr}`);
      return JSON.parse(value);
    },
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
  };
  children.push(handle);
  expect(await handle.next()).toEqual({ ready: true });
  return handle;
}

/** A pid that certainly ran on this host and no longer does. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** This process's PID namespace, as a holder on this machine records it (Linux). */
function ownPidNamespace() {
  try {
    return { pidNamespace: readlinkSync('/proc/self/ns/pid') };
  } catch {
    return {};
  }
}

/** A lock as a process on this machine would have written it. */
function holder(overrides: Partial<LockHolder>): LockHolder {
  return {
    pid: 1,
    hostname: hostname(),
    ...ownPidNamespace(),
    startedAt: new Date().toISOString(),
    command: 'serve',
    id: randomUUID(),
    ...overrides,
  };
}

let dir: string;
let lockPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fairshare-lock-'));
  lockPath = join(dir, LOCK_FILE);
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const readLock = () => parseHolder(readFileSync(lockPath, 'utf8'));
const writeLock = (content: LockHolder | string) => {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  writeFileSync(lockPath, text);
  return text;
};

describe('data directory lock', () => {
  it('creates the lock naming this process and the command, and removes it on release', async () => {
    const lock = await acquireDataDirLock(dir, 'user create');
    expect(readLock()).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'user create' });
    expect(Date.parse(readLock()!.startedAt)).not.toBeNaN();
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    expect(readdirSync(dir)).toEqual([]); // no temporary files left behind
    lock.release(); // twice is harmless
  });

  it('refuses a second hold in the same process', async () => {
    const lock = await acquireDataDirLock(dir, 'serve');
    const refused = await acquireDataDirLock(dir, 'migrate').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder).toMatchObject({ pid: process.pid, command: 'serve' });
    lock.release();
  });

  it('records the server URL in the lock and still releases it', async () => {
    const lock = await acquireDataDirLock(dir, 'serve');
    expect(lock.update({ url: 'http://localhost:3000' })).toBe(true);
    expect(readLock()).toMatchObject({ pid: process.pid, command: 'serve', url: 'http://localhost:3000' });
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('leaves alone a lock file that no longer is its own', async () => {
    const lock = await acquireDataDirLock(dir, 'serve');
    rmSync(lockPath); // removed by hand, and then another process took the directory
    const other = writeLock(holder({ pid: process.ppid, command: 'seed' }));
    expect(lock.update({ url: 'http://localhost:3000' })).toBe(false);
    lock.release();
    expect(readFileSync(lockPath, 'utf8')).toBe(other);
  });

  it('breaks a lock left by a process that no longer runs', async () => {
    writeLock(holder({ pid: await deadPid(), command: 'serve' }));
    const lock = await acquireDataDirLock(dir, 'serve');
    expect(readLock()).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('breaks a stale lock even when an earlier breaker died half-way', async () => {
    const stale = writeLock(holder({ pid: await deadPid() }));
    writeFileSync(staleLockGuardPath(lockPath, stale), JSON.stringify(holder({ pid: await deadPid() })));
    const lock = await acquireDataDirLock(dir, 'serve');
    expect(readLock()).toMatchObject({ pid: process.pid });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits while a live process is breaking the stale lock', async () => {
    const stale = writeLock(holder({ pid: await deadPid() }));
    const guard = staleLockGuardPath(lockPath, stale);
    writeFileSync(guard, JSON.stringify(holder({ pid: process.ppid })));
    // That breaker finishes: it removes the stale lock, then its guard.
    setTimeout(() => {
      rmSync(lockPath);
      rmSync(guard);
    }, 200);
    const lock = await acquireDataDirLock(dir, 'serve');
    expect(readLock()).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('treats a running pid as the holder', async () => {
    writeLock(holder({ pid: process.ppid, command: 'seed' }));
    const refused = await acquireDataDirLock(dir, 'serve').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder).toMatchObject({ pid: process.ppid, command: 'seed' });
    expect((refused as DataDirLockedError).holderVisible).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'breaks a lock whose pid now belongs to a process started later (pids repeat after a restart)',
    async () => {
      writeLock(holder({ pid: process.ppid, processStart: '1' }));
      const lock = await acquireDataDirLock(dir, 'serve');
      expect(readLock()).toMatchObject({ pid: process.pid });
      lock.release();
    },
  );

  it('treats a lock from another host as held, whatever its pid', async () => {
    writeLock(holder({ pid: await deadPid(), hostname: 'elsewhere.example', command: 'serve' }));
    const refused = await acquireDataDirLock(dir, 'user create').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder?.hostname).toBe('elsewhere.example');
    expect((refused as DataDirLockedError).holderVisible).toBe(false);
    expect((refused as DataDirLockedError).command).toBe('user create');
  });

  it.runIf(process.platform === 'linux')(
    'treats a lock from another PID namespace on this host as held (a container sharing the directory)',
    async () => {
      writeLock(holder({ pid: await deadPid(), pidNamespace: 'pid:[1]' }));
      const refused = await acquireDataDirLock(dir, 'user create').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as DataDirLockedError).holderVisible).toBe(false);
    },
  );

  it('reports an unreadable lock file instead of breaking it', async () => {
    writeLock('not a lock');
    const refused = await acquireDataDirLock(dir, 'serve').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder).toBeUndefined();
    expect(readFileSync(lockPath, 'utf8')).toBe('not a lock');
  }, 30_000);

  it(
    'refuses another process while the holder runs, with who holds it',
    async () => {
      const lock = await acquireDataDirLock(dir, 'serve');
      lock.update({ url: 'http://localhost:3000' });
      const child = await startChild(dir);
      child.send('go');
      expect(await child.next()).toEqual({ acquired: false, holderPid: process.pid });
      lock.release();
      child.send('go');
      expect(await child.next()).toEqual({ acquired: true });
    },
    CHILD_TIMEOUT,
  );

  it(
    'releases the lock when the holder exits without closing, and breaks it after a kill -9',
    async () => {
      const exiting = await startChild(dir);
      exiting.send('go');
      expect(await exiting.next()).toEqual({ acquired: true });
      exiting.send('exit');
      await exiting.exited;
      expect(existsSync(lockPath)).toBe(false);

      const killed = await startChild(dir);
      killed.send('go');
      expect(await killed.next()).toEqual({ acquired: true });
      killed.process.kill('SIGKILL');
      await killed.exited;
      expect(readLock()).toMatchObject({ pid: killed.process.pid });
      const lock = await acquireDataDirLock(dir, 'serve');
      expect(readLock()).toMatchObject({ pid: process.pid });
      lock.release();
    },
    CHILD_TIMEOUT,
  );

  it(
    'lets exactly one of several processes racing to break a stale lock take it',
    async () => {
      const racers = await Promise.all([1, 2, 3, 4].map(() => startChild(dir)));
      const gone = await deadPid();
      for (let round = 0; round < 25; round++) {
        writeLock(holder({ pid: gone }));
        for (const racer of racers) racer.send('go');
        const results = await Promise.all(racers.map((racer) => racer.next()));
        const winners = racers.filter((_, i) => results[i].acquired);
        expect(winners, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1);
        const winner = winners[0]!;
        for (const [i, result] of results.entries())
          if (racers[i] !== winner)
            expect(result).toEqual({ acquired: false, holderPid: winner.process.pid });
        expect(readLock()).toMatchObject({ pid: winner.process.pid, command: 'racer' });
        winner.send('release');
        expect(await winner.next()).toEqual({ released: true });
        expect(readdirSync(dir)).toEqual([]);
      }
    },
    CHILD_TIMEOUT,
  );
});

describe('openDatabase on a PGlite data directory', () => {
  it('holds the directory until closed, naming its purpose, and refuses a second open', async () => {
    const database = await openDatabase({ dataDir: dir, purpose: 'user create' });
    try {
      expect(database.lock?.holder).toMatchObject({ pid: process.pid, command: 'user create' });
      expect(readLock()).toMatchObject({ pid: process.pid, command: 'user create' });
      await expect(openDatabase({ dataDir: dir, purpose: 'serve' })).rejects.toBeInstanceOf(
        DataDirLockedError,
      );
    } finally {
      await database.close();
    }
    expect(existsSync(lockPath)).toBe(false);
    const again = await openDatabase({ dataDir: dir, purpose: 'serve' });
    await again.close();
  }, 60_000);

  it('takes no lock for in-memory databases', async () => {
    const database = await createTestDatabase('pglite');
    try {
      expect(database.lock).toBeUndefined();
    } finally {
      await database.close();
    }
  }, 60_000);
});
