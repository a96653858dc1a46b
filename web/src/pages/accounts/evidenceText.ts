import type { TFunction } from 'i18next';
import type { EvidenceCode, MatchEvidence } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';

type ScorerCode = Exclude<EvidenceCode, 'legacy'>;
type GroupOf<C> = C extends `${infer G}.${string}` ? G : never;
type ItemOf<C, G extends string> = C extends `${G}.${infer I}` ? I : never;

/**
 * `match.evidence` in every language: one text per code, grouped as the codes are (`name.equal` →
 * evidence.name.equal). en.accounts.ts declares it `satisfies EvidenceTexts`, so a code the server adds
 * fails the type check until it is translated; zh-CN must have the same keys as en.
 */
export type EvidenceTexts = { legacy: string } & {
  [G in GroupOf<ScorerCode>]: { [I in ItemOf<ScorerCode, G>]: string };
};

/** A parameter as text: strings and numbers as the server gave them, anything else as nothing. */
const value = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Words of one company name: Chinese beside Chinese without a space (昆明云岭茶业), others with one. */
function joinWords(words: string[]): string {
  let out = '';
  for (const word of words) {
    if (!word) continue;
    out += out && !(CJK.test(out.slice(-1)) && CJK.test(word.charAt(0))) ? ` ${word}` : word;
  }
  return out;
}

/**
 * A piece of match evidence in the UI language: the text of its code with its parameters. Compared values
 * (names, regions, phones) are shown as given; counts, similarities and problem codes are translated.
 * Evidence stored before codes existed ('legacy') shows its field and comparison and its English text as is.
 */
export function evidenceText(t: TFunction, evidence: MatchEvidence): string {
  const p = evidence.params;
  const lt = loose(t);
  if (evidence.code === 'legacy') {
    const field = value(p.field);
    const comparison = value(p.comparison);
    return t('match.evidence.legacy', {
      field: lt(`match.fields.${field}`, { defaultValue: field }),
      comparison: lt(`match.comparisons.${comparison}`, { defaultValue: comparison }),
      text: value(p.text),
    });
  }
  const values: Record<string, string> = {};
  for (const [key, v] of Object.entries(p)) values[key] = value(v);
  if (typeof p.holders === 'number') values.records = t('match.records', { count: p.holders });
  if (typeof p.similarity === 'number') values.similarity = scorePercent(p.similarity);
  if (typeof p.problem === 'string') {
    values.problem = lt(`match.usccProblems.${p.problem}`, { defaultValue: p.problem });
  }
  if ('fromAddress' in p) values.source = p.fromAddress === true ? t('match.fromAddress') : '';
  // The name the list has only once, as a company would write it: region, trade name, industry.
  if (evidence.code === 'name.unique') values.name = joinWords([p.region, p.name, p.industry].map(value));
  return t(`match.evidence.${evidence.code}`, { ...values, defaultValue: evidence.code });
}

/** Log-odds points with their sign: "+4.0", "−3.0", "0"; nothing for evidence that is not weighed. */
export function contributionText(points: number | undefined): string {
  if (points === undefined) return '';
  if (points === 0) return '0';
  const fixed = Math.abs(points).toFixed(1);
  return points > 0 ? `+${fixed}` : `−${fixed}`;
}

/** 0..1 as a whole percentage. */
export const scorePercent = (score: number) => `${Math.round(score * 100)}%`;
