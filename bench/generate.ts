/**
 * Seeded generator of customer lists with known duplicates, for the matching benchmark.
 *
 * Companies are built from real trade names (../shared/data/company-short-names.txt), so names collide
 * across companies as often as in real lists. Each company appears one or more times, each time written
 * the way people write it (traditional characters, Taiwan and Hong Kong industry words, full-width, region
 * in brackets, typos of five kinds in the legal form, English pinyin names, short names, a brand tied by
 * phone beside the full legal name, phones in any format). Hard negatives are built in on purpose: the same
 * trade name in other cities, same-named companies in other industries, branch offices, reseller hotlines
 * and e-mail shared by fifty customers, sister companies sharing their owner's mobile, free-mail addresses,
 * broken USCC check characters.
 */
import { readFileSync } from 'node:fs';
import { CompanyGenerator, makeRandom } from './generate-company.js';

export interface GeneratedRecord {
  id: string;
  /** The company this record really is (ground truth, not given to the matcher). */
  entity: number;
  /** How the name was written (ground truth): canonical, traditional, english, brand… */
  variant: string;
  /** 0 for the company's first (reference) record, 1… for its duplicates. */
  copy: number;
  /** Why the company exists: base, or a look-alike built on purpose (other-city, other-industry, branch). */
  relation: string;
  name: string;
  phone: string;
  email: string;
  website: string;
  uscc: string;
  address: string;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  namesPath?: string;
}

/** The real trade names, relative to this repository (shared by the sessions working on Fairshare). */
const DEFAULT_NAMES = new URL('../../shared/data/company-short-names.txt', import.meta.url);
export function loadTradeNames(path: string | URL = DEFAULT_NAMES): string[] {
  const names = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const name = line.trim();
    // The file is noisy: keep lines that look like a 2–6 character Chinese trade name.
    if (/^[\u4e00-\u9fff]{2,6}$/.test(name)) names.add(name);
  }
  return [...names];
}

/** `count` records (ids R0000001…), copies of one company shuffled apart as in a real list. */
export function generateRecords(options: GenerateOptions): GeneratedRecord[] {
  const generator = new CompanyGenerator(options.seed ?? 1, loadTradeNames(options.namesPath));
  const records: Omit<GeneratedRecord, 'id'>[] = [];
  for (const entity of generator.entities()) {
    for (const record of generator.records(entity, generator.copies())) {
      if (records.length >= options.count) break;
      records.push(record);
    }
    if (records.length >= options.count) break;
  }
  const random = makeRandom((options.seed ?? 1) ^ 0x5bd1e995);
  for (let i = records.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [records[i], records[j]] = [
      records[j] as Omit<GeneratedRecord, 'id'>,
      records[i] as Omit<GeneratedRecord, 'id'>,
    ];
  }
  const width = String(records.length).length;
  return records.map((r, i) => ({ id: `R${String(i + 1).padStart(width, '0')}`, ...r }));
}
