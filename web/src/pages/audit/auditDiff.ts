/**
 * An audit entry's before and after, as rows a person reads: one per field that changed (or, for a record
 * created or removed, per field it had), the field named by its path (`survivor.legalName`). Values stay
 * values here; `auditValues.ts` turns them into text.
 */
export interface DiffRow {
  /** Field names from the outside in: ['survivor', 'legalName']. */
  path: string[];
  before: unknown;
  after: unknown;
}

/** Bookkeeping a reader does not need: ids are the record itself, times are the entry's own. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt']);
/** Nested objects are opened this deep (a merge nests the survivor); deeper ones are shown whole. */
const MAX_DEPTH = 2;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isPlainObject(value) && Object.keys(value).length === 0);

function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const rows: DiffRow[] = [];
  const walk = (b: unknown, a: unknown, path: string[]) => {
    if ((isPlainObject(b) || isPlainObject(a)) && path.length < MAX_DEPTH + 1) {
      const bo = isPlainObject(b) ? b : {};
      const ao = isPlainObject(a) ? a : {};
      if (
        (b !== undefined && b !== null && !isPlainObject(b)) ||
        (a !== undefined && a !== null && !isPlainObject(a))
      ) {
        if (!same(b, a)) rows.push({ path, before: b, after: a });
        return;
      }
      const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
      for (const key of keys) {
        if (HIDDEN.has(key)) continue;
        walk(bo[key], ao[key], [...path, key]);
      }
      return;
    }
    if (!same(b, a)) rows.push({ path, before: b, after: a });
  };
  walk(before, after, []);
  return rows;
}
