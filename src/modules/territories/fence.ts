import { findIndustry, isSection } from '../industries/index.js';
import { regionPrefix } from '../regions/index.js';

/**
 * The electronic fence (电子围栏), pure: whether a party's authorisations cover a region × industry × product
 * line on a date, which exclusive authorisations collide, and how two territory models differ. Areas are
 * GB/T 2260 codes (province XX0000 holds its cities XXYY00 and districts XXYYZZ, a city its districts — a
 * municipality's districts sit directly under it, which the same prefix rule covers) and ISO 3166 alpha-2
 * country codes (CN holds every GB/T 2260 code). Industries are GB/T 4754 sections (a letter holds its
 * divisions) or divisions. An empty industry or product-line list means every one. Excludes beat includes.
 */

export type Party = { partnerId: string; teamId?: undefined } | { teamId: string; partnerId?: undefined };

export interface Grant {
  id: string;
  party: Party;
  territoryCode: string;
  /** The territory's areas and those of every territory below it. */
  regions: readonly string[];
  industries: readonly string[];
  productLines: readonly string[];
  exclusive: boolean;
  effect: 'include' | 'exclude';
  validFrom: string;
  validUntil: string | null;
}

export interface FenceQuery {
  regionCode: string;
  /** null: the customer's industry is not known, so only an authorisation for every industry covers it. */
  industryCode: string | null;
  /** null: any product line will do (is this customer inside the party's territory at all?). */
  productLineCode: string | null;
  date: string;
}

/** What a party is authorised for, as data: the web and the partner render the codes. */
export interface AuthorisedScope {
  authorisationId: string;
  territoryCode: string;
  effect: 'include' | 'exclude';
  exclusive: boolean;
  regions: string[];
  industries: string[];
  productLines: string[];
  validFrom: string;
  validUntil: string | null;
}

export type FenceVerdict =
  | { allowed: true; via: { kind: 'authorisation' | 'exception'; id: string } }
  | {
      allowed: false;
      code: 'OUTSIDE_TERRITORY';
      reason: 'excluded' | 'not_included';
      excludedBy: string | null;
      authorised: AuthorisedScope[];
    };

const GBT = /^\d{6}$/;
const ISO = /^[A-Z]{2}$/;

export const isRegionCode = (code: string) => GBT.test(code);
export const isCountryCode = (code: string) => ISO.test(code);

/** Whether area `outer` holds area `inner` (every area holds itself). */
export function regionContains(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (GBT.test(outer) && GBT.test(inner)) return inner.startsWith(regionPrefix(outer));
  return outer === 'CN' && GBT.test(inner);
}

export function industryContains(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  return isSection(outer) && findIndustry(inner)?.section === outer;
}

const industriesOverlap = (a: string, b: string) => industryContains(a, b) || industryContains(b, a);

/** The smaller of two overlapping areas (containment is a tree: one holds the other), or null. */
function sharedArea(a: string, b: string): string | null {
  if (regionContains(a, b)) return b;
  if (regionContains(b, a)) return a;
  return null;
}

function sharedIndustry(a: readonly string[], b: readonly string[]): string[] | 'all' | null {
  if (a.length === 0 && b.length === 0) return 'all';
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: string[] = [];
  for (const x of a) for (const y of b) if (industriesOverlap(x, y)) out.push(industryContains(x, y) ? y : x);
  return out.length ? out : null;
}

function sharedLines(a: readonly string[], b: readonly string[]): string[] | 'all' | null {
  if (a.length === 0 && b.length === 0) return 'all';
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out = a.filter((x) => b.includes(x));
  return out.length ? out : null;
}

export const activeOn = (g: Pick<Grant, 'validFrom' | 'validUntil'>, date: string) =>
  g.validFrom <= date && (g.validUntil === null || date <= g.validUntil);

export const datesOverlap = (
  a: Pick<Grant, 'validFrom' | 'validUntil'>,
  b: Pick<Grant, 'validFrom' | 'validUntil'>,
) =>
  (b.validUntil === null || a.validFrom <= b.validUntil) &&
  (a.validUntil === null || b.validFrom <= a.validUntil);

export const sameParty = (a: Party, b: Party) =>
  a.partnerId !== undefined ? a.partnerId === b.partnerId : a.teamId === b.teamId;

const coversIndustry = (g: Grant, code: string | null) =>
  g.industries.length === 0 || (code !== null && g.industries.some((i) => industryContains(i, code)));

const coversRegion = (g: Grant, code: string) => g.regions.some((r) => regionContains(r, code));

/** Whether an exclude takes away everything an include grants for the query's line (or for any line). */
function excludeCoversLines(exclude: Grant, include: Grant | null, line: string | null): boolean {
  if (exclude.productLines.length === 0) return true;
  if (line !== null) return exclude.productLines.includes(line);
  // Any line: the include survives unless the exclude takes all of its lines.
  return (
    !!include &&
    include.productLines.length > 0 &&
    include.productLines.every((l) => exclude.productLines.includes(l))
  );
}

export function scopeOf(g: Grant): AuthorisedScope {
  return {
    authorisationId: g.id,
    territoryCode: g.territoryCode,
    effect: g.effect,
    exclusive: g.exclusive,
    regions: [...g.regions],
    industries: [...g.industries],
    productLines: [...g.productLines],
    validFrom: g.validFrom,
    validUntil: g.validUntil,
  };
}

/**
 * The fence for one party's authorisations (others' are ignored). Allowed when an include covers the query
 * and no exclude of the party takes it away; refused with what the party is authorised for on that date.
 */
export function decideFence(grants: readonly Grant[], query: FenceQuery): FenceVerdict {
  const live = grants.filter((g) => activeOn(g, query.date));
  const covering = live.filter(
    (g) => coversRegion(g, query.regionCode) && coversIndustry(g, query.industryCode),
  );
  const excludes = covering.filter((g) => g.effect === 'exclude');
  const includes = covering.filter(
    (g) =>
      g.effect === 'include' &&
      (query.productLineCode === null ||
        g.productLines.length === 0 ||
        g.productLines.includes(query.productLineCode)),
  );
  let excludedBy: string | null = null;
  for (const include of includes) {
    const exclude = excludes.find((e) => excludeCoversLines(e, include, query.productLineCode));
    if (!exclude) return { allowed: true, via: { kind: 'authorisation', id: include.id } };
    excludedBy ??= exclude.id;
  }
  if (!excludedBy && query.productLineCode !== null)
    excludedBy = excludes.find((e) => excludeCoversLines(e, null, query.productLineCode))?.id ?? null;
  return {
    allowed: false,
    code: 'OUTSIDE_TERRITORY',
    reason: excludedBy ? 'excluded' : 'not_included',
    excludedBy,
    authorised: live.map(scopeOf),
  };
}

export interface ExclusiveConflict {
  authorisationId: string;
  party: Party;
  territoryCode: string;
  regionCode: string;
  industries: string[] | 'all';
  productLines: string[] | 'all';
  validFrom: string;
  validUntil: string | null;
}

/**
 * Another party's includes that overlap `candidate` in region × industry × product line × dates where
 * either side is exclusive. A shared cell one of the two parties excludes for itself is no collision.
 */
export function exclusiveConflicts(candidate: Grant, grants: readonly Grant[]): ExclusiveConflict[] {
  if (candidate.effect !== 'include') return [];
  const conflicts: ExclusiveConflict[] = [];
  for (const other of grants) {
    if (other.id === candidate.id || other.effect !== 'include' || sameParty(other.party, candidate.party))
      continue;
    if (!candidate.exclusive && !other.exclusive) continue;
    if (!datesOverlap(candidate, other)) continue;
    const industries = sharedIndustry(candidate.industries, other.industries);
    const productLines = sharedLines(candidate.productLines, other.productLines);
    if (!industries || !productLines) continue;
    const validFrom = later(candidate.validFrom, other.validFrom);
    const validUntil = earlier(candidate.validUntil, other.validUntil);
    // An exclude of either party over the whole shared cell and span leaves nothing to collide over.
    const carvedOut = (area: string) =>
      grants.some(
        (e) =>
          e.effect === 'exclude' &&
          (sameParty(e.party, candidate.party) || sameParty(e.party, other.party)) &&
          e.validFrom <= validFrom &&
          (e.validUntil === null || (validUntil !== null && e.validUntil >= validUntil)) &&
          e.regions.some((r) => regionContains(r, area)) &&
          (e.industries.length === 0 ||
            (industries !== 'all' &&
              industries.every((i) => e.industries.some((x) => industryContains(x, i))))) &&
          (e.productLines.length === 0 ||
            (productLines !== 'all' && productLines.every((l) => e.productLines.includes(l)))),
      );
    for (const a of candidate.regions)
      for (const b of other.regions) {
        const area = sharedArea(a, b);
        if (!area || carvedOut(area)) continue;
        conflicts.push({
          authorisationId: other.id,
          party: other.party,
          territoryCode: other.territoryCode,
          regionCode: area,
          industries,
          productLines,
          validFrom,
          validUntil,
        });
      }
  }
  return conflicts;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a < b ? a : b);

/** One cell of the map: what an authorisation grants (or takes away) at the granularity it names. */
export interface Cell {
  effect: 'include' | 'exclude';
  regionCode: string;
  industryCode: string | null;
  productLineCode: string | null;
}

export const partyKey = (p: Party) =>
  p.partnerId !== undefined ? `partner:${p.partnerId}` : `team:${p.teamId}`;

function cellsOf(grants: readonly Grant[], date: string): Map<string, Map<string, Cell>> {
  const byParty = new Map<string, Map<string, Cell>>();
  for (const g of grants) {
    if (!activeOn(g, date)) continue;
    const key = partyKey(g.party);
    const cells = byParty.get(key) ?? new Map<string, Cell>();
    byParty.set(key, cells);
    for (const regionCode of g.regions)
      for (const industryCode of g.industries.length ? g.industries : [null])
        for (const productLineCode of g.productLines.length ? g.productLines : [null]) {
          const cell = { effect: g.effect, regionCode, industryCode, productLineCode };
          cells.set(`${g.effect}|${regionCode}|${industryCode ?? '*'}|${productLineCode ?? '*'}`, cell);
        }
  }
  return byParty;
}

export interface PartyChange {
  party: Party;
  gained: Cell[];
  lost: Cell[];
}

/**
 * Which parties gain and lose which cells on `date` when `draft` replaces `active`. Gaining an exclude
 * is a loss and losing one a gain, so each side lists what it means for the party.
 */
export function compareModels(
  active: readonly Grant[],
  draft: readonly Grant[],
  date: string,
): PartyChange[] {
  const before = cellsOf(active, date);
  const after = cellsOf(draft, date);
  const parties = new Map<string, Party>();
  for (const g of [...active, ...draft]) parties.set(partyKey(g.party), g.party);
  const changes: PartyChange[] = [];
  for (const [key, party] of [...parties].sort(([a], [b]) => a.localeCompare(b))) {
    const was = before.get(key) ?? new Map<string, Cell>();
    const now = after.get(key) ?? new Map<string, Cell>();
    const added = [...now].filter(([k]) => !was.has(k)).map(([, c]) => c);
    const removed = [...was].filter(([k]) => !now.has(k)).map(([, c]) => c);
    const gained = [
      ...added.filter((c) => c.effect === 'include'),
      ...removed.filter((c) => c.effect === 'exclude'),
    ];
    const lost = [
      ...removed.filter((c) => c.effect === 'include'),
      ...added.filter((c) => c.effect === 'exclude'),
    ];
    if (gained.length || lost.length) changes.push({ party, gained, lost });
  }
  return changes;
}

/** A territory tree flattened: each territory's areas with those of every territory below it. */
export function areasBelow(
  territories: readonly { code: string; parentCode: string | null; areas: readonly string[] }[],
): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const t of territories)
    if (t.parentCode) children.set(t.parentCode, [...(children.get(t.parentCode) ?? []), t.code]);
  const own = new Map(territories.map((t) => [t.code, t.areas]));
  const out = new Map<string, string[]>();
  const collect = (code: string, seen: Set<string>): string[] => {
    if (seen.has(code)) return [];
    seen.add(code);
    return [...(own.get(code) ?? []), ...(children.get(code) ?? []).flatMap((c) => collect(c, seen))];
  };
  for (const t of territories) out.set(t.code, [...new Set(collect(t.code, new Set()))]);
  return out;
}
