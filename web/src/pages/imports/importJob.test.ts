import { describe, expect, it } from 'vitest';
import {
  importedCounts,
  isRunning,
  parseClusterReason,
  progressPercent,
  summaryNumbers,
  uploadContentType,
  XLSX_TYPE,
  clusterExplanations,
} from './importJob.js';

describe('uploadContentType', () => {
  it('sends CSV and XLSX with their types and refuses anything else', () => {
    expect(uploadContentType('客户.CSV')).toBe('text/csv');
    expect(uploadContentType('list.xlsx')).toBe(XLSX_TYPE);
    expect(uploadContentType('list.xls')).toBeNull();
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

describe('parseClusterReason', () => {
  it('reads the bulk matcher’s line back into reasons', () => {
    expect(
      parseClusterReason(
        'same as 2: name equal 字节跳动 / 字节跳动 (+3.0); region equal 北京 / 北京 (+1.5); phone equal +861062123456 shared by 2 records (+4.0)',
      ),
    ).toEqual({
      verdict: 'same',
      partnerId: '2',
      reasons: [
        { field: 'name', comparison: 'equal', detail: '字节跳动 / 字节跳动', contribution: 3 },
        { field: 'region', comparison: 'equal', detail: '北京 / 北京', contribution: 1.5 },
        { field: 'phone', comparison: 'equal', detail: '+861062123456 shared by 2 records', contribution: 4 },
      ],
    });
  });

  it('reads the "same company as" and "possibly … (cluster …)" wording too', () => {
    const reasons = 'name equal 青藤 / 青藤 (+3.0); phone equal +8657188881234 shared by 2 records (+4.0)';
    const same = parseClusterReason(`same company as c2: ${reasons}`);
    expect(same).toMatchObject({ verdict: 'same', partnerId: 'c2' });
    expect(same?.reasons.map((r) => r.detail)).toEqual(['青藤 / 青藤', '+8657188881234 shared by 2 records']);
    expect(parseClusterReason(`possibly c7 (cluster c5): ${reasons}`)).toMatchObject({
      verdict: 'possible',
      partnerId: 'c7',
    });
  });

  it('keeps a detail that itself contains "; " and drops the possible-duplicate note', () => {
    const parsed = parseClusterReason(
      'possible as 7: uscc ignored A fails check; B fails length (0.0); industry conflict 科技 / 贸易 (-2.0) [possible duplicate of 7, cluster 7]',
    );
    expect(parsed?.reasons.map((r) => r.detail)).toEqual(['A fails check; B fails length', '科技 / 贸易']);
    expect(parsed?.reasons[1]?.contribution).toBe(-2);
  });

  it('gives null for a line in another form', () => {
    expect(parseClusterReason('something else')).toBeNull();
    expect(parseClusterReason('same as 2: weird stuff')).toBeNull();
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
  const reason = (partner: string) => `same as ${partner}: name equal 青藤 / 青藤 (+3.0)`;

  it('pairs each line with its row and shows a pair explained from both sides once', () => {
    const { explained, unread } = clusterExplanations({
      records: [record('c1', 2), record('c2', 3)],
      reasons: [reason('c2'), reason('c1')],
    });
    expect(unread).toEqual([]);
    expect(explained).toEqual([
      {
        line: 2,
        partnerLine: 3,
        partnerId: 'c2',
        reasons: [{ field: 'name', comparison: 'equal', detail: '青藤 / 青藤', contribution: 3 }],
      },
    ]);
  });

  it('names only the partner when lines and rows do not line up, and keeps unreadable lines', () => {
    const { explained, unread } = clusterExplanations({
      records: [record('c1', 2), record('c2', 3), record('c3', 4)],
      reasons: [reason('c9'), 'gibberish'],
    });
    expect(explained).toEqual([{ partnerId: 'c9', reasons: expect.any(Array) }]);
    expect(unread).toEqual(['gibberish']);
  });
});
