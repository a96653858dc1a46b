/**
 * Legal forms (有限公司, 股份有限公司 …) and branch markers (分公司) read tolerantly at the end of a Chinese
 * name: a typo inside a legal form (有线公司, 股分, 有限则任公司, 有限工司, a cut-off 有限公) must not turn
 * the form into part of the trade name, or the record splits from the rest of its company.
 *
 * A form is aligned with the end of the name by a small edit distance in which only plausible typing
 * errors are allowed: a homophone (what a pinyin input method offers for the same syllable) or a
 * look-alike character, a character missing, doubled or swapped inside the form, the end of the form cut
 * off. Any other character is not a typo but a different word, so a name ending in 有道公司 keeps 有道.
 */
import { toPinyin } from './pinyin.js';

export interface SuffixForm {
  /** The form as written correctly. */
  form: string;
  /** What it means: the canonical legal form, or the branch marker itself. */
  canonical: string;
  /**
   * Whether its first character may be mistyped even where the form borders the trade name, which may end
   * in a homophone (四季园 is no 集团 mistyped, 奶粉公司 no 分公司). Only 公司: no name ends in 司, so 工司
   * is a typo.
   */
  firstTolerant?: boolean;
  /**
   * The fewest characters that still stand for the form when the rest is cut off; by default three (or
   * half a long form). 有限 and 股份 are the usual short ways of writing 有限公司 and 股份有限公司.
   */
  shortest?: number;
}

export interface SuffixMatch {
  /** How many characters at the end of the name the form covers. */
  length: number;
  canonical: string;
  /** 0 when written correctly; see COST. */
  cost: number;
}

/** Chinese legal forms, each with the canonical form it stands for. */
export const ZH_LEGAL_FORMS: readonly SuffixForm[] = [
  { form: '集团股份有限公司', canonical: '集团股份有限公司' },
  { form: '集团有限责任公司', canonical: '集团有限公司' },
  { form: '集团有限公司', canonical: '集团有限公司' },
  { form: '集团公司', canonical: '集团有限公司' },
  { form: '集团', canonical: '集团有限公司' },
  { form: '股份有限公司', canonical: '股份有限公司' },
  { form: '股份公司', canonical: '股份有限公司', shortest: 2 },
  { form: '有限责任公司', canonical: '有限公司' },
  { form: '有限公司', canonical: '有限公司', shortest: 2 },
  { form: '合伙企业', canonical: '合伙企业' },
  { form: '个人独资企业', canonical: '个人独资企业' },
  { form: '公司', canonical: '有限公司', firstTolerant: true },
];

/** Branch markers built on 公司, read as tolerantly as legal forms (分工司, a cut-off 分公). */
export const ZH_BRANCH_FORMS: readonly SuffixForm[] = [
  { form: '分公司', canonical: '分公司', shortest: 2 },
  { form: '支公司', canonical: '支公司' },
];

/** Characters a shape-based input method or OCR confuses with a character of a form (司/可, 团/困). */
const LOOKALIKES: Record<string, string> = {
  司: '可同',
  团: '困园',
  限: '恨很根眼垠',
  股: '投般',
  责: '债贵',
  任: '仕',
  集: '隼焦',
  份: '伤',
};

/** Costs of the typing errors allowed inside a form; anything else cannot be read as the form. */
const COST = {
  /** A homophone or a look-alike in place of a form character. */
  confusable: 0.5,
  /**
   * A character missing inside the form (有限司), one doubled (有限公公司) or two swapped (有公限司); only in
   * forms of four characters or more: 分期公司 is no 分公司.
   */
  edit: 1,
  /** Each character cut off the end (有限公). */
  cut: 0.5,
};

/** How much typing error a form of `length` characters may carry and still be read as that form. */
function budget(length: number): number {
  return length <= 2 ? COST.confusable : length <= 4 ? 1 : length <= 6 ? 1.5 : 2;
}

/** The shortest part of a form that may stand for it when the rest is cut off. */
function shortestCut({ form, shortest }: SuffixForm): number {
  return form.length <= 2 ? form.length : (shortest ?? Math.max(3, Math.ceil(form.length / 2)));
}

const FORM_CHARS = new Set([...ZH_LEGAL_FORMS, ...ZH_BRANCH_FORMS].flatMap(({ form }) => [...form]));
const FORM_PINYIN = new Set([...FORM_CHARS].map((ch) => toPinyin(ch)));
const LOOKALIKE_CHARS = new Set(Object.values(LOOKALIKES).flatMap((chars) => [...chars]));

// By the two characters' codes (both in the basic plane: forms are CJK, tails were checked form-like).
const confusable = new Map<number, boolean>();

/** Cost of reading `written` where the form has `expected`: 0, COST.confusable, or Infinity. */
function substitution(expected: string, written: string): number {
  if (expected === written) return 0;
  const key = expected.charCodeAt(0) * 0x10000 + written.charCodeAt(0);
  let known = confusable.get(key);
  if (known === undefined) {
    const sound = toPinyin(written);
    known =
      LOOKALIKES[expected]?.includes(written) === true ||
      (sound !== '' && sound === toPinyin(expected) && sound !== written);
    confusable.set(key, known);
  }
  return known ? COST.confusable : Infinity;
}

// 0: not asked yet, 1: cannot be part of a form, 2: can (a form character, a homophone or a look-alike).
const formLike = new Uint8Array(0x10000);

/** Whether `ch` could be part of a (mistyped) form; remembered per character. */
function isFormLike(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (ch.length !== 1 || code < 0x3400) return false;
  let known = formLike[code];
  if (known === 0) {
    known = FORM_CHARS.has(ch) || LOOKALIKE_CHARS.has(ch) || FORM_PINYIN.has(toPinyin(ch)) ? 2 : 1;
    formLike[code] = known;
  }
  return known === 2;
}

interface Alignment {
  cost: number;
  /** Characters written exactly as the form has them. */
  exact: number;
}

/**
 * Least cost of writing `form` as exactly `written` (both short): its last characters may be cut off at
 * the end; inside, characters may be confused, missing, doubled or swapped. `strict` keeps the start of the
 * form as written (its first character right, nothing missing or swapped before its third): the start
 * borders the trade name, which may end in a character like a form's (雅集 before 有限公司 is no 集团 with
 * 团 missing, 联合企业 no 合伙企业 with 伙 missing).
 */
function alignmentCost(suffix: SuffixForm, written: string, strict: boolean): Alignment | null {
  // Names end alike (…有限公司), so the same short endings are asked about again and again.
  const key = `${suffix.form}|${strict ? 's' : 'l'}|${written}`;
  const known = alignments.get(key);
  if (known !== undefined) return known;
  const found = computeAlignmentCost(suffix, written, strict);
  if (alignments.size >= CACHE_LIMIT) alignments.clear();
  alignments.set(key, found);
  return found;
}

const alignments = new Map<string, Alignment | null>();

function computeAlignmentCost(suffix: SuffixForm, written: string, strict: boolean): Alignment | null {
  const { form, firstTolerant } = suffix;
  if (strict && !firstTolerant && written[0] !== form[0]) return null;
  let best: Alignment | null = null;
  const limit = budget(form.length);
  for (let kept = form.length; kept >= shortestCut(suffix); kept--) {
    const cut = (form.length - kept) * COST.cut;
    if (cut > limit) break;
    const found = align(form.slice(0, kept), written, limit - cut, {
      edits: form.length >= 4,
      editsFrom: strict ? 2 : 1,
    });
    if (found && (!best || found.cost + cut < best.cost))
      best = { cost: found.cost + cut, exact: found.exact };
  }
  return best;
}

// DP tables for align(), reused: forms and tails are at most MAX_TAIL characters.
const COLUMNS = 16;
const costTable = new Float64Array(COLUMNS * COLUMNS);
const exactTable = new Int8Array(COLUMNS * COLUMNS);

/** Keeps the cheaper way of reaching cell (i, j), and on a tie the one with more exact characters. */
function setCell(i: number, j: number, c: number, e: number): void {
  const at = i * COLUMNS + j;
  const known = costTable[at] ?? Infinity;
  if (c < known || (c === known && e > (exactTable[at] ?? 0))) {
    costTable[at] = c;
    exactTable[at] = e;
  }
}

/**
 * Edit distance with the costs above, anchored at both ends; null when over `limit`. Missing and extra
 * characters only inside the form, from its character `editsFrom` on; swaps from `editsFrom - 1`.
 */
function align(
  form: string,
  written: string,
  limit: number,
  { edits, editsFrom }: { edits: boolean; editsFrom: number },
): Alignment | null {
  const n = form.length;
  const m = written.length;
  // cost[i][j]: form[0..i) written as written[0..j), the first characters aligned to each other.
  const cost = costTable;
  const exact = exactTable;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      cost[i * COLUMNS + j] = Infinity;
      exact[i * COLUMNS + j] = 0;
    }
  }
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i * COLUMNS + j] ?? Infinity;
      if (here > limit) continue;
      const e = exact[i * COLUMNS + j] ?? 0;
      const f = form[i];
      const w = written[j];
      if (f !== undefined && w !== undefined) {
        const sub = substitution(f, w);
        if (here + sub <= limit) setCell(i + 1, j + 1, here + sub, e + (sub === 0 ? 1 : 0));
      }
      // Inside the form only, never after its last character.
      if (edits && i >= editsFrom && i < n) {
        if (w !== undefined) setCell(i, j + 1, here + COST.edit, e); // an extra character
        if (f !== undefined) setCell(i + 1, j, here + COST.edit, e); // a missing one
      }
      const f2 = form[i + 1];
      const w2 = written[j + 1];
      if (
        edits &&
        i >= editsFrom - 1 &&
        f !== undefined &&
        f2 !== undefined &&
        w === f2 &&
        w2 === f &&
        f !== f2
      )
        setCell(i + 2, j + 2, here + COST.edit, e + 2); // two neighbours swapped
    }
  }
  const total = cost[n * COLUMNS + m] ?? Infinity;
  return total <= limit ? { cost: total, exact: exact[n * COLUMNS + m] ?? 0 } : null;
}

const cache = new Map<string, Reading[]>();
const CACHE_LIMIT = 50_000;
/** Longest form plus what typing may add to it. */
const MAX_TAIL = 10;

interface Reading extends SuffixMatch {
  /** Whether the start of the form is written as is (see alignmentCost). */
  strict: boolean;
}

/** Every way a form of `forms` can be read at the end of `text`; cached by the characters examined. */
function readings(text: string, forms: readonly SuffixForm[]): Reading[] {
  let start = text.length;
  while (start > 0 && text.length - start < MAX_TAIL && isFormLike(text[start - 1] ?? '')) start--;
  if (start === text.length) return [];
  const tail = text.slice(start);
  const key = `${forms === ZH_BRANCH_FORMS ? 'b' : 'l'}${tail}`;
  const known = cache.get(key);
  if (known) return known;
  const found: Reading[] = [];
  const last = tail[tail.length - 1] ?? '';
  for (const form of forms) {
    // Every reading ends on one of the form's characters, as written or confused; how much longer or
    // shorter than the form it may be follows from the typing error the form allows.
    const shortest = shortestCut(form);
    if (!endsOn(form.form, shortest, last)) continue;
    const edits = form.form.length >= 4 ? Math.floor(budget(form.form.length) / COST.edit) : 0;
    const longest = Math.min(tail.length, form.form.length + edits);
    const first = form.form[0] ?? '';
    const second = form.form[1] ?? '';
    for (let length = Math.max(1, shortest - edits); length <= longest; length++) {
      const written = tail.slice(tail.length - length);
      // A reading starts on the form's first character, as written or confused, or swapped with the next.
      const start = written[0] ?? '';
      if (substitution(first, start) === Infinity && !(start === second && written[1] === first)) continue;
      // At least half of what is written must be right: three homophones in a row are another word.
      const enough = Math.min(length, form.form.length);
      const strict = alignmentCost(form, written, true);
      const match = strict && strict.exact * 2 >= enough ? strict : alignmentCost(form, written, false);
      if (match && match.exact * 2 >= enough)
        found.push({ length, canonical: form.canonical, cost: match.cost, strict: match === strict });
    }
  }
  found.sort((a, b) => score(b) - score(a));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

/** Whether a reading of `form` can end on `last`: one of its characters from `shortest` on, or a confusable. */
function endsOn(form: string, shortest: number, last: string): boolean {
  for (let i = shortest - 1; i < form.length; i++)
    if (substitution(form[i] ?? '', last) !== Infinity) return true;
  return false;
}

/** Coverage less typing error: a reading covering more of the name, with fewer errors, is better. */
function score(r: SuffixMatch): number {
  return r.length - r.cost;
}

/**
 * The best reading of a form at the end of `text` that leaves at least `minRest` characters before it:
 * the one covering the most of the name for the least typing error (有线公司 is 有限公司, not 有线 + 公司;
 * 有道公司 is 有道 + 公司, since 道 is no typo of 限). A reading that takes liberties with the start of the
 * form, or ties with a shorter one, is taken only where industry words precede it (信息技术有公司): in a
 * name, the legal form follows the industry words, so a character between the two belongs to the form.
 * Only the run of characters at the end that could belong to a form is examined, so the common case costs
 * a few lookups.
 */
function bestReading(
  text: string,
  forms: readonly SuffixForm[],
  minRest: number,
  afterIndustry: (before: string) => boolean,
): SuffixMatch | null {
  // Readings come best first, so the search ends at the first one scoring less than the best; whether
  // industry words precede a reading is asked only where it decides.
  let best: Reading | null = null;
  let bestAfterIndustry: boolean | null = null;
  for (const reading of readings(text, forms)) {
    if (text.length - reading.length < minRest) continue;
    if (best && score(reading) < score(best)) break;
    if (!reading.strict && !afterIndustry(text.slice(0, text.length - reading.length))) continue;
    if (!best) {
      best = reading;
      continue;
    }
    bestAfterIndustry ??= afterIndustry(text.slice(0, text.length - best.length));
    const industry = afterIndustry(text.slice(0, text.length - reading.length));
    if (industry !== bestAfterIndustry ? industry : reading.cost < best.cost) {
      best = reading;
      bestAfterIndustry = industry;
    }
  }
  return best && { length: best.length, canonical: best.canonical, cost: best.cost };
}

/** The best legal form at the end of `text` that leaves at least `minRest` characters before it. */
export function legalFormAtEnd(
  text: string,
  minRest: number,
  afterIndustry: (before: string) => boolean = () => false,
): SuffixMatch | null {
  return bestReading(text, ZH_LEGAL_FORMS, minRest, afterIndustry);
}

/** The same for the branch markers built on 公司 (分公司, 支公司). */
export function branchFormAtEnd(
  text: string,
  minRest: number,
  afterIndustry: (before: string) => boolean = () => false,
): SuffixMatch | null {
  // Three-character forms allow no missing or extra characters, so a reading starts two or three
  // characters from the end; most names (…有限公司) have no 分 or 支 there and are done.
  if (!startsBranch(text[text.length - 3] ?? '') && !startsBranch(text[text.length - 2] ?? '')) return null;
  return bestReading(text, ZH_BRANCH_FORMS, minRest, afterIndustry);
}

// Per character as formLike: 0 not asked yet, 1 no, 2 yes.
const branchStart = new Uint8Array(0x10000);

function startsBranch(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (ch.length !== 1 || code < 0x3400) return false;
  if (branchStart[code] === 0) {
    let starts = false;
    for (const { form } of ZH_BRANCH_FORMS) starts ||= substitution(form[0] ?? '', ch) !== Infinity;
    branchStart[code] = starts ? 2 : 1;
  }
  return branchStart[code] === 2;
}
