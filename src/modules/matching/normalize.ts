import { isGenericTrade, parseCompanyName } from './company-name.js';
import { isFreeMailDomain, normalizeEmail, websiteDomain } from './domain.js';
import type { PhoneProblem } from './phone.js';
import { normalizePhones } from './phone.js';
import { toPinyin } from './pinyin.js';
import type { Region } from './regions.js';
import { matchRegionPrefix } from './regions.js';
import { normalizeText } from './text.js';
import type { UsccProblem } from './uscc.js';
import { normalizeUscc, usccProvince } from './uscc.js';

export type { Region } from './regions.js';

type Values = string | readonly string[] | null | undefined;

/** One customer record as typed by a person or imported from a sheet. */
export interface RecordInput {
  name: string;
  phone?: Values;
  email?: Values;
  website?: Values;
  uscc?: string | null;
  address?: string | null;
  /** Who should hold the customer (a user's login); matching does not read it, an import may honour it. */
  owner?: string;
}

export type FeatureProblem =
  | { field: 'uscc'; value: string; problem: UsccProblem }
  | { field: 'phone'; value: string; problem: PhoneProblem }
  | { field: 'email' | 'website'; value: string; problem: 'invalid' }
  | { field: 'name'; value: string; problem: 'empty' };

/** What matching knows about a record; computed once, compared many times. */
export interface Features {
  /** Trade name + industry words: the name without region and legal form (字节跳动科技). */
  nameKey: string;
  tradeName: string;
  tradePinyin: string;
  /** Pinyin of trade name + industry: the same for 润达国际|广告 and "Run Da Guo Ji" Advertising. */
  corePinyin: string;
  script: 'zh' | 'en';
  region: Region | null;
  /** 'name' when the region is part of the company name, 'address' when only the address gave it. */
  regionSource: 'name' | 'address' | null;
  industry: string;
  legalForm: string | null;
  isBranch: boolean;
  branchName: string | null;
  /** E.164 numbers. */
  phones: readonly string[];
  /** Full e-mail addresses (free-mail included: the same mailbox is the same person). */
  emails: readonly string[];
  /** Registrable company domains from e-mail and website; free-mail domains are never here. */
  domains: readonly string[];
  /** A USCC that passed its check character; anything else is null and reported in usccProblem. */
  uscc: string | null;
  usccProblem: { code: string; problem: UsccProblem } | null;
  /** Province of registration read from a valid USCC (its division code). */
  usccProvince: string | null;
  /** The trade name is only an industry or generic word (上海医药 → 医药): weak name evidence. */
  genericName: boolean;
  problems: readonly FeatureProblem[];
}

/**
 * Whether a name designates a company on its own: with a legal form, or with both a region and industry
 * words in it (成都酷尔乐投资管理). Two such names that differ are two companies; a bare name (华源, 松下照明)
 * may be a brand or short name of the other.
 */
export function designates(f: Features): boolean {
  return f.legalForm !== null || (f.regionSource === 'name' && f.industry !== '');
}

const NONE: readonly never[] = Object.freeze([]);

function list(values: Values): readonly string[] {
  if (values == null) return NONE;
  const all = typeof values === 'string' ? [values] : values;
  const out: string[] = [];
  for (const value of all) {
    for (const part of value.split(/[,;，；\s]+/)) if (part) out.push(part);
  }
  return out;
}

function addUnique(target: string[], value: string) {
  if (!target.includes(value)) target.push(value);
}

export function regionFromAddress(address: string | null | undefined): Region | null {
  if (!address) return null;
  // Province and city come first in a Chinese address; the rest need not be normalised.
  let text = normalizeText(address.slice(0, 24));
  const first = matchRegionPrefix(text);
  if (!first) return null;
  text = text.slice(first.length);
  const second = first.region.level === 'province' ? matchRegionPrefix(text) : null;
  return second && second.region.province === first.region.province ? second.region : first.region;
}

export function normalizeRecord(input: RecordInput): Features {
  const problems: FeatureProblem[] = [];
  const name = parseCompanyName(input.name ?? '');
  if (!name.tradeName) problems.push({ field: 'name', value: input.name ?? '', problem: 'empty' });

  const { phones, problems: phoneProblems } = normalizePhones(input.phone);
  for (const p of phoneProblems) problems.push({ field: 'phone', value: p.input, problem: p.problem });

  const emails: string[] = [];
  const domains: string[] = [];
  for (const raw of list(input.email)) {
    const email = normalizeEmail(raw);
    if (!email) {
      problems.push({ field: 'email', value: raw, problem: 'invalid' });
      continue;
    }
    addUnique(emails, email.address);
    if (!isFreeMailDomain(email.domain)) addUnique(domains, email.domain);
  }
  for (const raw of list(input.website)) {
    const domain = websiteDomain(raw);
    if (!domain) problems.push({ field: 'website', value: raw, problem: 'invalid' });
    else if (!isFreeMailDomain(domain)) addUnique(domains, domain);
  }

  const uscc = normalizeUscc(input.uscc);
  if (uscc && !uscc.valid && uscc.problem)
    problems.push({ field: 'uscc', value: uscc.code, problem: uscc.problem });

  let region = name.region;
  let regionSource: Features['regionSource'] = region ? 'name' : null;
  // A branch's address is where the branch is, not where the company is registered.
  if (!region && !name.isBranch) {
    region = regionFromAddress(input.address);
    if (region) regionSource = 'address';
  }

  return {
    nameKey: (name.script === 'zh' ? name.tradeName : name.tradePinyin) + name.industry,
    tradeName: name.tradeName,
    tradePinyin: name.tradePinyin,
    corePinyin: name.industry ? name.tradePinyin + toPinyin(name.industry) : name.tradePinyin,
    script: name.script,
    region,
    regionSource,
    industry: name.industry,
    legalForm: name.legalForm,
    isBranch: name.isBranch,
    branchName: name.branchName,
    phones: phones.length ? phones : NONE,
    emails: emails.length ? emails : NONE,
    domains: domains.length ? domains : NONE,
    uscc: uscc?.valid ? uscc.code : null,
    usccProblem: uscc && !uscc.valid && uscc.problem ? { code: uscc.code, problem: uscc.problem } : null,
    usccProvince: uscc?.valid ? usccProvince(uscc.code) : null,
    genericName: isGenericTrade(name.tradeName),
    problems: problems.length ? problems : NONE,
  };
}
