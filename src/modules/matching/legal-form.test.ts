import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompanyName } from './company-name.js';
import { branchFormAtEnd, legalFormAtEnd } from './legal-form.js';

const read = (name: string) => {
  const p = parseCompanyName(name);
  return { trade: p.tradeName, industry: p.industry, legalForm: p.legalForm, branch: p.isBranch };
};

describe('legalFormAtEnd', () => {
  it('reads the legal forms of the quoted misses, whatever the typo', () => {
    for (const [name, canonical] of [
      ['北京华源科技有线公司', '有限公司'],
      ['北京华源科技股分有限公司', '股份有限公司'],
      ['北京华源科技有限则任公司', '有限公司'],
      ['北京华源科技有限公', '有限公司'],
      ['北京华源科技有限工司', '有限公司'],
    ] as const) {
      expect(read(name), name).toEqual({
        trade: '华源',
        industry: '科技',
        legalForm: canonical,
        branch: false,
      });
    }
  });

  it('reads each kind of typing error, and several in a long form', () => {
    const cases: [string, string][] = [
      ['有现公司', '有限公司'], // homophone
      ['有限公四', '有限公司'],
      ['友限公司', '有限公司'], // a homophone in the first character, the rest right
      ['有限公可', '有限公司'], // look-alike
      ['集困有限公司', '集团有限公司'],
      ['有限司', '有限公司'], // a character missing
      ['有限责公司', '有限公司'],
      ['有限公公司', '有限公司'], // doubled
      ['有公限司', '有限公司'], // swapped
      ['股份有限公', '股份有限公司'], // cut off
      ['有限责任', '有限公司'],
      ['有限', '有限公司'],
      ['股份', '股份有限公司'],
      ['股分有线公司', '股份有限公司'], // two homophones in six characters
      ['合伙企', '合伙企业'],
      ['工司', '有限公司'],
    ];
    for (const [form, canonical] of cases) {
      expect(read(`华源科技${form}`), form).toMatchObject({
        trade: '华源',
        industry: '科技',
        legalForm: canonical,
      });
    }
  });

  it('takes liberties with the start of a form only where industry words precede it', () => {
    // After industry words a character can only belong to the legal form; after a trade name it may be the
    // trade name's own.
    expect(read('福状元机械设备有公司')).toMatchObject({ trade: '福状元', industry: '机械设备' });
    expect(read('家家有公司')).toMatchObject({ trade: '家家有', legalForm: '有限公司' });
    expect(read('华源科技集有限公司')).toMatchObject({ trade: '华源', legalForm: '集团有限公司' });
    expect(read('北京雅集有限公司')).toMatchObject({ trade: '雅集', legalForm: '有限公司' });
    expect(read('驰久网络科技限有公司')).toMatchObject({ trade: '驰久', industry: '网络科技' });
    expect(legalFormAtEnd('驰久网络科技限有公司', 2)).toMatchObject({ length: 2 });
    expect(legalFormAtEnd('驰久网络科技限有公司', 2, (before) => before.endsWith('科技'))).toMatchObject({
      length: 4,
      canonical: '有限公司',
    });
  });

  it('leaves look-alikes that are words of the trade name alone', () => {
    const cases: [string, string, string | null][] = [
      ['北京雅集有限公司', '雅集', '有限公司'], // not 雅 + 集团 with 团 missing
      ['北京荣丰控股有限公司', '荣丰', '有限公司'], // 控股 is an industry, not 控 + 股份 with 份 missing
      ['北京有道公司', '有道', '有限公司'], // 道 is no typo of 限
      ['惠家有有限公司', '惠家有', '有限公司'],
      ['北京四季园有限公司', '四季园', '有限公司'], // 季园 is not 集团 mistyped twice
      ['北京联合企业', '联合企业', null], // not 联 + 合伙企业 with 伙 missing
      ['歌华有线', '歌华有线', null], // 有线 alone is cable television, not a cut-off 有限公司
      ['华源电工', '华源电工', null],
      ['公牛炒股公司', '公牛炒股', '有限公司'],
    ];
    for (const [name, trade, legalForm] of cases) {
      expect(read(name), name).toMatchObject({ trade, legalForm });
    }
  });

  it('never reads a legal form where a form cannot be, so a core name keeps its characters', () => {
    // Names ending in characters that sound like legal-form characters, written correctly.
    const endings = fc.constantFrom('工', '四', '思', '线', '现', '友', '古', '分', '和', '火', '起', '也');
    const core = fc.tuple(fc.constantFrom('华源', '字节跳动', '鸿雀', '天合'), endings);
    fc.assert(
      fc.property(
        core,
        fc.constantFrom('有限公司', '股份有限公司', '集团有限公司'),
        ([trade, end], legal) => {
          expect(read(`北京${trade}${end}${legal}`)).toMatchObject({ trade: `${trade}${end}` });
        },
      ),
    );
  });
});

describe('branchFormAtEnd', () => {
  it('reads a mistyped or cut-off 分公司 as a branch', () => {
    for (const name of [
      '华源科技有限公司上海分工司',
      '华源科技有限公司上海分公',
      '华源科技有线公司上海分公司',
    ]) {
      expect(read(name), name).toMatchObject({ trade: '华源', branch: true, legalForm: '有限公司' });
    }
  });

  it('does not take a word ending in 公司 for a branch', () => {
    expect(branchFormAtEnd('人人分期公司', 2)).toBeNull();
    expect(branchFormAtEnd('北京奶粉公司', 2)).toBeNull();
    expect(read('北京奶粉公司')).toMatchObject({ branch: false });
  });
});
