/** Pinyin similarity from which two trade names are read as one name mistyped (阿基米 / 阿基米德). */
export const SIMILAR_NAMES = 0.75;

/**
 * Dice coefficient over letter trigrams of two pinyin strings (0..1); symmetric. Allocation-free: it runs
 * for every candidate pair whose names differ, and names are short.
 */
export function pinyinSimilarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  const na = a.length - 2;
  const nb = b.length - 2;
  if (na < 1 || nb < 1) return 0;
  let used = 0; // bit j: b's trigram j already matched (multiset semantics); names past 33 letters fall back
  const usedHigh: boolean[] | null = nb > 31 ? [] : null;
  let common = 0;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const taken = usedHigh ? usedHigh[j] === true : (used & (1 << j)) !== 0;
      if (taken) continue;
      if (
        a.charCodeAt(i) === b.charCodeAt(j) &&
        a.charCodeAt(i + 1) === b.charCodeAt(j + 1) &&
        a.charCodeAt(i + 2) === b.charCodeAt(j + 2)
      ) {
        if (usedHigh) usedHigh[j] = true;
        else used |= 1 << j;
        common++;
        break;
      }
    }
  }
  return (2 * common) / (na + nb);
}
