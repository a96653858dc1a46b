import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { clusterFileInThread } from './cluster-file-thread.js';
import { clusterFile, type ClusterFileOptions } from './cluster-file.js';
import { refusalProblem } from './file-refusal.js';
import { DEFAULT_THRESHOLDS } from './score-config.js';
import { xlsxFile } from './testing-xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshare-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(name: string, content: Buffer | string, extra: Partial<ClusterFileOptions> = {}) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, thresholds: DEFAULT_THRESHOLDS, ...extra };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof AppError ? refusalProblem(error.details) : error;
}

// Enough rows to need well over 40 MB of heap once read, normalised and indexed.
const manyRows = () =>
  [
    '编号,客户名称,电话',
    ...Array.from(
      { length: 40_000 },
      (_, i) => `${i},公司${i.toString(36)}科技有限公司,010-${60_000_000 + i}`,
    ),
  ].join('\n');

describe('clusterFileInThread', () => {
  it('reads and clusters on its thread exactly as on the calling thread', async () => {
    const csv = [
      '编号,客户名称,电话',
      'C1,北京字节跳动科技有限公司,010-6212 3456',
      'C2,字节跳动（北京）科技有限公司,+86 10 6212 3456',
      'C3,上海华源科技有限公司,021-5555 0000',
      'C4,,13800000000',
    ].join('\n');
    const file = options('list.csv', csv, { maxNameChars: 200 });
    const here = await clusterFile(file);
    const phases: string[] = [];
    const there = await clusterFileInThread(file, {
      memoryMb: 256,
      onProgress: (phase) => phases.push(phase),
    });
    expect(there).toEqual(here);
    expect(there.clusters).toEqual([[0, 1], [2]]);
    expect(there.problems).toEqual([expect.objectContaining({ line: 5, code: 'MISSING_NAME' })]);
    expect(phases).toContain('cluster');
  });

  it('ends only its thread when a file needs more memory than it was given: FILE_TOO_COMPLEX', async () => {
    const csv = options('many.csv', manyRows());
    expect(await refusal(clusterFileInThread(csv, { memoryMb: 40 }))).toMatchObject({
      line: 1,
      code: 'FILE_TOO_COMPLEX',
      params: { limitMb: 40 },
    });
    // The XLSX bomb itself, with the archive checks out of the way: it costs the thread, not the process.
    const bomb = options('bomb.xlsx', xlsxFile([['客户名称'], ['南京金陵食品有限公司']], 64 * 2 ** 20), {
      archiveLimits: { maxRatio: Infinity, maxTotalBytes: Infinity },
    });
    expect(await refusal(clusterFileInThread(bomb, { memoryMb: 40 }))).toMatchObject({
      code: 'FILE_TOO_COMPLEX',
    });
    // This process is fine and reads the next file.
    const next = await clusterFileInThread(options('next.csv', '名称\n无锡太湖机械有限公司\n'), {
      memoryMb: 40,
    });
    expect(next.rows).toHaveLength(1);
  });

  it('passes a refusal back with its problem, and stops when asked to', async () => {
    expect(
      await refusal(clusterFileInThread(options('no-name.csv', '电话\n1\n'), { memoryMb: 64 })),
    ).toMatchObject({
      code: 'NO_NAME_COLUMN',
    });
    const stopping = new AbortController();
    const reading = clusterFileInThread(options('slow.csv', manyRows()), {
      memoryMb: 256,
      signal: stopping.signal,
    });
    stopping.abort();
    await expect(reading).rejects.toThrow(/stopped/);
  });
});
