import { toPinyin } from './pinyin.js';

import { REGION_TREE } from '../regions/index.js';

/**
 * Provinces (and municipalities, autonomous regions, SARs) with their prefecture-level cities, by short name
 * (广东, 深圳, 延边), from GB/T 2260 as the regions module holds it; suffixes such as 省/市/自治州 are
 * recognised by the parser. Two additions the divisions do not give: county-level cities that companies put
 * in their names as if they were prefectures (and that are no common words), and Taiwan's cities, which the
 * dataset leaves out.
 */
const COUNTY_CITIES: Record<string, string[]> = {
  河南: ['济源'],
  湖北: ['仙桃', '潜江', '天门', '神农架'],
  新疆: ['石河子'],
};
const TAIWAN_CITIES = ['台北', '新北', '桃园', '台中', '台南', '高雄', '基隆', '新竹', '嘉义'];
const ETHNIC =
  /(?:朝鲜族|土家族|苗族|藏族|羌族|彝族|布依族|侗族|哈尼族|傣族|白族|景颇族|傈僳族|回族|蒙古族|蒙古|哈萨克|柯尔克孜|壮族|维吾尔|黎族)$/;

function shortName(name: string): string {
  let short = name.replace(/(?:特别行政区|自治区|自治州|地区|省|市|盟)$/, '');
  for (
    let next = short.replace(ETHNIC, '');
    next !== short && next.length >= 2;
    next = short.replace(ETHNIC, '')
  )
    short = next;
  return short;
}

const TABLE = REGION_TREE.map((province) => {
  const name = shortName(province.name);
  const prefectures = (province.children ?? [])
    .filter((c) => c.code.endsWith('00') && !c.name.includes('直辖'))
    .map((c) => shortName(c.name));
  const cities = prefectures.length
    ? [...prefectures, ...(COUNTY_CITIES[name] ?? [])]
    : name === '台湾'
      ? TAIWAN_CITIES
      : [name];
  return `${name}: ${cities.join(' ')}`;
}).join('\n');

/** Romanisations used in English names that plain pinyin does not produce. */
const ENGLISH_NAMES: Record<string, string[]> = {
  陕西: ['shaanxi'],
  内蒙古: ['innermongolia'],
  西藏: ['tibet'],
  香港: ['hongkong', 'hk'],
  澳门: ['macau', 'macao'],
  哈尔滨: ['harbin'],
  乌鲁木齐: ['urumqi'],
  呼和浩特: ['hohhot'],
  拉萨: ['lhasa'],
  昌都: ['changdu'],
  喀什: ['kashi', 'kashgar'],
  台北: ['taipei'],
  高雄: ['kaohsiung'],
  台中: ['taichung'],
  基隆: ['keelung'],
  新竹: ['hsinchu'],
};

/** City names that are common words at the start of trade names (阿里巴巴, 朝阳…): only with a suffix. */
const NEEDS_SUFFIX = new Set(['阿里', '朝阳']);

export interface Region {
  /** Short Chinese name: 北京, 深圳, 广东. */
  name: string;
  /** Province short name; a municipality or SAR is its own province. */
  province: string;
  /** 'city' for prefecture-level cities and municipalities; 'province' otherwise. */
  level: 'province' | 'city';
  /** Lower-case toneless pinyin of the short name, for comparison with English names. */
  pinyin: string;
  provincePinyin: string;
}

const byName = new Map<string, Region>();
const byPinyin = new Map<string, Region>();

function pinyinOf(name: string): string {
  return toPinyin(name).replace(/ü/g, 'u');
}

for (const line of TABLE.split('\n')) {
  const [province, cities] = line.split(':');
  if (!province || !cities) continue;
  const provincePinyin = pinyinOf(province);
  const cityNames = cities.trim().split(' ');
  const municipality = cityNames.length === 1 && cityNames[0] === province;
  // A name that is both a province and a city (吉林, 海南) resolves to the province.
  byName.set(province, {
    name: province,
    province,
    level: municipality ? 'city' : 'province',
    pinyin: provincePinyin,
    provincePinyin,
  });
  for (const city of cityNames) {
    if (byName.has(city)) continue;
    byName.set(city, { name: city, province, level: 'city', pinyin: pinyinOf(city), provincePinyin });
  }
}
for (const region of byName.values()) {
  // First listed wins a pinyin collision (泰州/台州 both "taizhou"); English names cannot tell them apart.
  if (!byPinyin.has(region.pinyin)) byPinyin.set(region.pinyin, region);
  for (const alias of ENGLISH_NAMES[region.name] ?? []) byPinyin.set(alias, region);
}

const LONGEST_NAME = Math.max(...[...byName.keys()].map((n) => n.length));
const SUFFIX = /^(?:省|市|特别行政区|地区|盟|[\u4e00-\u9fff]{0,8}?自治(?:区|州))/;
const DISTRICT = /^[\u4e00-\u9fff]{1,3}?(?:新区|区|县)/;
// Words ending in 区 that are not districts: 社区通, 园区宝…
const NOT_DISTRICT = /^(?:社|园|小|景|片|营|校|专|展|街|山|市|矿|保税)区/;

export function regionByName(name: string): Region | undefined {
  return byName.get(name);
}

/** An English (pinyin) region word such as "beijing", "shenzhen", "hongkong". */
export function regionByPinyin(word: string): Region | undefined {
  return byPinyin.get(word);
}

const englishNames = new Set(Object.values(ENGLISH_NAMES).flat());

/** Whether `word` is a conventional English region name (hongkong, innermongolia) rather than pinyin. */
export function isEnglishRegionName(word: string): boolean {
  return englishNames.has(word);
}

export interface RegionMatch {
  region: Region;
  /** Characters consumed, suffix included. */
  length: number;
}

/** A region name (with an optional 省/市/自治州… suffix) at the start of `text`, longest first. */
export function matchRegionPrefix(text: string): RegionMatch | null {
  for (let len = Math.min(LONGEST_NAME, text.length); len >= 2; len--) {
    const region = byName.get(text.slice(0, len));
    if (!region) continue;
    const suffix = SUFFIX.exec(text.slice(len, len + 10))?.[0] ?? '';
    if (!suffix && NEEDS_SUFFIX.has(region.name)) continue;
    return { region, length: len + suffix.length };
  }
  return null;
}

/** Length of a district word (海淀区, 浦东新区, 南山区) at the start of `text`, or 0. */
export function matchDistrictPrefix(text: string): number {
  const match = DISTRICT.exec(text);
  if (!match || NOT_DISTRICT.test(text)) return 0;
  return match[0].length;
}

/** Whether two regions can describe the same place: equal, or a province and one of its cities. */
export function regionsCompatible(a: Region, b: Region): boolean {
  if (a.province !== b.province) return false;
  return a.name === b.name || a.level === 'province' || b.level === 'province';
}
