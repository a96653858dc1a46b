import { describe, expect, it } from 'vitest';
import { usccCheckChar } from '../matching/uscc.js';
import { codeProblems, placeCustomer, placeEdited, type PlaceValues } from './places.js';

const blank: PlaceValues = {
  legalName: '示例有限公司',
  uscc: null,
  usccValid: false,
  province: null,
  city: null,
  district: null,
  street: null,
  industry: null,
  regionCode: null,
  regionSource: null,
  industryCode: null,
  industrySource: null,
};
const place = (v: Partial<PlaceValues>) => placeCustomer({ ...blank, ...v });
const uscc = (first17: string) => first17 + usccCheckChar(first17)!;

describe('region and industry codes', () => {
  it('writes the names of a chosen region code and keeps it as given', () => {
    expect(place({ regionCode: '440305', regionSource: 'given', province: '北京' })).toMatchObject({
      regionCode: '440305',
      regionSource: 'given',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
    });
  });

  it('reads the address before the USCC and the USCC before the name', () => {
    const shanghaiUscc = uscc('91310115MA1K3XXX0'.replace(/X/g, '1'));
    expect(
      place({
        legalName: '北京某某科技有限公司',
        uscc: shanghaiUscc,
        usccValid: true,
        street: '杭州市西湖区文三路 90 号',
      }),
    ).toMatchObject({ regionCode: '330106', regionSource: 'address' });
    expect(place({ legalName: '北京某某科技有限公司', uscc: shanghaiUscc, usccValid: true })).toMatchObject({
      regionCode: '310115',
      regionSource: 'uscc',
    });
    expect(place({ legalName: '北京某某科技有限公司' })).toMatchObject({
      regionCode: '110000',
      regionSource: 'name',
    });
  });

  it('never reads a region from an invalid USCC, and leaves it empty when nothing names one', () => {
    expect(place({ uscc: '91310115MA1K3000XX', usccValid: false })).toMatchObject({
      regionCode: null,
      regionSource: null,
    });
  });

  it('reads an industry from the text typed, else from the name, only when it means one division', () => {
    expect(place({ industry: '软件开发', legalName: '杭州某餐饮管理有限公司' })).toMatchObject({
      industryCode: '65',
      industrySource: 'text',
    });
    expect(place({ legalName: '杭州某餐饮管理有限公司' })).toMatchObject({
      industryCode: '62',
      industrySource: 'name',
    });
    expect(place({ legalName: '杭州某某科技有限公司' })).toMatchObject({
      industryCode: null,
      industrySource: null,
    });
    expect(place({ industryCode: '65', industrySource: 'given' })).toMatchObject({
      industry: '软件和信息技术服务业',
    });
  });

  it('names codes that are not in the standards', () => {
    expect(codeProblems({ regionCode: '999999', industryCode: '00' }).map((p) => p.field)).toEqual([
      'regionCode',
      'industryCode',
    ]);
    expect(codeProblems({ regionCode: '110105', industryCode: '65' })).toEqual([]);
  });

  it('follows edits: a newer address wins over a chosen code; a chosen code stays otherwise', () => {
    const chosen = place({ regionCode: '440305', regionSource: 'given' });
    expect(
      placeEdited({ ...chosen, legalName: '上海某某有限公司' }, { legalName: '上海某某有限公司' }),
    ).toMatchObject({ regionCode: '440305', regionSource: 'given' });
    const moved = { ...chosen, province: null, city: null, district: null, street: '成都市武侯区' };
    expect(
      placeEdited(moved, { province: null, city: null, district: null, street: '成都市武侯区' }),
    ).toMatchObject({
      regionCode: '510107',
      regionSource: 'address',
    });
    const read = place({ legalName: '北京某某有限公司' });
    expect(
      placeEdited({ ...read, legalName: '天津某某有限公司' }, { legalName: '天津某某有限公司' }),
    ).toMatchObject({
      regionCode: '120000',
      regionSource: 'name',
    });
    expect(placeEdited({ ...chosen, regionCode: null }, { regionCode: null })).toMatchObject({
      regionSource: 'address',
      regionCode: '440305',
    });
  });
});
