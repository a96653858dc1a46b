import type { TerritoryAuthorisation, TerritoryMap } from '../../api/types.js';
import { PROVINCE_TILES, provinceOf } from './provinceGrid.js';

/**
 * What a territory map grants one party per province, for the tile map. Pure. A province is `exclusive`
 * when an exclusive authorisation of the party reaches into it on the date, `shared` when only shared ones
 * do, `none` otherwise; `partial` says the authorisations name only cities or districts of it, or only
 * some industries or product lines. An exclude of the whole province for every industry and line takes it
 * away; narrower excludes only make it partial. `CN` reaches every province; other countries none.
 */
export type ProvinceStatus = 'exclusive' | 'shared' | 'none';

export interface ProvinceCoverage {
  status: ProvinceStatus;
  partial: boolean;
  /** The authorisations (include and exclude) that reach into the province. */
  authorisationIds: string[];
}

export interface CoverageParty {
  partnerId?: string | null | undefined;
  teamId?: string | null | undefined;
}

const activeOn = (a: TerritoryAuthorisation, date: string) =>
  a.validFrom <= date && (a.validUntil === null || a.validUntil >= date);

const isParty = (a: TerritoryAuthorisation, party: CoverageParty) =>
  party.partnerId ? a.party.partnerId === party.partnerId : !!party.teamId && a.party.teamId === party.teamId;

/** The provinces an area reaches: itself or its province for a GB/T 2260 code, all of them for CN. */
function provincesOf(area: string): { code: string; whole: boolean }[] {
  if (area === 'CN') return PROVINCE_TILES.map((p) => ({ code: p.code, whole: true }));
  const tile = provinceOf(area);
  return tile ? [{ code: tile.code, whole: tile.code === area }] : [];
}

export function provinceCoverage(
  map: Pick<TerritoryMap, 'territories' | 'authorisations'>,
  party: CoverageParty,
  date: string,
): Map<string, ProvinceCoverage> {
  const covers = new Map(map.territories.map((t) => [t.code, t.covers]));
  const result = new Map<string, ProvinceCoverage>(
    PROVINCE_TILES.map((p) => [p.code, { status: 'none', partial: false, authorisationIds: [] }]),
  );
  const granted = new Map<string, { exclusive: boolean; whole: boolean }>();
  const removed = new Set<string>();
  const narrowed = new Set<string>();
  for (const a of map.authorisations) {
    if (!isParty(a, party) || !activeOn(a, date)) continue;
    const everything = a.industryCodes.length === 0 && a.productLineCodes.length === 0;
    for (const area of covers.get(a.territoryCode) ?? [])
      for (const { code, whole } of provincesOf(area)) {
        const entry = result.get(code)!;
        if (!entry.authorisationIds.includes(a.id)) entry.authorisationIds.push(a.id);
        if (a.effect === 'exclude') {
          if (whole && everything) removed.add(code);
          else narrowed.add(code);
          continue;
        }
        const before = granted.get(code);
        granted.set(code, {
          exclusive: (before?.exclusive ?? false) || a.exclusive,
          whole: (before?.whole ?? false) || (whole && everything),
        });
      }
  }
  for (const [code, g] of granted) {
    if (removed.has(code)) continue;
    const entry = result.get(code)!;
    entry.status = g.exclusive ? 'exclusive' : 'shared';
    entry.partial = !g.whole || narrowed.has(code);
  }
  return result;
}
