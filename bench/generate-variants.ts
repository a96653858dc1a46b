/**
 * How people misspell and re-word a company name: typos inside the legal form and Taiwan / Hong Kong
 * writing. The tables are ours (typing habits: pinyin input gives homophones, shape-based input and OCR
 * give look-alikes, hurry gives dropped, doubled, swapped and cut-off characters); nothing here is taken
 * from the matcher or from the converter it uses.
 */
import * as OpenCC from 'opencc-js/cn2t';
import type { Industry } from './generate-data.js';
import type { Random } from './generate-company.js';

// opencc-js declarations do not resolve under NodeNext; the one function used is typed here.
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
/** Character-level conversion only: the vocabulary stays mainland (a mainland name typed in traditional). */
export const toTaiwanScript = Converter({ from: 'cn', to: 'tw' });
export const toHongKongScript = Converter({ from: 'cn', to: 'hk' });

/** Characters a pinyin input method offers for the same syllable as a legal-form character. */
const HOMOPHONES: Record<string, string> = {
  有: '友又右',
  限: '线现县陷宪先',
  责: '则泽择',
  任: '认仁人',
  公: '工功攻宫',
  司: '思斯私四丝',
  股: '古谷骨',
  份: '分粉奋',
  集: '及级急',
  合: '和何',
  伙: '火或',
  企: '启起',
  业: '也叶',
};
/** Characters that look like a legal-form character (shape-based input, OCR of a scanned licence). */
const LOOKALIKES: Record<string, string> = {
  司: '可同',
  团: '困囡',
  限: '眼根恨',
  股: '投般',
  责: '贵债',
  任: '仕',
  企: '仚',
  份: '伤',
};

export const LEGAL_TYPO_KINDS = ['homophone', 'shape', 'missing', 'truncated', 'extra'] as const;
export type LegalTypoKind = (typeof LEGAL_TYPO_KINDS)[number];

function replaceAt(text: string, at: number, by: string): string {
  return text.slice(0, at) + by + text.slice(at + 1);
}

function substitute(random: Random, form: string, table: Record<string, string>): string | null {
  const places = [...form].flatMap((ch, i) => (table[ch] ? [i] : []));
  if (!places.length) return null;
  const at = random.pick(places);
  const choices = table[form[at] ?? ''] ?? '';
  return replaceAt(form, at, random.pick([...choices]));
}

/**
 * The legal form `form` (有限公司, 股份有限公司 …, without a bracketed qualifier) with one typo of `kind`;
 * null when the kind cannot apply to it.
 */
export function legalFormTypo(random: Random, form: string, kind: LegalTypoKind): string | null {
  switch (kind) {
    case 'homophone': {
      const once = substitute(random, form, HOMOPHONES);
      // Now and then two characters of a long form go wrong (有线工司, 股分有线公司).
      return once && form.length >= 4 && random.chance(0.2)
        ? (substitute(random, once, HOMOPHONES) ?? once)
        : once;
    }
    case 'shape':
      return substitute(random, form, LOOKALIKES);
    case 'missing': {
      // Never the first character: a form starting elsewhere is a different form.
      if (form.length < 4) return null;
      const at = 1 + random.int(form.length - 2);
      return form.slice(0, at) + form.slice(at + 1);
    }
    case 'truncated': {
      if (form.length < 4) return null;
      const cut = random.chance(0.7) || form.length < 5 ? 1 : 2;
      return form.slice(0, form.length - cut);
    }
    case 'extra': {
      if (form.length < 3) return null;
      const at = 1 + random.int(form.length - 2);
      // A doubled character (有限公公司) or two swapped neighbours (有限公司 → 有公限司).
      return random.chance(0.5)
        ? form.slice(0, at) + (form[at] ?? '') + form.slice(at)
        : form.slice(0, at - 1) + (form[at] ?? '') + (form[at - 1] ?? '') + form.slice(at + 1);
    }
  }
}

/** An industry's words as written in Taiwan or Hong Kong; undefined when they are the mainland words. */
export function regionalIndustry(random: Random, industry: Industry, where: 'tw' | 'hk'): string | undefined {
  const words = industry[where];
  return words ? random.pick(words.split('|')) : undefined;
}

export function fullWidth(random: Random, text: string): string {
  const wide = text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  return random.chance(0.5) ? wide.replace(/(.)(?=.)/u, '$1 ') : `\u3000${wide}\u3000`;
}
