import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGION_TREE } from '../regions/index.js';

type RegionNode = (typeof REGION_TREE)[number];
import {
  compareModels,
  decideFence,
  exclusiveConflicts,
  regionContains,
  type FenceQuery,
  type Grant,
} from './fence.js';

/** Every code of the GB/T 2260 tree with the codes of its ancestors. */
const paths: { code: string; ancestors: string[] }[] = [];
const walk = (node: RegionNode, ancestors: string[]) => {
  paths.push({ code: node.code, ancestors });
  for (const child of node.children ?? []) walk(child, [...ancestors, node.code]);
};
for (const province of REGION_TREE) walk(province, []);
const codes = paths.map((p) => p.code);

const region = fc.constantFrom(...codes);
const area = fc.oneof(region, fc.constantFrom('CN', 'SG', 'VN'));
const industry = fc.constantFrom('C', 'I', '13', '65', '64', '83');
const line = fc.constantFrom('erp', 'crm', 'hr');
const day = fc
  .integer({ min: 0, max: 60 })
  .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const span = fc
  .tuple(day, fc.option(day))
  .map(([a, b]) =>
    b === null
      ? { validFrom: a, validUntil: null }
      : a <= b
        ? { validFrom: a, validUntil: b }
        : { validFrom: b, validUntil: a },
  );
let ids = 0;
const grant = (partnerId: string, effect?: 'include' | 'exclude') =>
  fc
    .record({
      regions: fc.uniqueArray(area, { minLength: 1, maxLength: 3 }),
      industries: fc.uniqueArray(industry, { maxLength: 2 }),
      productLines: fc.uniqueArray(line, { maxLength: 2 }),
      exclusive: fc.boolean(),
      effect: effect ? fc.constant(effect) : fc.constantFrom('include' as const, 'exclude' as const),
      span,
    })
    .map((g): Grant => ({
      id: `g${++ids}`,
      party: { partnerId },
      territoryCode: 't',
      regions: g.regions,
      industries: g.industries,
      productLines: g.productLines,
      exclusive: g.effect === 'include' && g.exclusive,
      effect: g.effect,
      ...g.span,
    }));
const query = fc.record({
  regionCode: region,
  industryCode: fc.option(industry.filter((i) => /\d/.test(i))),
  productLineCode: fc.option(line),
  date: day,
}) as fc.Arbitrary<FenceQuery>;

const include = (over: Partial<Grant> = {}): Grant => ({
  id: `g${++ids}`,
  party: { partnerId: 'p' },
  territoryCode: 't',
  regions: ['440000'],
  industries: [],
  productLines: [],
  exclusive: false,
  effect: 'include',
  validFrom: '2026-01-01',
  validUntil: null,
  ...over,
});
const on = (regionCode: string, more: Partial<FenceQuery> = {}): FenceQuery => ({
  regionCode,
  industryCode: '65',
  productLineCode: 'erp',
  date: '2026-06-01',
  ...more,
});

describe('region containment', () => {
  it('puts a district inside its city and its province, and a municipality’s districts inside it', () => {
    expect(regionContains('440300', '440305')).toBe(true);
    expect(regionContains('440000', '440305')).toBe(true);
    expect(regionContains('440000', '440300')).toBe(true);
    expect(regionContains('110000', '110105')).toBe(true);
    expect(regionContains('440100', '440305')).toBe(false);
    expect(regionContains('440305', '440300')).toBe(false);
    expect(regionContains('CN', '440305')).toBe(true);
    expect(regionContains('SG', '440305')).toBe(false);
  });

  it('agrees with the GB/T 2260 tree for every code: an area holds exactly itself and what lies below it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), region, (path, other) => {
        for (const ancestor of path.ancestors) expect(regionContains(ancestor, path.code)).toBe(true);
        const below = paths.find((p) => p.code === other)!.ancestors.includes(path.code);
        expect(regionContains(path.code, other)).toBe(other === path.code || below);
      }),
    );
  });
});

describe('decideFence', () => {
  it('lets a partner in where an include covers it, and refuses outside with what it is authorised for', () => {
    const gd = include({ productLines: ['erp'] });
    expect(decideFence([gd], on('440305'))).toEqual({
      allowed: true,
      via: { kind: 'authorisation', id: gd.id },
    });
    const refused = decideFence([gd], on('320100'));
    expect(refused).toMatchObject({ allowed: false, code: 'OUTSIDE_TERRITORY', reason: 'not_included' });
    expect(refused.allowed === false && refused.authorised.map((a) => a.authorisationId)).toEqual([gd.id]);
    expect(decideFence([gd], on('440305', { productLineCode: 'crm' })).allowed).toBe(false);
    expect(decideFence([gd], on('440305', { date: '2025-12-31' })).allowed).toBe(false);
  });

  it('lets an exclude carve a city out of a province', () => {
    const gd = include();
    const sz = include({ regions: ['440300'], effect: 'exclude' });
    expect(decideFence([gd, sz], on('440305'))).toMatchObject({
      allowed: false,
      reason: 'excluded',
      excludedBy: sz.id,
    });
    expect(decideFence([gd, sz], on('440103')).allowed).toBe(true);
  });

  it('knows a section holds its divisions and an unknown industry only meets every-industry grants', () => {
    const manufacturing = include({ industries: ['C'] });
    expect(decideFence([manufacturing], on('440305', { industryCode: '13' })).allowed).toBe(true);
    expect(decideFence([manufacturing], on('440305', { industryCode: '65' })).allowed).toBe(false);
    expect(decideFence([manufacturing], on('440305', { industryCode: null })).allowed).toBe(false);
    expect(decideFence([include()], on('440305', { industryCode: null })).allowed).toBe(true);
  });

  it('never lets a partner in where one of its excludes covers the cell (excludes beat includes)', () => {
    fc.assert(
      fc.property(fc.array(grant('p'), { maxLength: 6 }), query, (grants, q) => {
        const blanket = include({
          effect: 'exclude',
          regions: [q.regionCode],
          validFrom: q.date,
          validUntil: q.date,
        });
        expect(decideFence([...grants, blanket], q).allowed).toBe(false);
      }),
    );
  });

  it('lets a partner in only through an include of its own that covers the cell on that date', () => {
    fc.assert(
      fc.property(fc.array(grant('p'), { maxLength: 6 }), query, (grants, q) => {
        const verdict = decideFence(grants, q);
        if (!verdict.allowed) return;
        const via = grants.find((g) => g.id === verdict.via.id)!;
        expect(via.effect).toBe('include');
        expect(via.regions.some((r) => regionContains(r, q.regionCode))).toBe(true);
        expect(via.validFrom <= q.date && (via.validUntil === null || q.date <= via.validUntil)).toBe(true);
      }),
    );
  });

  it('never takes a place away by adding an include, nor gives one by adding an exclude', () => {
    fc.assert(
      fc.property(fc.array(grant('p'), { maxLength: 5 }), grant('p'), query, (grants, extra, q) => {
        const before = decideFence(grants, q).allowed;
        const after = decideFence([...grants, extra], q).allowed;
        if (extra.effect === 'include' && before) expect(after).toBe(true);
        if (extra.effect === 'exclude' && !before) expect(after).toBe(false);
      }),
    );
  });
});

describe('exclusiveConflicts', () => {
  it('names another party’s overlapping authorisation when either side is exclusive', () => {
    const mine = include({ exclusive: true, regions: ['440300'] });
    const theirs = include({ party: { partnerId: 'q' }, regions: ['440000'], productLines: ['erp'] });
    expect(exclusiveConflicts(mine, [theirs])).toEqual([
      expect.objectContaining({ authorisationId: theirs.id, regionCode: '440300', productLines: ['erp'] }),
    ]);
    expect(exclusiveConflicts({ ...mine, exclusive: false }, [theirs])).toEqual([]);
    expect(
      exclusiveConflicts(mine, [{ ...theirs, validUntil: '2025-12-31', validFrom: '2025-01-01' }]),
    ).toEqual([]);
    expect(exclusiveConflicts(mine, [{ ...theirs, regions: ['440100'] }])).toEqual([]);
    const carved = include({ party: { partnerId: 'q' }, regions: ['440300'], effect: 'exclude' });
    expect(exclusiveConflicts(mine, [theirs, carved])).toEqual([]);
  });

  it('is symmetric between two parties', () => {
    fc.assert(
      fc.property(grant('p', 'include'), grant('q', 'include'), (a, b) => {
        expect(exclusiveConflicts(a, [b]).length > 0).toBe(exclusiveConflicts(b, [a]).length > 0);
      }),
    );
  });
});

describe('compareModels', () => {
  it('tells which party gains and which loses which cells', () => {
    const p = include({ regions: ['440000'] });
    const q = include({ party: { partnerId: 'q' }, regions: ['320000'] });
    const changes = compareModels([p, q], [{ ...p, regions: ['440000', '450000'] }], '2026-06-01');
    expect(changes).toEqual([
      { party: { partnerId: 'p' }, gained: [expect.objectContaining({ regionCode: '450000' })], lost: [] },
      { party: { partnerId: 'q' }, gained: [], lost: [expect.objectContaining({ regionCode: '320000' })] },
    ]);
    expect(compareModels([p], [p], '2026-06-01')).toEqual([]);
  });
});
