/** One company and the ways its records get written: the heart of the generator (see generate.ts). */
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { pinyin } from 'pinyin-pro';
import { CITIES, INDUSTRIES, type City, type Industry } from './generate-data.js';
import type { GeneratedRecord } from './generate.js';
import {
  fullWidth,
  LEGAL_TYPO_KINDS,
  legalFormTypo,
  regionalIndustry,
  toHongKongScript,
  toTaiwanScript,
} from './generate-variants.js';
import { usccCheckChar } from '../src/modules/matching/uscc.js';
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FREE_MAIL = [
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'gmail.com',
  'outlook.com',
  'foxmail.com',
  'aliyun.com',
];
const SURNAMES = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun'];
const GIVEN = [
  'wei',
  'fang',
  'na',
  'min',
  'jing',
  'lei',
  'qiang',
  'jun',
  'yang',
  'yong',
  'yan',
  'jie',
  'tao',
];

/** mulberry32: small, fast, deterministic. */
export function makeRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  return { next, int, pick, chance, digits };
}
export type Random = ReturnType<typeof makeRandom>;

interface Entity {
  id: number;
  trade: string;
  city: City;
  industry: Industry;
  legal: number;
  uscc: string;
  mobile: string;
  landline: string | null;
  domain: string | null;
  mailbox: string;
  /** Another trade name the company is known by (a brand), tied only by phone, domain or USCC. */
  brand: string;
  hotline: string | null;
  resellerEmail: string | null;
  branchOf: Entity | null;
  branchCity: City | null;
  relation: string;
}

const MOBILE_PREFIXES =
  '30 31 32 33 34 35 36 37 38 39 47 50 51 52 53 55 56 57 58 59 66 76 77 78 80 81 82 83 84 85 86 87 88 89 91 93 95 96 97 98 99'.split(
    ' ',
  );
const LEGAL_ZH = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '合伙企业（有限合伙）'];
const LEGAL_WEIGHTS = [0.66, 0.12, 0.1, 0.08, 0.04];
const LEGAL_EN = ['Co., Ltd.', 'Co.,Ltd', 'Company Limited', 'Co Ltd', 'Limited', 'Group Co., Ltd.', 'LP'];

function weighted(random: Random, weights: readonly number[]): number {
  let x = random.next() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.findLastIndex((w) => w > 0);
}

function syllables(text: string, perCharacter: boolean): string[] {
  if (perCharacter) return [...text].map((ch) => pinyin(ch, { toneType: 'none' }).replace(/ü/g, 'u'));
  return pinyin(text, { toneType: 'none', type: 'array' }).map((s) => s.replace(/ü/g, 'u'));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class CompanyGenerator {
  private readonly random: Random;
  private readonly names: string[];
  /** Brand names: a quarter of the list, never a company's trade name, so a brand is its own name. */
  private readonly brands: string[];
  private readonly used = new Set<string>();
  private readonly domains = new Set<string>();
  private nextEntity = 0;
  private hotline: { phone: string; email: string; left: number } | null = null;

  constructor(seed: number, names: string[]) {
    this.random = makeRandom(seed);
    this.names = names.filter((_, i) => i % 4 !== 3);
    this.brands = names.filter((_, i) => i % 4 === 3);
  }

  private city(): City {
    const r = this.random;
    // Customer lists lean on the big cities.
    return r.chance(0.55) ? r.pick(CITIES.slice(0, 10)) : r.pick(CITIES);
  }

  private uscc(city: City): string {
    const r = this.random;
    let body = `91${city.division}`;
    for (let i = 0; i < 9; i++) body += USCC_ALPHABET[r.int(i < 2 ? 10 : 31)];
    return body + (usccCheckChar(body) ?? '0');
  }

  private domainFor(trade: string): string | null {
    const r = this.random;
    if (!r.chance(0.6)) return null;
    const base = syllables(trade, false).join('');
    for (const candidate of [
      base,
      `${base}${r.pick(['tech', 'keji', 'group', 'china'])}`,
      `${base}${r.digits(3)}`,
    ]) {
      const domain = `${candidate}${r.pick(['.com', '.com.cn', '.cn', '.net'])}`;
      if (!this.domains.has(domain)) {
        this.domains.add(domain);
        return domain;
      }
    }
    return null;
  }

  /** A new company; trade, city and industry together are unique, as the company registry requires. */
  entity(base?: {
    trade?: string;
    industry?: Industry;
    city?: City;
    branchOf?: Entity;
    /** Another company's mobile: one owner (or one bookkeeper) behind two companies. */
    mobile?: string;
    relation?: string;
  }): Entity {
    const r = this.random;
    let trade = base?.trade ?? r.pick(this.names);
    // A branch carries its parent's name (and so its parent's city) plus its own city.
    let city = base?.branchOf?.city ?? base?.city ?? this.city();
    let industry = base?.industry ?? r.pick(INDUSTRIES);
    for (let tries = 0; !base?.branchOf && this.used.has(`${trade}|${city.zh}|${industry.zh}`); tries++) {
      if (tries > 20) trade = r.pick(this.names);
      if (!base?.city && !base?.branchOf) city = this.city();
      if (!base?.industry || tries > 5) industry = r.pick(INDUSTRIES);
    }
    if (!base?.branchOf) this.used.add(`${trade}|${city.zh}|${industry.zh}`);
    let hotline: string | null = null;
    let resellerEmail: string | null = null;
    if (r.chance(0.03)) {
      // Customers of one reseller: its hotline and sales mailbox typed into fifty accounts.
      if (!this.hotline || this.hotline.left === 0) {
        this.hotline = {
          phone: `400${r.digits(7)}`,
          email: `sales${r.digits(2)}@${this.domainFor(r.pick(this.names)) ?? 'reseller.cn'}`,
          left: 50,
        };
      }
      this.hotline.left--;
      hotline = this.hotline.phone;
      resellerEmail = this.hotline.email;
    }
    const domain = this.domainFor(trade);
    return {
      id: this.nextEntity++,
      trade,
      city,
      industry,
      legal: weighted(r, LEGAL_WEIGHTS),
      uscc: this.uscc(city),
      mobile: base?.mobile ?? this.validNumber(() => `1${r.pick(MOBILE_PREFIXES)}${r.digits(8)}`),
      landline:
        city.areaCode && r.chance(0.6)
          ? this.validNumber(() => `${city.areaCode}${r.int(8) + 2}${r.digits(r.chance(0.8) ? 7 : 6)}`)
          : null,
      domain: base?.branchOf?.domain ?? domain,
      mailbox: `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.chance(0.5) ? r.digits(r.int(4) + 1) : ''}@${r.pick(FREE_MAIL)}`,
      brand: r.pick(this.brands),
      hotline,
      resellerEmail,
      branchOf: base?.branchOf ?? null,
      branchCity: base?.branchOf ? (base.city ?? null) : null,
      relation: base?.relation ?? 'base',
    };
  }

  /** The companies of a list: most unique, some with look-alike companies built on purpose. */
  *entities(): Generator<Entity> {
    const r = this.random;
    for (;;) {
      const e = this.entity();
      yield e;
      if (r.chance(0.08)) yield this.entity({ trade: e.trade, industry: e.industry, relation: 'other-city' });
      if (r.chance(0.04)) yield this.entity({ trade: e.trade, city: e.city, relation: 'other-industry' });
      if (r.chance(0.03)) {
        let city = this.city();
        while (city === e.city) city = this.city();
        yield this.entity({ trade: e.trade, industry: e.industry, city, branchOf: e, relation: 'branch' });
      }
      if (r.chance(0.03)) yield this.entity({ city: e.city, mobile: e.mobile, relation: 'sister' });
    }
  }

  /** How many records one company gets. */
  copies(): number {
    return [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 5][this.random.int(20)] ?? 1;
  }

  /**
   * The `copies` records of one company. A brand (a bare trade name of its own) is tied by the company's
   * mobile to the first record, written with the full legal name: that is how a brand gets into a list.
   */
  records(e: Entity, copies: number): Omit<GeneratedRecord, 'id'>[] {
    const names = Array.from({ length: copies }, (_, copy) => this.name(e, copy));
    const branded = names.some((n) => n.nameKind === 'brand');
    return names.map((n, copy) => this.record(e, copy, n, branded && copy === 0));
  }

  private record(
    e: Entity,
    copy: number,
    { name, nameKind }: { name: string; nameKind: string },
    carriesMobile: boolean,
  ): Omit<GeneratedRecord, 'id'> {
    const r = this.random;
    const phones: string[] = [];
    if (nameKind === 'brand' || carriesMobile) phones.push(this.formatPhone(e.mobile));
    else if (e.hotline && r.chance(0.7)) phones.push(this.formatPhone(e.hotline));
    else if (r.chance(0.65))
      phones.push(this.formatPhone(r.chance(0.7) || !e.landline ? e.mobile : e.landline));
    const emails: string[] = [];
    if (e.resellerEmail && r.chance(0.4)) emails.push(e.resellerEmail);
    else if (r.chance(0.35))
      emails.push(
        e.domain && r.chance(0.6) ? `${r.pick(['info', 'sales', 'contact', 'hr'])}@${e.domain}` : e.mailbox,
      );
    let uscc = '';
    if (r.chance(0.35)) {
      uscc = e.uscc;
      if (r.chance(0.05)) uscc = this.breakUscc(uscc);
      else if (r.chance(0.2))
        uscc = uscc
          .toLowerCase()
          .replace(/(.{6})/g, '$1 ')
          .trim();
    }
    const website =
      e.domain && r.chance(0.25) ? r.pick(['', 'www.', 'http://www.', 'https://']) + e.domain : '';
    const city = e.branchCity ?? e.city;
    const address = r.chance(0.3)
      ? `${city.province}${city.zh}市${r.pick(['海淀', '朝阳', '南山', '西湖', '高新'])}区${r.pick(this.names)}路${r.int(999) + 1}号`
      : '';
    return {
      entity: e.id,
      variant: nameKind,
      copy,
      relation: e.hotline ? `${e.relation}+hotline` : e.relation,
      name,
      phone: phones.join(' / '),
      email: emails.join(';'),
      website,
      uscc,
      address,
    };
  }

  /** Real customer phones are real numbers: draw until libphonenumber accepts one. */
  private validNumber(draw: () => string): string {
    for (;;) {
      const national = draw();
      if (isValidPhoneNumber(national, 'CN')) return national;
    }
  }

  private breakUscc(code: string): string {
    const r = this.random;
    const at = r.int(17);
    const current = code[at] ?? '0';
    let replacement = current;
    while (replacement === current) replacement = USCC_ALPHABET[r.int(10)] ?? '0';
    return code.slice(0, at) + replacement + code.slice(at + 1);
  }

  private formatPhone(national: string): string {
    const r = this.random;
    if (national.startsWith('400'))
      return r.pick([`${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`, national]);
    if (national.startsWith('1')) {
      const [a, b, c] = [national.slice(0, 3), national.slice(3, 7), national.slice(7)];
      return r.pick([
        `+86 ${a} ${b} ${c}`,
        `${a}-${b}-${c}`,
        national,
        `0086 ${national}`,
        `${a} ${b} ${c}`,
        `+86-${national}`,
      ]);
    }
    const area = national.slice(0, /^0[12]/.test(national) ? 3 : 4);
    const local = national.slice(area.length);
    return r.pick([
      `${area}-${local.slice(0, 4)} ${local.slice(4)}`,
      `(${area})${local}`,
      `${area}-${local}转${r.int(900) + 100}`,
      `+86 ${area.slice(1)} ${local}`,
      `${area} ${local}`,
    ]);
  }

  private name(e: Entity, copy: number): { name: string; nameKind: string } {
    const r = this.random;
    const { trade, city, industry } = e;
    const legal = LEGAL_ZH[e.legal] ?? '有限公司';
    const branch = e.branchOf && e.branchCity ? `${e.branchCity.zh}分公司` : '';
    const canonical = `${city.zh}${trade}${industry.zh}${legal}${branch}`;
    if (copy === 0)
      return {
        name: r.chance(0.7) ? canonical : `${city.zh}市${trade}${industry.zh}${legal}${branch}`,
        nameKind: 'canonical',
      };
    // A brand belongs to the company, not to one of its branch offices.
    const brandWeight = e.branchOf ? 0 : 0.05;
    // Regional words only exist for some industries; their companies get them often.
    const regionalWeight = industry.tw || industry.hk ? 0.25 : 0;
    const weights = [0.09, 0.09, 0.1, 0.1, 0.06, 0.14, 0.06, 0.12, 0.07, 0.04, regionalWeight, brandWeight];
    switch (weighted(r, weights)) {
      case 0:
        return { name: canonical, nameKind: 'canonical' };
      case 1:
        return {
          name: `${r.chance(0.5) ? city.province : ''}${city.zh}市${trade}${industry.zh}${legal}${branch}`,
          nameKind: 'suffix',
        };
      case 2:
        return { name: `${trade}（${city.zh}）${industry.zh}${legal}${branch}`, nameKind: 'bracket' };
      case 3:
        return {
          name: (r.chance(0.5) ? toTaiwanScript : toHongKongScript)(canonical),
          nameKind: 'traditional',
        };
      case 4:
        return { name: fullWidth(r, canonical), nameKind: 'fullwidth' };
      case 5:
        return this.legalTypo(e, legal, branch);
      case 6:
        return { name: `${city.zh}${trade}${industry.zh}${branch}`, nameKind: 'no-legal-form' };
      case 7:
        return { name: this.english(e), nameKind: 'english' };
      case 8:
        return {
          name: r.chance(0.5) ? `${trade}${industry.zh}${branch}` : trade + (branch ? branch : ''),
          nameKind: 'short',
        };
      case 9:
        return { name: `【${city.zh}】${trade}${industry.zh}${legal}${branch}`, nameKind: 'bracket' };
      case 10:
        return this.regional(e, legal, branch, canonical);
      default:
        return { name: e.brand, nameKind: 'brand' };
    }
  }

  /** The full name with a typo inside its legal form, of one of several kinds. */
  private legalTypo(e: Entity, legal: string, branch: string): { name: string; nameKind: string } {
    const r = this.random;
    // A bracketed qualifier (（有限合伙）) is copied, not mistyped.
    const at = legal.indexOf('（');
    const [form, qualifier] = at < 0 ? [legal, ''] : [legal.slice(0, at), legal.slice(at)];
    for (;;) {
      const kind = r.pick(LEGAL_TYPO_KINDS);
      const typo = legalFormTypo(r, form, kind);
      if (typo === null || typo === form) continue;
      return {
        name: `${e.city.zh}${e.trade}${e.industry.zh}${typo}${qualifier}${branch}`,
        nameKind: `legal-typo-${kind}`,
      };
    }
  }

  /**
   * The name as a Taiwan or Hong Kong writer puts it: traditional script and, for the industries that have
   * them, the regional words (資訊技術 for 信息技术). Without regional words it is only the script.
   */
  private regional(
    e: Entity,
    legal: string,
    branch: string,
    canonical: string,
  ): { name: string; nameKind: string } {
    const r = this.random;
    const { tw, hk } = e.industry;
    const where = tw && (!hk || r.chance(0.6)) ? 'tw' : 'hk';
    const script = where === 'tw' ? toTaiwanScript : toHongKongScript;
    const words = regionalIndustry(r, e.industry, where);
    if (!words) return { name: script(canonical), nameKind: 'traditional' };
    return {
      name: `${script(`${e.city.zh}${e.trade}`)}${words}${script(`${legal}${branch}`)}`,
      nameKind: `regional-${where}`,
    };
  }

  private english(e: Entity): string {
    const r = this.random;
    const words = syllables(e.trade, r.chance(0.1));
    const grouped = r.chance(0.5)
      ? words.map(capital).join(' ')
      : words
          .reduce<string[]>(
            (out, s, i) =>
              i % 2 === 0 ? [...out, capital(s)] : [...out.slice(0, -1), `${out[out.length - 1] ?? ''}${s}`],
            [],
          )
          .join(' ');
    const legal = r.pick(LEGAL_EN);
    const branch = e.branchCity ? ` ${e.branchCity.en} Branch` : '';
    return r.chance(0.7)
      ? `${e.city.en} ${grouped} ${e.industry.en} ${legal}${branch}`
      : `${grouped} (${e.city.en}) ${e.industry.en} ${legal}${branch}`;
  }
}
