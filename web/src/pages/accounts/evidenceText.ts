import type { MatchReason } from '../../api/types.js';

import type { LooseT } from '../../i18n/errorText.js';

export type { LooseT };

const BRANCH = 'a branch office and its parent are separate customers';

/**
 * The matcher's `detail` in the UI language. Details are mostly the compared values ("字节跳动 / 字节跳动"),
 * shown as they are; the few English phrases the server adds around them are recognised and translated.
 */
export function reasonDetailText(t: LooseT, reason: Pick<MatchReason, 'field' | 'detail'>): string {
  const { detail } = reason;
  let m = /^(.*) shared by (\d+) records$/.exec(detail);
  if (m) return t('match.details.shared', { value: m[1], count: Number(m[2]) });
  m = /^(.*) \(from address\)$/.exec(detail);
  if (m) return t('match.details.fromAddress', { text: m[1] });
  m = /^(.*) \/ USCC registered in (.*)$/.exec(detail);
  if (m) return t('match.details.usccRegion', { region: m[1], province: m[2] });
  m = /^no other (\S+)((?: outside \S+)*) in the list$/.exec(detail);
  if (m) {
    const outside = (m[2] ?? '')
      .split(' outside ')
      .filter(Boolean)
      .map((value) => t('match.details.outside', { value }))
      .join(', ');
    return t('match.details.uniqueName', { name: m[1], outside });
  }
  if (detail === BRANCH) return t('match.details.branch');
  if (reason.field === 'uscc' && detail.includes(' fails ')) {
    return detail
      .split('; ')
      .map((part) => {
        const fails = /^(\S+) fails (\w+)$/.exec(part);
        if (!fails) return part;
        const problem = t(`match.usccProblems.${fails[2]}`, { defaultValue: fails[2] });
        return t('match.details.usccFails', { code: fails[1], problem });
      })
      .join('; ');
  }
  return detail;
}

export const fieldText = (t: LooseT, field: string) => t(`match.fields.${field}`, { defaultValue: field });
export const comparisonText = (t: LooseT, comparison: string) =>
  t(`match.comparisons.${comparison}`, { defaultValue: comparison });

/** Log-odds points with their sign: "+4.0", "−3.0", "0". */
export function contributionText(points: number): string {
  if (points === 0) return '0';
  const fixed = Math.abs(points).toFixed(1);
  return points > 0 ? `+${fixed}` : `−${fixed}`;
}

/** 0..1 as a whole percentage. */
export const scorePercent = (score: number) => `${Math.round(score * 100)}%`;
