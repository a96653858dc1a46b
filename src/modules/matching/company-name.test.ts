import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompanyName } from './company-name.js';
import { normalizeText } from './text.js';

const brief = (name: string) => {
  const p = parseCompanyName(name);
  return {
    region: p.region?.name ?? null,
    trade: p.tradeName,
    pinyin: p.tradePinyin,
    industry: p.industry,
    legalForm: p.legalForm,
    branch: p.isBranch ? p.branchName : false,
  };
};

describe('parseCompanyName', () => {
  it('takes the four ways people write ByteDance Beijing apart the same way', () => {
    const expected = {
      region: '北京',
      trade: '字节跳动',
      pinyin: 'zijietiaodong',
      industry: '科技',
      branch: false,
    };
    expect(brief('字节跳动（北京）科技有限公司')).toMatchObject({ ...expected, legalForm: '有限公司' });
    expect(brief('北京字节跳动科技')).toMatchObject({ ...expected, legalForm: null });
    expect(brief('北京字節跳動科技有限公司')).toMatchObject({ ...expected, legalForm: '有限公司' });
    expect(brief('Beijing Zijie Tiaodong Technology Co., Ltd.')).toMatchObject({
      ...expected,
      trade: 'zijie tiaodong',
      legalForm: '有限公司',
    });
  });

  it('separates province, city and district from the front of the name', () => {
    expect(brief('广东省深圳市腾讯计算机系统有限公司')).toMatchObject({
      region: '深圳',
      trade: '腾讯',
      industry: '计算机系统',
    });
    expect(brief('北京市海淀区华源科技有限公司')).toMatchObject({
      region: '北京',
      trade: '华源',
      industry: '科技',
    });
    expect(brief('上海浦东新区华源贸易有限公司')).toMatchObject({
      region: '上海',
      trade: '华源',
      industry: '贸易',
    });
    expect(brief('延边朝鲜族自治州长白山矿泉水有限公司')).toMatchObject({
      region: '延边',
      trade: '长白山矿泉水',
    });
  });

  it('keeps a trade name that merely starts with a place name', () => {
    expect(brief('阿里巴巴（中国）网络技术有限公司')).toMatchObject({
      region: null,
      trade: '阿里巴巴',
      industry: '网络技术',
    });
    expect(brief('社区通科技有限公司')).toMatchObject({ trade: '社区通' });
    expect(brief('北京社区通科技有限公司')).toMatchObject({ region: '北京', trade: '社区通' });
  });

  it('tolerates typos in the legal form and recognises its variants', () => {
    for (const name of [
      '北京华源科技有限公',
      '北京华源科技有线公司',
      '北京华源科技有现公司',
      '北京华源科技有限责任公司',
    ]) {
      expect(brief(name)).toMatchObject({
        region: '北京',
        trade: '华源',
        industry: '科技',
        legalForm: '有限公司',
      });
    }
    expect(brief('TCL科技集团股份有限公司')).toMatchObject({ trade: 'tcl', legalForm: '集团股份有限公司' });
    expect(brief('某某投资合伙企业（有限合伙）')).toMatchObject({
      trade: '某某',
      industry: '投资',
      legalForm: '合伙企业',
    });
    expect(brief('Huawei Technologies Co Ltd')).toMatchObject({
      trade: 'huawei',
      industry: '科技',
      legalForm: '有限公司',
    });
    expect(brief('Foo Bar Trading Co.,Ltd')).toMatchObject({ trade: 'foo bar', industry: '贸易' });
  });

  it('reads Taiwan and Hong Kong industry words as the mainland ones', () => {
    const mainland = (name: string) => brief(name);
    for (const [regional, simplified] of [
      ['台北華源資訊技術有限公司', '台北华源信息技术有限公司'],
      ['香港華源資訊科技有限公司', '香港华源信息技术有限公司'],
      ['北京華源軟體有限公司', '北京华源软件有限公司'],
      ['北京華源網路科技有限公司', '北京华源网络科技有限公司'],
      ['北京華源數位科技有限公司', '北京华源数字科技有限公司'],
      ['北京華源人工智慧有限公司', '北京华源人工智能有限公司'],
    ] as const) {
      expect(brief(regional), regional).toEqual(mainland(simplified));
    }
  });

  it('never rewrites a trade name as vocabulary, nor mainland industry words', () => {
    // 賓士 is Taiwan's name for Mercedes-Benz (奔驰) and 萊雅 for L'Oréal: as a trade name it stays.
    expect(brief('北京賓士達貿易有限公司')).toMatchObject({ trade: '宾士达', industry: '贸易' });
    expect(brief('北京艾萊雅科技有限公司')).toMatchObject({ trade: '艾莱雅', industry: '科技' });
    // 通讯 is mainland usage too; converting it to 通信 would set it apart from 北京华源通讯.
    expect(brief('北京華源通訊有限公司')).toEqual(brief('北京华源通讯有限公司'));
  });

  it('flags branch offices and names the branch', () => {
    expect(brief('深圳市腾讯计算机系统有限公司北京分公司')).toMatchObject({
      region: '深圳',
      trade: '腾讯',
      branch: '北京',
    });
    expect(brief('中国银行股份有限公司上海分行')).toMatchObject({ branch: '上海' });
    expect(brief('华源科技（北京办事处）')).toMatchObject({ branch: '北京' });
    expect(brief('Zijie Tiaodong (Beijing) Technology Co.,Ltd Shanghai Branch')).toMatchObject({
      region: '北京',
      trade: 'zijie tiaodong',
      branch: 'shanghai',
    });
  });

  it('does not read syllables of an English trade name as a city', () => {
    // "Lu Zhou" would be 泸州 if joined; a region before the trade name is written as one word.
    expect(brief('Lu Zhou Yuan (Wuhan) New Energy Co., Ltd.')).toMatchObject({
      region: '武汉',
      trade: 'lu zhou yuan',
    });
  });

  it('gives the same parts for a name and its normalised text', () => {
    const pieces = fc.tuple(
      fc.constantFrom('', '北京', '北京市', '广东省深圳市', '上海', '杭州市'),
      fc.constantFrom('字节跳动', '华源', '腾讯', '鸿雀', '恒泰电子', '天合'),
      fc.constantFrom('', '科技', '信息技术', '网络科技', '贸易', '电子商务'),
      fc.constantFrom('', '有限公司', '有限公', '股份有限公司', '集团有限公司', 'Co., Ltd.'),
    );
    fc.assert(
      fc.property(pieces, ([region, trade, industry, legal]) => {
        const name = `${region}${trade}${industry}${legal}`;
        expect(parseCompanyName(normalizeText(name))).toEqual(parseCompanyName(name));
      }),
    );
  });
});
