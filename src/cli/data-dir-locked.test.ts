import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, type LockHolder } from '../db/data-dir-lock.js';
import { explainDataDirLocked } from './data-dir-locked.js';

function ownPidNamespace() {
  try {
    return { pidNamespace: readlinkSync('/proc/self/ns/pid') };
  } catch {
    return {};
  }
}

const server: LockHolder = {
  pid: 4242,
  hostname: hostname(),
  ...ownPidNamespace(),
  startedAt: '2026-11-28T09:00:00.000Z',
  command: 'serve',
  url: 'http://localhost:3000',
  id: 'a',
};

function refused(command: string, holder: LockHolder | undefined) {
  return explainDataDirLocked(new DataDirLockedError('./data', 'data/fairshare.lock', holder, command));
}

describe('explaining a held data directory', () => {
  it('names the holder and points a command at the running server, its API, or PostgreSQL', () => {
    const text = refused('user create', server);
    expect(text).toContain('fairshare user create');
    expect(text).toContain(
      `pid 4242 on this machine (${hostname()}), running "serve" since 2026-11-28T09:00:00`,
    );
    expect(text).toContain('serving: http://localhost:3000');
    expect(text).toContain('web UI');
    expect(text).toContain('POST /api/v1/users;');
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text).toContain('kill 4242');
    expect(text).toContain('DATABASE_URL');
  });

  it('tells a second server to use the first', () => {
    const text = refused('serve', server);
    expect(text).toContain('this server did not start');
    expect(text).toContain('use the server already running at http://localhost:3000');
    expect(text).toContain('DATA_DIR');
  });

  it('tells a command to wait for another command to finish', () => {
    const text = refused('user create', { ...server, command: 'seed', url: undefined });
    expect(text).toContain('wait for "seed" to finish');
    expect(text).not.toContain('serving:');
  });

  it('sends a command to a server that is still starting', () => {
    const { url: _url, ...starting } = server;
    expect(refused('audit verify', starting)).toContain(
      'through that server once it has started: its web UI, or its REST API (GET /api/v1/audit/verify;',
    );
  });

  it('says when the holder is on another host and which file to delete if that host is gone', () => {
    const text = refused('user create', { ...server, hostname: 'box-2' });
    expect(text).toContain('pid 4242 on host box-2 (another machine');
    expect(text).toContain('delete data/fairshare.lock');
  });

  it.runIf(process.platform === 'linux')('says when the holder is in another container on this host', () => {
    const text = refused('user create', { ...server, pidNamespace: 'pid:[1]' });
    expect(text).toContain('another container or PID namespace');
    expect(text).toContain('delete data/fairshare.lock');
  });

  it('says what to do about a lock file it cannot read', () => {
    const text = refused('migrate', undefined);
    expect(text).toContain('cannot be read');
    expect(text).toContain('delete data/fairshare.lock');
  });
});
