import { describe, expect, it } from 'vitest';
import type { Territory, TerritoryAuthorisation } from '../../api/types.js';
import { provinceCoverage } from './coverage.js';

const P = '00000000-0000-4000-8000-000000000001';
const Q = '00000000-0000-4000-8000-000000000002';
let next = 0;

const territory = (code: string, covers: string[]): Territory => ({
  code,
  parentCode: null,
  name: code,
  areas: covers,
  covers,
});

function auth(over: Partial<TerritoryAuthorisation> & { territoryCode: string }): TerritoryAuthorisation {
  next += 1;
  return {
    id: `00000000-0000-4000-9000-${String(next).padStart(12, '0')}`,
    party: { partnerId: P, teamId: null, teamName: null },
    industryCodes: [],
    productLineCodes: [],
    exclusive: false,
    effect: 'include',
    validFrom: '2026-01-01',
    validUntil: null,
    ...over,
  };
}

const territories = [
  territory('south', ['440000', '450000']),
  territory('sz', ['440300']),
  territory('china', ['CN']),
  territory('abroad', ['SG']),
];

describe('province coverage for the tile map', () => {
  it('colours provinces exclusive or shared by the party’s authorisations, the rest none', () => {
    const map = {
      territories,
      authorisations: [
        auth({ territoryCode: 'south', exclusive: true }),
        auth({ territoryCode: 'sz', party: { partnerId: Q, teamId: null, teamName: null } }),
      ],
    };
    const mine = provinceCoverage(map, { partnerId: P }, '2026-06-01');
    expect(mine.get('440000')).toMatchObject({ status: 'exclusive', partial: false });
    expect(mine.get('450000')?.status).toBe('exclusive');
    expect(mine.get('110000')?.status).toBe('none');
    const theirs = provinceCoverage(map, { partnerId: Q }, '2026-06-01');
    expect(theirs.get('440000')).toMatchObject({ status: 'shared', partial: true });
    expect(theirs.get('450000')?.status).toBe('none');
  });

  it('leaves out authorisations not in force on the date', () => {
    const map = {
      territories,
      authorisations: [auth({ territoryCode: 'south', validFrom: '2026-07-01' })],
    };
    expect(provinceCoverage(map, { partnerId: P }, '2026-06-01').get('440000')?.status).toBe('none');
    expect(provinceCoverage(map, { partnerId: P }, '2026-07-01').get('440000')?.status).toBe('shared');
  });

  it('takes a province away for a whole exclude, marks it partial for a narrower one', () => {
    const map = {
      territories: [...territories, territory('gx', ['450000'])],
      authorisations: [
        auth({ territoryCode: 'china' }),
        auth({ territoryCode: 'gx', effect: 'exclude' }),
        auth({ territoryCode: 'sz', effect: 'exclude' }),
      ],
    };
    const coverage = provinceCoverage(map, { partnerId: P }, '2026-06-01');
    expect(coverage.get('450000')?.status).toBe('none');
    expect(coverage.get('440000')).toMatchObject({ status: 'shared', partial: true });
    expect(coverage.get('650000')).toMatchObject({ status: 'shared', partial: false });
  });

  it('treats industry- or line-limited authorisations as partial and ignores other countries', () => {
    const map = {
      territories,
      authorisations: [
        auth({ territoryCode: 'south', industryCodes: ['C'] }),
        auth({ territoryCode: 'abroad', exclusive: true }),
      ],
    };
    const coverage = provinceCoverage(map, { partnerId: P }, '2026-06-01');
    expect(coverage.get('440000')).toMatchObject({ status: 'shared', partial: true });
    expect([...coverage.values()].filter((c) => c.status === 'exclusive')).toHaveLength(0);
  });

  it('reads a direct team’s authorisations when a team is chosen', () => {
    const team = '00000000-0000-4000-8000-0000000000aa';
    const map = {
      territories,
      authorisations: [
        auth({ territoryCode: 'sz', party: { partnerId: null, teamId: team, teamName: '华南直销' } }),
      ],
    };
    expect(provinceCoverage(map, { teamId: team }, '2026-06-01').get('440000')?.status).toBe('shared');
    expect(provinceCoverage(map, { partnerId: P }, '2026-06-01').get('440000')?.status).toBe('none');
  });
});
