/** Arbitraries and examples shared by the matching tests. */
import fc from 'fast-check';
import { blockingKeys } from './keys.js';
import type { RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';
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
