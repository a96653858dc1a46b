import { describe, expect, it } from 'vitest';
import { IndustryIndex, industryText, RegionIndex, regionText } from './places.js';

const regions = new RegionIndex([
  {
    code: '440000',
    name: '广东省',
    children: [{ code: '440100', name: '广州市', children: [{ code: '440106', name: '天河区' }] }],
  },
  // A municipality's districts sit right under it.
  { code: '110000', name: '北京市', children: [{ code: '110105', name: '朝阳区' }] },
]);

const industries = new IndustryIndex([
  {
    code: 'I',
    zh: '信息传输、软件和信息技术服务业',
    en: 'Information transmission, software and IT services',
    divisions: [{ code: '65', zh: '软件和信息技术服务业', en: 'Software and IT services' }],
  },
]);

describe('RegionIndex', () => {
  it('gives the cascader path of a code at any level', () => {
    expect(regions.path('440106')).toEqual(['440000', '440100', '440106']);
    expect(regions.path('440100')).toEqual(['440000', '440100']);
    expect(regions.path('110105')).toEqual(['110000', '110105']);
    expect(regions.path('999999')).toEqual([]);
    expect(regions.path(null)).toEqual([]);
  });

  it('derives province, city and district names; a municipality is its own city', () => {
    expect(regions.names('440106')).toEqual({ province: '广东省', city: '广州市', district: '天河区' });
    expect(regions.names('440000')).toEqual({ province: '广东省', city: null, district: null });
    expect(regions.names('110105')).toEqual({ province: '北京市', city: '北京市', district: '朝阳区' });
    expect(regions.names('123456')).toBeNull();
  });

  it('names a code with its parents', () => {
    expect(regions.label('440106')).toBe('广东省 / 广州市 / 天河区');
    expect(regions.label('110000', ' ')).toBe('北京市');
    expect(regions.label('000000')).toBeNull();
  });
});

describe('IndustryIndex', () => {
  it('names sections and divisions in the UI language', () => {
    expect(industries.name('65', 'en')).toBe('Software and IT services');
    expect(industries.name('65', 'zh-CN')).toBe('软件和信息技术服务业');
    expect(industries.name('I', 'en')).toBe('Information transmission, software and IT services');
    expect(industries.name('99', 'en')).toBeNull();
    expect(industries.sectionOf('65')?.code).toBe('I');
  });

  it('offers sections as choices only where a section means something', () => {
    const [filter] = industries.treeData('en', true);
    expect(filter).toMatchObject({ value: 'I', selectable: true });
    expect(filter!.children).toEqual([{ value: '65', title: '65 Software and IT services' }]);
    expect(industries.treeData('zh-CN', false)[0]).toMatchObject({ selectable: false });
  });
});

describe('an account’s place as shown', () => {
  const old = { province: '北京市', city: '北京市', district: '朝阳区', industry: '软件' };
  it('reads the codes where there are some', () => {
    const coded = { ...old, regionCode: '440106', industryCode: '65' };
    expect(regionText(coded, regions)).toBe('广东省 广州市 天河区');
    expect(industryText(coded, industries, 'en')).toBe('Software and IT services');
  });
  it('shows the recorded text of records without codes', () => {
    expect(regionText(old, regions)).toBe('北京市 朝阳区');
    expect(industryText(old, industries, 'en')).toBe('软件');
    expect(regionText({ ...old, province: null, city: null, district: null }, null)).toBeNull();
  });
});
