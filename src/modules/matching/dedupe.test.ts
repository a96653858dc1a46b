import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupeFeatures } from './dedupe.js';
import type { ClusterConflict } from './cluster-facts.js';
import type { Features, RecordInput } from './normalize.js';
import { designates } from './normalize.js';
import { pinyinSimilarity } from './similarity.js';
import { normalizeRecord } from './normalize.js';
import { companyRecord, EVIDENCE_EXAMPLES, validUscc } from './testing.js';

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

  it('keeps the strongest link of a contradicting chain and reports the other below same, saying why', () => {
    // 华源科技 shares a phone with the Beijing company and another with the Shanghai one.
    const { list } = EVIDENCE_EXAMPLES['cluster.region_conflict'] as { list: RecordInput[] };
    const result = dedupeResult(list.map((r, i) => ({ ...r, id: String(i) })));
    expect(result.clusterOf[1]).not.toBe(result.clusterOf[2]);
    expect(result.clusterOf[0]).toBe(result.clusterOf[1]);
    const held = result.explain(2);
    expect(held).toMatchObject({ partnerId: '1', verdict: 'possible', notMerged: true });
    expect(held?.score).toBeLessThan(0.9);
    expect(held?.reasons).toContainEqual({
      code: 'cluster.region_conflict',
      params: { a: '上海', b: '北京' },
    });
    expect(result.row(2).reasons).toContain(
      'kept apart: the two groups are in different regions 上海 / 北京',
    );
    expect(result.pair(1, 2)).toMatchObject({ verdict: 'possible', notMerged: true });
    expect(result.pair(0, 1)).toMatchObject({ verdict: 'same', notMerged: false });
  });

  it('joins a brand to its company when they share a USCC, whatever industry its words name', () => {
    const uscc = validUscc('310115', '16B354A9H');
    const rows = dedupe([
      { id: 'a', name: '上海源味鲜物流股份有限公司', uscc, phone: '13812345678' },
      { id: 'b', name: '上海源味鲜物流有限公司', phone: '13812345678' },
      { id: 'c', name: '松下照明', uscc },
    ]);
    expect(rows.map((r) => r.clusterId)).toEqual(['a', 'a', 'a']);
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

  it('reports no pair as the same company that it leaves in two clusters, and holds a pair apart only for a real contradiction', () => {
    // Few names, phones and USCCs, so chains through shared values and contradicting clusters are common.
    const brand = fc.record({
      name: fc.constantFrom('松下照明', '华源', '鸿雀', '天合贸易', 'Huayuan'),
      phone: fc.constantFrom('', '+86 138 1234 5678', '010-6212 3456', '0755 8888 8888'),
      uscc: fc.constantFrom('', validUscc('110108', '551385082'), validUscc('440300', '192203821')),
    });
    const list = fc.array(
      fc.oneof({ weight: 4, arbitrary: companyRecord }, { weight: 1, arbitrary: brand }),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(list, (records) => {
        const features = records.map((r) => normalizeRecord(r));
        const result = dedupeFeatures(
          records.map((_, i) => `id${i}`),
          features,
        );
        const { clusterOf } = result;
        const members = (i: number) => features.filter((_, k) => clusterOf[k] === clusterOf[i]);
        for (let i = 0; i < records.length; i++) {
          for (let j = i + 1; j < records.length; j++) {
            const pair = result.pair(i, j);
            if (pair.verdict === 'same') expect(clusterOf[i], `${i} ~ ${j}`).toBe(clusterOf[j]);
            if (!pair.notMerged) continue;
            // Held apart: the two clusters really contradict each other, through the values named.
            expect(clusterOf[i]).not.toBe(clusterOf[j]);
            const why = pair.reasons.find((e): e is ClusterConflict => e.code.startsWith('cluster.'));
            expect(why && contradicts(members(i), members(j), why), `${i} ~ ${j}`).toBe(true);
          }
          const row = result.explain(i);
          if (!row) continue;
          const partner = Number(row.partnerId.slice(2));
          expect(row.verdict === 'same').toBe(clusterOf[i] === clusterOf[partner]);
          expect(row.score >= 0.9 - 1e-9).toBe(row.verdict === 'same');
        }
        // No cluster holds two registered companies.
        for (let i = 0; i < records.length; i++) {
          expect(new Set(members(i).flatMap((f) => (f.uscc ? [f.uscc] : []))).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether the contradiction `why` names is there: a record of each cluster holding the named values. */
function contradicts(mine: Features[], theirs: Features[], why: ClusterConflict): boolean {
  const p: { a: string; b: string; name?: string } = why.params;
  const nameRegion = (f: Features) => (f.regionSource === 'name' ? f.region : null);
  const shared = mine.some((f) => f.uscc && theirs.some((g) => g.uscc === f.uscc));
  switch (why.code) {
    case 'cluster.uscc_conflict':
      return p.a !== p.b && mine.some((f) => f.uscc === p.a) && theirs.some((g) => g.uscc === p.b);
    case 'cluster.region_conflict': {
      const holds = (f: Features, place: string) =>
        nameRegion(f)?.name === place || nameRegion(f)?.province === place || f.usccProvince === place;
      return !shared && p.a !== p.b && mine.some((f) => holds(f, p.a)) && theirs.some((g) => holds(g, p.b));
    }
    case 'cluster.industry_conflict': {
      // Words neither of which contains the other, or two full company names written with other words.
      const holds = (f: Features, industry: string) =>
        f.script === 'zh' && !f.genericName && f.tradeName === p.name && f.industry === industry;
      const apart = (f: Features, g: Features) =>
        (!p.a.includes(p.b) && !p.b.includes(p.a)) || (designates(f) && designates(g));
      return (
        !shared &&
        p.a !== p.b &&
        mine.some((f) => holds(f, p.a) && theirs.some((g) => holds(g, p.b) && apart(f, g)))
      );
    }
    case 'cluster.name_conflict': {
      // Alike in sound, or both written as full company names and not one name mistyped.
      const holds = (f: Features, trade: string) =>
        f.script === 'zh' && !f.genericName && f.tradeName === trade;
      const twoNames = (f: Features, g: Features) =>
        f.tradePinyin === g.tradePinyin ||
        (designates(f) && designates(g) && pinyinSimilarity(f.tradePinyin, g.tradePinyin) < 0.75);
      return (
        !shared &&
        p.a !== p.b &&
        mine.some((f) => holds(f, p.a) && theirs.some((g) => holds(g, p.b) && twoNames(f, g)))
      );
    }
  }
}
