import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupeFeatures } from './dedupe.js';
import type { RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';
import { companyRecord } from './testing.js';

function dedupeResult(records: (RecordInput & { id: string })[]) {
  return dedupeFeatures(
    records.map((r) => r.id),
    records.map((r) => normalizeRecord(r)),
  );
}

function dedupe(records: (RecordInput & { id: string })[]) {
  const result = dedupeResult(records);
  return records.map((_, i) => result.row(i));
}

describe('dedupeFeatures', () => {
  it('clusters the ways one company is written and keeps look-alikes out', () => {
    const rows = dedupe([
      { id: 'a', name: '字节跳动（北京）科技有限公司', phone: '+86 138 1234 5678' },
      { id: 'b', name: '北京字节跳动科技', phone: '138-1234-5678' },
      { id: 'c', name: '北京字節跳動科技有限公司' },
      { id: 'd', name: 'Beijing Zijie Tiaodong Technology Co., Ltd.' },
      { id: 'e', name: '上海字节跳动科技有限公司' },
      { id: 'f', name: '北京字节跳动科技有限公司上海分公司' },
      { id: 'g', name: '杭州鸿雀环保科技有限公司' },
    ]);
    const cluster = Object.fromEntries(rows.map((r) => [r.id, r.clusterId]));
    expect([cluster.a, cluster.b, cluster.c, cluster.d]).toEqual(['a', 'a', 'a', 'a']);
    expect(cluster.e).toBe('e');
    expect(cluster.f).toBe('f');
    expect(rows.find((r) => r.id === 'f')).toMatchObject({ verdict: 'possible' });
    expect(rows.find((r) => r.id === 'g')).toMatchObject({ verdict: 'unique', score: null, reasons: '' });
  });

  it('explains a row with evidence codes, and writes them in English only in the CSV', () => {
    const result = dedupeResult([
      {
        id: 'a',
        name: '字节跳动（北京）科技有限公司',
        phone: '+86 138 1234 5678',
        uscc: '91110108551385082R',
      },
      { id: 'b', name: '北京字节跳动科技', phone: '138-1234-5678' },
      { id: 'c', name: '北京字节跳动科技有限公司上海分公司' },
    ]);
    const b = result.explain(1);
    expect(b).toMatchObject({ partnerId: 'a', verdict: 'same', notMerged: false });
    expect(b?.reasons).toEqual([
      { code: 'uscc.ignored', params: { uscc: '91110108551385082R', problem: 'check' } },
      { code: 'name.equal', params: { a: '字节跳动', b: '字节跳动' }, points: 3 },
      { code: 'region.equal', params: { a: '北京', b: '北京', fromAddress: false }, points: 1.5 },
      { code: 'industry.equal', params: { a: '科技', b: '科技' }, points: 0.5 },
      { code: 'phone.shared', params: { value: '+8613812345678', holders: 2 }, points: 4 },
    ]);
    expect(result.explain(2)?.reasons).toContainEqual({ code: 'branch.mismatch', params: {} });
    // Notes (the ignored USCC) stay out of the CSV; unweighed hard rules are written without points.
    expect(result.row(1).reasons).toBe(
      'same company as a: same name 字节跳动 / 字节跳动 (+3.0); same region 北京 / 北京 (+1.5); ' +
        'same industry words 科技 / 科技 (+0.5); phone +8613812345678 shared by 2 records (+4.0)',
    );
    expect(result.row(2).reasons).toMatch(
      /^possibly [ab] \(cluster a\): .*a branch office and its parent are separate customers(;|$)/,
    );
  });

  it('does not chain two cities together through a bare name', () => {
    const rows = dedupe([
      { id: '1', name: '北京华源科技有限公司' },
      { id: '2', name: '华源科技' },
      { id: '3', name: '上海华源科技有限公司' },
    ]);
    expect(rows[0]?.clusterId).not.toBe(rows[2]?.clusterId);
  });

  it('ignores a hotline shared by many customers', () => {
    const customers = Array.from({ length: 60 }, (_, i) => ({
      id: String(i),
      name: `${['北京', '上海', '深圳'][i % 3] ?? ''}客户${String.fromCharCode(0x4e00 + i * 7)}${String.fromCharCode(0x4e00 + i * 13)}贸易有限公司`,
      phone: '400-810-8888',
    }));
    const rows = dedupe(customers);
    expect(new Set(rows.map((r) => r.clusterId)).size).toBe(60);
  });

  it('writes every record exactly once, in a cluster named by one of its members', () => {
    const list = fc.array(companyRecord, { maxLength: 30 });
    fc.assert(
      fc.property(list, (records) => {
        const rows = dedupe(records.map((r, i) => ({ ...r, id: `id${i}` })));
        expect(rows.map((r) => r.id)).toEqual(records.map((_, i) => `id${i}`));
        const ids = new Set(rows.map((r) => r.id));
        for (const row of rows) {
          expect(ids.has(row.clusterId)).toBe(true);
          const members = rows.filter((r) => r.clusterId === row.clusterId);
          expect(row.verdict === 'same').toBe(members.length > 1);
        }
      }),
      { numRuns: 50 },
    );
  });
});
