import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mainlandWording, normalizeText, toSimplified } from './text.js';

describe('normalizeText', () => {
  it('turns full-width into half-width and unifies brackets', () => {
    expect(normalizeText('字节跳动（北京）科技有限公司')).toBe('字节跳动(北京)科技有限公司');
    expect(normalizeText('ＡＢＣ　科技【深圳】')).toBe('abc科技(深圳)');
    expect(normalizeText('〔上海〕「华源」')).toBe('(上海)(华源)');
  });

  it('converts traditional (Taiwan and Hong Kong forms) to simplified', () => {
    expect(normalizeText('北京字節跳動科技有限公司')).toBe('北京字节跳动科技有限公司');
    expect(normalizeText('臺灣積體電路製造')).toBe('台湾积体电路制造');
    expect(toSimplified('衞生')).toBe('卫生');
  });

  it("keeps the writer's words: only characters are converted", () => {
    expect(normalizeText('台北華源資訊技術有限公司')).toBe('台北华源资讯技术有限公司');
  });

  it('lower-cases Latin, turns punctuation into single spaces and drops spaces next to Chinese', () => {
    expect(normalizeText('Beijing Zijie Tiaodong Technology Co., Ltd.')).toBe(
      'beijing zijie tiaodong technology co ltd',
    );
    expect(normalizeText('Co.,Ltd')).toBe('co ltd');
    expect(normalizeText("Xi'an  Foo")).toBe('xian foo');
    expect(normalizeText(' 北京 字节 跳动 ')).toBe('北京字节跳动');
    expect(normalizeText('TCL 科技')).toBe('tcl科技');
  });

  it('returns an empty string for empty or missing input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(null)).toBe('');
    expect(normalizeText('（ ）')).toBe('');
  });

  it('changes nothing the second time (any text)', () => {
    const chinese = fc.constantFrom(
      ...'北京字節跳動科技有限公司（）【】　ＡＢＣ華為上海深圳市廣東省·，。、'.split(''),
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: chinese }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(text, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mainlandWording', () => {
  it('puts Taiwan and Hong Kong words into mainland ones, phrase by phrase', () => {
    expect(mainlandWording('台北華源資訊技術有限公司')).toBe('台北华源信息技术有限公司');
    expect(mainlandWording('香港華源資訊科技有限公司')).toBe('香港华源信息技术有限公司');
    expect(mainlandWording('華源軟體有限公司')).toBe('华源软件有限公司');
    expect(mainlandWording('華源網路科技')).toBe('华源网络科技');
    expect(mainlandWording('華源數位科技')).toBe('华源数字科技');
    expect(mainlandWording('華源積體電路')).toBe('华源集成电路');
    // Hong Kong variant characters too.
    expect(mainlandWording('衞星綫路')).toBe('卫星线路');
  });

  it('leaves simplified text alone: a mainland writer who chose 资讯 meant it', () => {
    expect(mainlandWording('北京华源资讯科技有限公司')).toBeNull();
    expect(mainlandWording('Huayuan Information Technology')).toBeNull();
    expect(mainlandWording(null)).toBeNull();
  });

  it('gives the same answer every time, and a simplified answer that normalises to itself', () => {
    const chinese = fc.constantFrom(...'資訊技術軟體網路數位科技華源有限公司臺北香港（）衞星'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chinese, minLength: 1 }), (s) => {
        const once = mainlandWording(s);
        expect(mainlandWording(s)).toBe(once);
        if (once !== null) expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
