/**
 * One process per PGlite data directory. PGlite is PostgreSQL inside this process, over the files of its
 * data directory: a second process opening the same directory works from its own buffers, its writes are
 * invisible to the first and overwritten by it, and acknowledged changes are lost. So whoever opens a data
 * directory first creates `<dataDir>/fairshare.lock` naming itself, and everyone else stops with
 * DataDirLockedError until the holder closes the database.
 *
 * Node has no flock() without a native addon, so the lock is a file whose existence is the lock:
 * - it appears atomically with its whole content: written to a temporary file, synced, then hard-linked to
 *   the lock's name, which fails if a lock is there;
 * - a lock whose holder is gone (on this host, its pid no longer runs, or runs another process since) is
 *   removed by one breaker at a time (`removeStale`), then taken like any free lock;
 * - a lock from another host, or from another PID namespace on this one (a container sharing the
 *   directory, WSL beside Windows), is held: its processes cannot be seen from here.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE = 'fairshare.lock';

/** The content of a lock file (JSON). */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the lock was taken (ISO). */
  startedAt: string;
  /** What the holder is doing: 'serve', 'user create' … */
  command: string;
  /** Where the holder serves, once it listens. */
  url?: string;
  /** Linux: when the holder's process started (clock ticks after boot), so a reused pid is not taken for it. */
  processStart?: string;
  /** Linux: the PID namespace `pid` belongs to (containers have their own). */
  pidNamespace?: string;
  /** Unique per lock taken, so no two locks ever have the same content. */
  id: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /**
   * Adds to what the lock says about its holder (the server's URL once it listens). A hint for whoever is
   * refused, so best effort: false if it could not be written, and the lock holds either way.
   */
  update(change: Pick<LockHolder, 'url'>): boolean;
  /** Removes the lock file if it still is this lock. Idempotent. */
  release(): void;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    /** Who holds the directory; undefined when the lock cannot be read or is changing hands. */
    readonly holder: LockHolder | undefined,
    /** What was refused: 'serve', 'user create' … */
    readonly command: string,
  ) {
    super(
      holder
        ? `PGlite data directory ${dataDir} is in use by pid ${holder.pid} on ${holder.hostname} ` +
            `("${holder.command}" since ${holder.startedAt}${holder.url ? `, serving ${holder.url}` : ''}); ` +
            `lock file ${lockPath}`
        : `PGlite data directory ${dataDir} is locked by ${lockPath}, which cannot be read or is changing hands`,
    );
    this.name = 'DataDirLockedError';
  }

  /** Whether this process can see the holder's processes (same host and PID namespace). */
  get holderVisible(): boolean {
    return this.holder !== undefined && canSeeProcessesOf(this.holder);
  }
}

// A breaker, or a writer on a file system without hard links, is in its critical section for microseconds;
// this much slack covers a loaded machine before giving up with DataDirLockedError.
const PATIENCE_MS = 5_000;

/** Locks this process holds, released when it exits. */
const held = new Set<DataDirLock>();
let exitHookInstalled = false;

/**
 * Takes the exclusive lock on a PGlite data directory (which must exist) for `command`, or throws
 * DataDirLockedError naming the holder.
 */
export async function acquireDataDirLock(dataDir: string, command: string): Promise<DataDirLock> {
  const path = join(resolve(dataDir), LOCK_FILE);
  const holder = thisProcess(command);
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    if (createExclusive(path, serialize(holder))) return holdLock(path, holder);
    const content = readIfExists(path);
    if (content === undefined) continue; // released in the meantime
    const current = parseHolder(content);
    if (current && !holderIsGone(current)) throw new DataDirLockedError(dataDir, path, current, command);
    // A gone holder's lock is removed (by us or a racing breaker) and the loop tries again. Unreadable
    // content is waited on: a writer without hard links may be between creating and filling it.
    if (current && removeStale(path, content, command)) continue;
    if (Date.now() > deadline) throw new DataDirLockedError(dataDir, path, undefined, command);
    await sleep(20);
  }
}

function holdLock(path: string, first: LockHolder): DataDirLock {
  let holder = first;
  let content = serialize(first);
  const lock: DataDirLock = {
    path,
    get holder() {
      return holder;
    },
    update(change) {
      const next = { ...holder, ...change };
      const text = serialize(next);
      const temp = tempPath(path);
      try {
        if (!held.has(lock) || readIfExists(path) !== content) return false; // not ours any more
        writeDurably(temp, text);
        renameSync(temp, path); // atomic: readers see the old lock or the new one, never a part
      } catch {
        return false;
      } finally {
        rmSync(temp, { force: true });
      }
      holder = next;
      content = text;
      return true;
    },
    release() {
      if (!held.delete(lock)) return;
      if (readIfExists(path) === content) rmSync(path, { force: true });
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A process that exits without closing its database (process.exit, an uncaught error) has stopped
    // writing by now. A kill -9 skips this and leaves a stale lock, which the next start breaks.
    process.on('exit', () => {
      for (const lock of held) {
        try {
          lock.release();
        } catch {
          // exiting anyway; a lock left behind is stale and will be broken
        }
      }
    });
  }
  return lock;
}

/**
 * Removes the lock file `path` if it still holds `content`, whose holder is gone. The danger is racing
 * breakers: one that read the stale lock late must not remove the lock a faster one has taken since, and
 * no file system call removes a file only if it is the one that was read. So breakers take turns: a
 * breaker first creates a guard named after the stale content, and only the guard's creator may remove
 * that content. Meanwhile nothing else can be put in its place (a new lock needs the name free, and the
 * holder that could update it is gone), so reading `content` there and then removing it is safe. The
 * guard goes as soon as `content` is gone for good (lock contents are unique), so a late breaker finds
 * nothing to remove. A guard whose creator died mid-way is stale itself and is broken the same way.
 *
 * Returns false when a live process holds the guard: look again shortly.
 */
function removeStale(path: string, content: string, command: string, depth = 0): boolean {
  const guard = staleLockGuardPath(path, content);
  if (createExclusive(guard, serialize(thisProcess(command)))) {
    try {
      if (readIfExists(path) === content) rmSync(path, { force: true });
    } finally {
      rmSync(guard, { force: true });
    }
    return true;
  }
  const guardContent = readIfExists(guard);
  if (guardContent === undefined) return true; // that breaker has finished
  const other = parseHolder(guardContent);
  if (other && holderIsGone(other) && depth < 3) {
    removeStale(guard, guardContent, command, depth + 1);
    return true;
  }
  return false;
}

/** The guard a breaker of the stale lock `content` at `path` creates first (exported for tests). */
export function staleLockGuardPath(path: string, content: string): string {
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16);
  return join(dirname(path), `${LOCK_FILE}.breaking-${digest}`);
}

/** A lock (or a breaker's guard) naming this process. */
function thisProcess(command: string): LockHolder {
  const start = inspectProcess(process.pid).start;
  const namespace = pidNamespace();
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    command,
    ...(start !== undefined && { processStart: start }),
    ...(namespace !== undefined && { pidNamespace: namespace }),
    id: randomUUID(),
  };
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid'); // e.g. pid:[4026531836]
  } catch {
    return undefined;
  }
}

/** Whether `holder.pid` means here what it meant to the holder. Where either side cannot tell, it does not. */
function canSeeProcessesOf(holder: LockHolder): boolean {
  return holder.hostname === hostname() && holder.pidNamespace === pidNamespace();
}

/**
 * Whether the holder of a lock is certainly gone. One we cannot see (another host, another container)
 * never is: a container restarted after a kill -9 gets a new namespace and must be cleared by hand, but
 * guessing would let a live holder be broken.
 */
function holderIsGone(holder: LockHolder): boolean {
  if (!canSeeProcessesOf(holder)) return false;
  const seen = inspectProcess(holder.pid);
  if (!seen.alive) return true;
  // The pid runs, but a process started later may have it (pids repeat, after a reboot for one). Where
  // start times cannot be compared the holder is taken to be alive.
  return holder.processStart !== undefined && seen.start !== undefined && seen.start !== holder.processStart;
}

/** Whether `pid` runs (a zombie does not) and, on Linux, when it started. */
function inspectProcess(pid: number): { alive: boolean; start?: string } {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return { alive: false };
    // EPERM: it runs, as another user
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // Not Linux, /proc hidden, or it exited just now: alive is the answer that never breaks a live lock.
    return { alive: true };
  }
  // After the parenthesised command name: state, then … field 22 of the whole line, the start time.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return { alive: false };
  const start = fields[19];
  return start === undefined ? { alive: true } : { alive: true, start };
}

/** Creates `path` holding `content`, or returns false if it exists. Readers never see it partly written. */
function createExclusive(path: string, content: string): boolean {
  const temp = tempPath(path);
  writeDurably(temp, content);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  // A file system without hard links (FAT, some network and VM shares): exclusive create, then write.
  // Readers may see it empty for a moment, and wait for it (see acquireDataDirLock).
  try {
    writeDurably(path, content);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Writes a new file and syncs it, so a lock that survives a power cut is not an empty file. */
function writeDurably(path: string, content: string) {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tempPath(path: string) {
  return `${path}.${process.pid}.${randomUUID()}.tmp`;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function serialize(holder: LockHolder) {
  return `${JSON.stringify(holder, null, 2)}\n`;
}

/** The holder a lock file names, or undefined if it is not a lock this module wrote. */
export function parseHolder(content: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  // pid 0 and negative pids address process groups in kill(): never probe those.
  if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 0) return undefined;
  for (const key of ['hostname', 'startedAt', 'command', 'id'] as const)
    if (typeof v[key] !== 'string') return undefined;
  for (const key of ['url', 'processStart', 'pidNamespace'] as const)
    if (v[key] !== undefined && typeof v[key] !== 'string') return undefined;
  return value as LockHolder;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
