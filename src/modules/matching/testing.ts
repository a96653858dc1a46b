/** Arbitraries and examples shared by the matching tests. */
import fc from 'fast-check';
import { dedupeFeatures } from './dedupe.js';
import type { EvidenceCode, MatchEvidence } from './evidence.js';
import { EVIDENCE_CODES } from './evidence.js';
import { blockingKeys } from './keys.js';
import type { RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';
import { scorePair } from './score.js';
import { usccCheckChar } from './uscc.js';

/** A valid USCC built from a division code and an organisation code, with its check character. */
export function validUscc(division: string, org: string): string {
  const first17 = `91${division}${org}`;
  return first17 + (usccCheckChar(first17) ?? '');
}

const regions = ['', '北京', '北京市', '上海', '上海市', '广东省深圳市', '杭州', '成都市', '南京'];
const trades = ['字节跳动', '华源', '腾讯', '鸿雀', '恒泰电子', '天合', '瑞和', '金羿', '阿基米'];
const industries = ['', '科技', '信息技术', '网络科技', '贸易', '电子商务', '医药', '建设工程'];
const legalForms = ['', '有限公司', '有限公', '有线公司', '股份有限公司', '集团有限公司', '（有限合伙）'];
const branches = ['', '', '', '北京分公司', '上海办事处'];

/** Company records built from realistic pieces, with contacts; enough variety to hit every rule. */
export const companyRecord: fc.Arbitrary<RecordInput> = fc
  .record({
    region: fc.constantFrom(...regions),
    trade: fc.constantFrom(...trades),
    industry: fc.constantFrom(...industries),
    legal: fc.constantFrom(...legalForms),
    branch: fc.constantFrom(...branches),
    phone: fc.constantFrom(
      '',
      '+86 138 1234 5678',
      '010-6212 3456',
      '0755 8888 8888',
      '400-810-8888',
      '62123456',
    ),
    email: fc.constantFrom('', 'info@bytedance.com', 'zhangwei@qq.com', 'sales@huayuan.com.cn', 'broken@'),
    website: fc.constantFrom('', 'www.bytedance.com', 'https://huayuan.com.cn/about'),
    uscc: fc.constantFrom(
      '',
      validUscc('110108', '551385082'),
      validUscc('440300', '192203821'),
      '914403001922038217',
    ),
    address: fc.constantFrom('', '北京市海淀区知春路1号', '上海市浦东新区世纪大道100号'),
    english: fc.boolean(),
  })
  .map((r) => ({
    name: r.english
      ? `Beijing Hua Yuan Technology Co., Ltd.${r.branch ? ' Shanghai Branch' : ''}`
      : `${r.region}${r.trade}${r.industry}${r.legal}${r.branch}`,
    phone: r.phone,
    email: r.email,
    website: r.website,
    uscc: r.uscc,
    address: r.address,
  }));

/** `frequency` as the scorer expects it: how many records of this population carry each key. */
export function populationFrequency(records: readonly RecordInput[]): (key: string) => number {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const key of new Set(blockingKeys(normalizeRecord(record))))
      counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (key) => counts.get(key) ?? 0;
}

type PairExample = { a: RecordInput; b: RecordInput; population?: RecordInput[] };
/** For the codes only bulk de-duplication says: a list, in which some row's explanation says it. */
type ListExample = { list: RecordInput[] };

/**
 * A chain of three records: `middle` is the same company as each end (sharing a phone with each), the
 * two ends contradict each other, so the strongest link is kept and the other is held apart.
 */
const chain = (first: string, middle: string, last: string, extra: Partial<RecordInput>[] = []) => ({
  list: [
    { name: first, phone: '13812345678', ...extra[0] },
    { name: middle, phone: ['13812345678', '13987654321'], ...extra[1] },
    { name: last, phone: '13987654321', ...extra[2] },
  ],
});

/**
 * For every evidence code, two records (and the population, when it matters) that make the scorer say it,
 * or a list that makes bulk de-duplication say it. The matching tests check that each one does; the web
 * tests translate what it says in both languages.
 */
export const EVIDENCE_EXAMPLES: { [C in EvidenceCode]: PairExample | ListExample } = (() => {
  const uscc = validUscc('110108', '551385082');
  const bytedance = '北京字节跳动科技有限公司';
  const huayuan = '北京华源科技有限公司';
  const named = (name: string) => ({ name });
  return {
    'uscc.equal': { a: { name: bytedance, uscc }, b: { name: '抖音', uscc } },
    'uscc.conflict': {
      a: { name: bytedance, uscc },
      b: { name: bytedance, uscc: validUscc('110108', '551385083') },
    },
    'uscc.ignored': { a: { name: bytedance, uscc }, b: { name: bytedance, uscc: '91110108551385082R' } },
    'name.equal': { a: named(bytedance), b: named('字节跳动（北京）科技有限公司') },
    'name.homophone': { a: named('北京益龙科技有限公司'), b: named('北京医龙科技有限公司') },
    'name.similar': { a: named('北京阿基米科技有限公司'), b: named('北京阿基米德科技有限公司') },
    'name.different': { a: named(bytedance), b: named(huayuan) },
    'name.unique': { a: named('华源'), b: named(huayuan), population: [named('华源'), named(huayuan)] },
    'name.claimed': {
      a: { name: '华源', phone: '010-6212 3456' },
      b: { name: '北京鸿雀科技有限公司', phone: '(010)62123456' },
      population: [{ name: '华源', phone: '010-6212 3456' }, named('北京鸿雀科技有限公司'), named(huayuan)],
    },
    'name.unclaimed': {
      a: { name: '抖音', phone: '010-6212 3456' },
      b: { name: bytedance, phone: '(010)62123456' },
    },
    'region.equal': { a: named(huayuan), b: { name: '华源科技有限公司', address: '北京市海淀区知春路1号' } },
    'region.compatible': { a: named('广东华源科技有限公司'), b: named('深圳华源科技有限公司') },
    'region.conflict': { a: named(huayuan), b: named('上海华源科技有限公司') },
    'region.uscc_province_equal': { a: named(huayuan), b: { name: '华源科技有限公司', uscc } },
    'region.uscc_province_conflict': {
      a: named('上海华源科技有限公司'),
      b: { name: '华源科技有限公司', uscc },
    },
    'industry.equal': { a: named(huayuan), b: named('北京华源科技') },
    'industry.compatible': { a: named(huayuan), b: named('北京华源网络科技有限公司') },
    'industry.conflict': { a: named(huayuan), b: named('北京华源贸易有限公司') },
    'legal_form.differs': { a: named(huayuan), b: named('北京华源科技股份有限公司') },
    'phone.shared': {
      a: { name: huayuan, phone: '010-6212 3456' },
      b: { name: '华源', phone: '(010)62123456' },
    },
    'email.shared': {
      a: { name: huayuan, email: 'sales@huayuan.com.cn' },
      b: { name: '华源', email: 'SALES@huayuan.com.cn' },
    },
    'domain.shared': {
      a: { name: huayuan, website: 'https://huayuan.com.cn/about' },
      b: { name: '华源', email: 'info@huayuan.com.cn' },
    },
    'phone.none_shared': {
      a: { name: huayuan, phone: '010-6212 3456' },
      b: { name: huayuan, phone: '010-6212 3457' },
    },
    'domain.none_shared': {
      a: { name: huayuan, website: 'huayuan.com.cn' },
      b: { name: huayuan, website: 'huayuan-tech.cn' },
    },
    'branch.mismatch': { a: named(huayuan), b: named(`${huayuan}上海分公司`) },
    'branch.conflict': { a: named(`${huayuan}上海分公司`), b: named(`${huayuan}深圳分公司`) },
    'cluster.uscc_conflict': chain(huayuan, '华源科技', huayuan, [
      { uscc },
      {},
      { uscc: validUscc('110108', '551385083') },
    ]),
    'cluster.region_conflict': chain(huayuan, '华源科技', '上海华源科技有限公司'),
    'cluster.industry_conflict': chain(huayuan, '北京华源', '北京华源贸易有限公司'),
    'cluster.name_conflict': chain(
      '北京益龙科技有限公司',
      'Beijing Yilong Technology Co., Ltd.',
      '北京医龙科技有限公司',
    ),
  };
})();

/** What the scorer (or bulk de-duplication) says for each example: the evidence item carrying its code. */
export function evidenceExamples(): MatchEvidence[] {
  return EVIDENCE_CODES.map((code) => {
    const example = EVIDENCE_EXAMPLES[code];
    let reasons: MatchEvidence[];
    if ('list' in example) {
      const result = dedupeFeatures(
        example.list.map((_, i) => String(i)),
        example.list.map((r) => normalizeRecord(r)),
      );
      reasons = example.list.flatMap((_, i) => result.explain(i)?.reasons ?? []);
    } else {
      const { a, b, population } = example;
      reasons = scorePair(normalizeRecord(a), normalizeRecord(b), {
        frequency: populationFrequency(population ?? [a, b]),
      }).reasons;
    }
    const found = reasons.find((e) => e.code === code);
    if (!found) throw new Error(`${code}: not said for its example (${JSON.stringify(reasons)})`);
    return found;
  });
}
