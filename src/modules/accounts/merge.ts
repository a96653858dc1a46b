import type { Account } from './accounts.schema.js';

/** List fields a survivor unions; scalar fields it keeps, filling only its empty ones. */
const LIST_FIELDS = ['aliases', 'phones', 'emails', 'tags'] as const;
const SCALAR_FIELDS = [
  'englishName',
  'uscc',
  'website',
  'province',
  'city',
  'district',
  'street',
  'industry',
  'regionCode',
  'regionSource',
  'industryCode',
  'industrySource',
  'size',
  'source',
  'parentId',
] as const;

type ListField = (typeof LIST_FIELDS)[number];
type ScalarField = (typeof SCALAR_FIELDS)[number];
const SOURCE_OF: Partial<Record<ScalarField, ScalarField>> = {
  regionSource: 'regionCode',
  industrySource: 'industryCode',
};

export interface MergeDelta {
  /** Items each list gained. */
  lists: Partial<Record<ListField, string[]>>;
  /** Empty survivor fields filled from the merged account. */
  filled: Partial<Record<ScalarField, string>>;
  /** Values that differed and stayed the survivor's: kept for history (and findable as aliases for names). */
  conflicts: { field: string; kept: string; dropped: string }[];
  usccValid?: boolean;
}

/**
 * What merging `merged` into `survivor` changes. Nothing is lost: lists are unioned, empty fields filled,
 * conflicting names become aliases, and every other conflict is recorded.
 */
export function planMerge(survivor: Account, merged: Account): MergeDelta {
  const delta: MergeDelta = { lists: {}, filled: {}, conflicts: [] };
  const names = [merged.legalName, merged.englishName].filter((n): n is string => !!n);
  for (const field of LIST_FIELDS) {
    const incoming = field === 'aliases' ? [...merged.aliases, ...names] : merged[field];
    const have = new Set<string>([...survivor[field], ...(field === 'aliases' ? [survivor.legalName] : [])]);
    const added = [...new Set(incoming)].filter((v) => !have.has(v) && v !== survivor.englishName);
    if (added.length) delta.lists[field] = added;
  }
  for (const field of SCALAR_FIELDS) {
    const mine = survivor[field];
    const theirs = merged[field];
    if (theirs === null || theirs === undefined || theirs === '') continue;
    // A code's source goes with the code: filled with it, never a conflict of its own.
    const code = SOURCE_OF[field];
    if (code) {
      if (delta.filled[code] !== undefined) delta.filled[field] = theirs;
      continue;
    }
    if (mine === null || mine === undefined || mine === '') {
      if (field === 'parentId' && theirs === survivor.id) continue;
      delta.filled[field] = theirs;
      if (field === 'uscc') delta.usccValid = merged.usccValid;
    } else if (mine !== theirs) {
      delta.conflicts.push({ field, kept: mine, dropped: theirs });
    }
  }
  return delta;
}

/** The survivor after the merge. */
export function applyMerge(survivor: Account, delta: MergeDelta): Account {
  const next: Account = { ...survivor };
  for (const field of LIST_FIELDS) next[field] = [...survivor[field], ...(delta.lists[field] ?? [])];
  Object.assign(next, delta.filled);
  if (delta.usccValid !== undefined) next.usccValid = delta.usccValid;
  return next;
}

/**
 * The survivor with the merge taken back: gained list items removed and filled fields emptied — but only
 * where they still hold what the merge put there, so later edits to the survivor are kept.
 */
export function revertMerge(survivor: Account, delta: MergeDelta): Account {
  const next: Account = { ...survivor };
  for (const field of LIST_FIELDS) {
    const added = new Set(delta.lists[field] ?? []);
    next[field] = survivor[field].filter((v) => !added.has(v));
  }
  for (const [field, value] of Object.entries(delta.filled) as [ScalarField, string][]) {
    if (survivor[field] === value) {
      (next as Record<ScalarField, string | null>)[field] = null;
      if (field === 'uscc') next.usccValid = false;
    }
  }
  return next;
}
