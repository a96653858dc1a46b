import { describe, expect, it } from 'vitest';
import {
  clusterExplanations,
  importedCounts,
  isRunning,
  jobRunState,
  progressCounts,
  progressPercent,
  summaryNumbers,
  uploadContentType,
  XLSX_TYPE,
} from './importJob.js';

describe('uploadContentType', () => {
  it('sends CSV, XLSX and old Excel XLS with their types and refuses anything else', () => {
    expect(uploadContentType('客户.CSV')).toBe('text/csv');
    expect(uploadContentType('list.xlsx')).toBe(XLSX_TYPE);
    expect(uploadContentType('old.XLS')).toBe('application/vnd.ms-excel');
    expect(uploadContentType('list.pdf')).toBeNull();
  });
});

describe('job state', () => {
  it('polls while the worker analyses or imports', () => {
    expect(isRunning('analyzing')).toBe(true);
    expect(isRunning('importing')).toBe(true);
    expect(isRunning('review')).toBe(false);
    expect(isRunning('done')).toBe(false);
  });

  it('computes progress only when the total is known', () => {
    expect(progressPercent({ phase: 'read', done: 0, total: 0 })).toBeNull();
    expect(progressPercent({})).toBeNull();
    expect(progressPercent({ phase: 'match', done: 200, total: 600 })).toBe(33);
    expect(progressPercent({ done: 7, total: 5 })).toBe(100);
  });

  it('counts what is done, with the total once it is known', () => {
    expect(progressCounts({ phase: 'read', done: 5000, total: 0 }, 'en')).toBe('5,000');
    expect(progressCounts({ phase: 'match', done: 1200, total: 5000 }, 'en')).toBe('1,200 / 5,000');
    expect(progressCounts({ phase: 'import', total: 40 }, 'zh-CN')).toBe('0 / 40');
    expect(progressCounts({}, 'en')).toBeNull();
  });

  it('tells waiting, working, retrying after a failed attempt, and giving up apart', () => {
    const job = (
      status: 'queued' | 'running' | 'done' | 'failed' | 'dead',
      attempts: number,
      error: string | null = null,
    ) => ({
      status,
      attempts,
      error,
    });
    expect(jobRunState(null)).toBeNull();
    expect(jobRunState(job('queued', 0))).toEqual({ state: 'waiting' });
    expect(jobRunState(job('running', 1))).toEqual({ state: 'running', attempt: 1 });
    expect(jobRunState(job('queued', 2, 'connection reset'))).toEqual({
      state: 'retrying',
      attempts: 2,
      error: 'connection reset',
    });
    expect(jobRunState(job('running', 3))).toEqual({ state: 'running', attempt: 3 });
    expect(jobRunState(job('dead', 5, 'stopped after 5 attempts'))).toEqual({
      state: 'failed',
      attempts: 5,
      error: 'stopped after 5 attempts',
      dead: true,
    });
    expect(jobRunState(job('done', 1))).toBeNull();
  });

  it('lists the summary numbers in a fixed order', () => {
    expect(summaryNumbers({ clusters: 4, rows: 5, other: 'x', problems: 2 })).toEqual([
      { key: 'rows', value: 5 },
      { key: 'problems', value: 2 },
      { key: 'clusters', value: 4 },
    ]);
  });

  it('reads the final counts, zero for outcomes that did not happen', () => {
    expect(importedCounts({ rows: 5 })).toBeNull();
    expect(importedCounts({ imported: { created: 2, merged: 1 } })).toEqual({
      created: 2,
      merged: 1,
      needs_review: 0,
      skipped: 0,
    });
  });
});

describe('clusterExplanations', () => {
  const record = (id: string, line: number) => ({
    id,
    line,
    name: id,
    phone: [],
    email: [],
    website: null,
    uscc: null,
    address: null,
  });
  const reasons = [{ code: 'name.equal' as const, params: { a: '青藤', b: '青藤' }, points: 3 }];
  const reason = (rowId: string, partnerId: string, verdict: 'same' | 'possible' = 'same') => ({
    rowId,
    partnerId,
    partnerClusterId: partnerId,
    verdict,
    score: 0.97,
    notMerged: false,
    reasons,
  });

  it('pairs each reason with the rows’ lines and shows a pair explained from both sides once', () => {
    const explained = clusterExplanations({
      records: [record('c1', 2), record('c2', 3), record('c3', 5)],
      reasons: [reason('c1', 'c2'), reason('c2', 'c1'), reason('c3', 'c1')],
    });
    expect(explained).toEqual([
      { line: 2, partnerLine: 3, partnerId: 'c2', verdict: 'same', notMerged: false, reasons },
      { line: 5, partnerLine: 2, partnerId: 'c1', verdict: 'same', notMerged: false, reasons },
    ]);
  });

  it('names only the partner when it is in another cluster (a possible match)', () => {
    const explained = clusterExplanations({
      records: [record('c4', 6)],
      reasons: [{ ...reason('c4', 'c9', 'possible'), notMerged: true }],
    });
    expect(explained).toEqual([{ line: 6, partnerId: 'c9', verdict: 'possible', notMerged: true, reasons }]);
  });
});
