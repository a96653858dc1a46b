import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/types.js';
import { splitList, toCheckBody, toCreateBody, toFormValues, toUpdateBody } from './accountForm.js';

const account: Account = {
  id: '6f1c1f7e-0000-4000-8000-000000000001',
  legalName: '字节跳动（北京）科技有限公司',
  aliases: ['字节跳动'],
  englishName: null,
  uscc: null,
  usccValid: false,
  phones: ['+861062123456'],
  emails: [],
  website: 'bytedance.com',
  province: null,
  city: '北京',
  district: null,
  street: null,
  industry: null,
  regionCode: null,
  regionSource: null,
  industryCode: null,
  industrySource: null,
  size: null,
  source: null,
  tags: [],
  parentId: null,
  isBranch: false,
  ownerId: null,
  partnerId: null,
  status: 'active',
  mergedInto: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('splitList', () => {
  it('splits on commas, semicolons and 、 of either width but keeps the spaces inside phone numbers', () => {
    expect(splitList('010-6212 3456, +86 138 0013 8000；400-100-2000、 ')).toEqual([
      '010-6212 3456',
      '+86 138 0013 8000',
      '400-100-2000',
    ]);
  });

  it('drops repeats and empty entries', () => {
    expect(splitList(' a@x.cn ,, a@x.cn\nb@x.cn')).toEqual(['a@x.cn', 'b@x.cn']);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe('toCheckBody', () => {
  it('has nothing to check until there is a name', () => {
    expect(toCheckBody({ legalName: '  ', phones: '13800138000' })).toBeNull();
  });

  it('sends the name, phones and USCC as typed, leaving empty fields out', () => {
    expect(
      toCheckBody({
        legalName: ' 北京字節跳動科技有限公司 ',
        phones: '010-6212 3456',
        uscc: '',
        website: ' ',
      }),
    ).toEqual({ legalName: '北京字節跳動科技有限公司', phones: ['010-6212 3456'] });
  });

  it('leaves out half-typed e-mails so a keystroke never fails the check', () => {
    expect(
      toCheckBody({
        legalName: 'A',
        emails: 'hr@qingteng.cn, sales@',
        contacts: [{ name: 'Li', email: 'li@' }, { name: ' ' }],
      }),
    ).toEqual({ legalName: 'A', emails: ['hr@qingteng.cn'], contacts: [{ name: 'Li' }] });
  });
});

describe('toCreateBody', () => {
  it('adds the values only a create takes, and the reason when confirming a look-alike', () => {
    expect(
      toCreateBody(
        {
          legalName: '北京华源信息技术有限公司',
          tags: ['vip', ' '],
          size: 'large',
          industry: ' IT ',
          parentId: 'p',
          isBranch: true,
          contacts: [{ name: '王五', mobile: '13800138000', title: '' }],
        },
        ' not the same company ',
      ),
    ).toEqual({
      legalName: '北京华源信息技术有限公司',
      tags: ['vip'],
      size: 'large',
      industry: 'IT',
      parentId: 'p',
      isBranch: true,
      contacts: [{ name: '王五', mobile: '13800138000' }],
      confirm: { reason: 'not the same company' },
    });
  });

  it('is not a branch without a parent', () => {
    expect(toCreateBody({ legalName: 'A', isBranch: true })).toEqual({ legalName: 'A' });
  });
});

describe('toUpdateBody', () => {
  it('returns null when nothing changed', () => {
    expect(toUpdateBody(account, { ...toFormValues(account), reason: 'x' })).toBeNull();
  });

  it('sends changed lists and scalars, clearing emptied ones with null', () => {
    expect(
      toUpdateBody(account, {
        ...toFormValues(account),
        phones: '+861062123456, 13800138000',
        website: '',
        uscc: '91110000802100433B',
        reason: ' typo ',
      }),
    ).toEqual({
      phones: ['+861062123456', '13800138000'],
      website: null,
      uscc: '91110000802100433B',
      reason: 'typo',
    });
  });

  it('sends the reason a look-alike is still another customer as confirm, apart from the audit reason', () => {
    expect(
      toUpdateBody(
        account,
        { ...toFormValues(account), legalName: '字节跳动科技有限公司' },
        '  another firm ',
      ),
    ).toEqual({ legalName: '字节跳动科技有限公司', confirm: { reason: 'another firm' } });
    expect(toUpdateBody(account, toFormValues(account), 'nothing changed')).toBeNull();
  });
});

describe('region and industry codes', () => {
  it('sends the chosen codes with the names the duplicate check reads', () => {
    expect(
      toCreateBody({
        legalName: 'A',
        regionCode: '440106',
        province: '广东省',
        city: '广州市',
        district: '天河区',
        industryCode: '65',
      }),
    ).toEqual({
      legalName: 'A',
      regionCode: '440106',
      province: '广东省',
      city: '广州市',
      district: '天河区',
      industryCode: '65',
    });
  });

  it('leaves an old record’s free text alone until a code is chosen, then sends the code', () => {
    const old = { ...account, industry: '软件' };
    expect(toFormValues(old)).toMatchObject({ city: '北京', industry: '软件', regionCode: null });
    expect(toUpdateBody(old, toFormValues(old))).toBeNull();
    expect(
      toUpdateBody(old, {
        ...toFormValues(old),
        industryCode: '65',
        regionCode: '110105',
        province: '北京市',
        city: '北京市',
        district: '朝阳区',
      }),
    ).toEqual({
      industryCode: '65',
      regionCode: '110105',
      province: '北京市',
      city: '北京市',
      district: '朝阳区',
    });
  });

  it('clears a code with null', () => {
    const coded: Account = {
      ...account,
      regionCode: '110000',
      regionSource: 'given',
      industryCode: '65',
      industrySource: 'given',
    };
    expect(toUpdateBody(coded, { ...toFormValues(coded), industryCode: undefined })).toEqual({
      industryCode: null,
    });
  });
});
