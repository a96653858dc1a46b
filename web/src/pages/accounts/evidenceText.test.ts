import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_CODES } from '../../../../src/modules/matching/evidence.js';
import { evidenceExamples } from '../../../../src/modules/matching/testing.js';
import type { MatchEvidence } from '../../api/types.js';
import { loadTranslators } from '../../i18n/testing.js';
import { contributionText, evidenceText, scorePercent } from './evidenceText.js';

let translators: Record<'en' | 'zh-CN', TFunction>;

beforeAll(async () => {
  translators = await loadTranslators();
});

const text = (lng: 'en' | 'zh-CN', evidence: MatchEvidence) => evidenceText(translators[lng], evidence);

describe('evidenceText', () => {
  it('has a text for every code in both languages', () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      for (const code of [...EVIDENCE_CODES, 'legacy']) {
        const t = translators[lng] as unknown as (key: string) => string;
        expect(t(`match.evidence.${code}`), `${lng} ${code}`).not.toBe(`match.evidence.${code}`);
      }
    }
  });

  it('says what the scorer says in each language, showing every compared value as given', () => {
    for (const evidence of evidenceExamples()) {
      for (const lng of ['en', 'zh-CN'] as const) {
        const said = text(lng, evidence);
        expect(said, `${lng} ${evidence.code}`).not.toMatch(/\{\{|undefined|null|NaN|match\.|\[object/);
        let rest = said;
        for (const [key, value] of Object.entries(evidence.params)) {
          if (typeof value !== 'string' || key === 'problem') continue; // a problem is a code, translated
          expect(said, `${lng} ${evidence.code}`).toContain(value);
          rest = rest.replaceAll(value, '');
        }
        // The values are the only Latin text a Chinese reader sees.
        if (lng === 'zh-CN') expect(rest, evidence.code).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
  });

  it('counts holders in words, marks a region from the address and translates USCC problems', () => {
    const shared = (holders: number): MatchEvidence => ({
      code: 'phone.shared',
      params: { value: '+861062123456', holders },
      points: 4,
    });
    expect(text('en', shared(1))).toBe('Phone +861062123456 on 1 record');
    expect(text('en', shared(3))).toBe('Phone +861062123456 on 3 records');
    expect(text('zh-CN', shared(3))).toBe('电话 +861062123456（3 条记录共用）');
    const region = (fromAddress: boolean): MatchEvidence => ({
      code: 'region.conflict',
      params: { a: '北京', b: '上海', fromAddress },
      points: -2,
    });
    expect(text('en', region(true))).toBe('Different regions: 北京 / 上海 (from the address)');
    expect(text('zh-CN', region(false))).toBe('地区不同：北京 / 上海');
    const ignored: MatchEvidence = {
      code: 'uscc.ignored',
      params: { uscc: '91110000802100433X', problem: 'check' },
    };
    expect(text('zh-CN', ignored)).toBe('信用代码 91110000802100433X 未采用：校验位错误');
    expect(
      text('en', { code: 'name.similar', params: { a: '阿基米', b: '阿基米德', similarity: 0.75 } }),
    ).toBe('Similar names (75%): 阿基米 / 阿基米德');
  });

  it('names the only company of its name as it would be written, in either script', () => {
    const unique = (name: string, industry: string | null, region: string | null): MatchEvidence => ({
      code: 'name.unique',
      params: { name, industry, region },
      points: 1.5,
    });
    expect(text('zh-CN', unique('云岭茶业', null, '昆明'))).toBe('名单中没有其他“昆明云岭茶业”');
    expect(text('en', unique('云岭茶业', null, '昆明'))).toBe('No other “昆明云岭茶业” in the list');
    expect(text('en', unique('zijie tiaodong', '科技', '北京'))).toBe(
      'No other “北京 zijie tiaodong 科技” in the list',
    );
    expect(text('en', unique('华源', '科技', null))).toBe('No other “华源科技” in the list');
  });

  it('shows evidence stored before codes existed with its field, comparison and text as stored', () => {
    const legacy: MatchEvidence = {
      code: 'legacy',
      params: { field: 'phone', comparison: 'equal', text: '+861062123456 shared by 3 records' },
      points: 4,
    };
    expect(text('en', legacy)).toBe('Phone, equal: +861062123456 shared by 3 records');
    expect(text('zh-CN', legacy)).toBe('电话相同：+861062123456 shared by 3 records');
    const unknown: MatchEvidence = { code: 'legacy', params: { field: 'fax', comparison: 'odd', text: 'x' } };
    expect(text('en', unknown)).toBe('fax, odd: x');
  });
});

describe('numbers', () => {
  it('signs points, leaves unweighed evidence blank and rounds scores to whole percentages', () => {
    expect(contributionText(4)).toBe('+4.0');
    expect(contributionText(-2.96)).toBe('−3.0');
    expect(contributionText(0)).toBe('0');
    expect(contributionText(undefined)).toBe('');
    expect(scorePercent(0.9234)).toBe('92%');
  });
});
