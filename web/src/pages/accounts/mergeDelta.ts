import type { MergeDelta } from '../../api/types.js';

export interface DeltaRow {
  field: string;
  kind: 'gained' | 'filled' | 'conflict';
  /** What the survivor has now from the merge (gained, filled) or kept (conflict). */
  value: string;
  /** For a conflict: the merged account's value, recorded but not used. */
  dropped?: string;
}

/** A merge delta as rows for a table: list items gained, empty fields filled, conflicts kept. */
export function deltaRows(delta: MergeDelta | null | undefined): DeltaRow[] {
  if (!delta) return [];
  const rows: DeltaRow[] = [];
  for (const [field, values] of Object.entries(delta.lists ?? {})) {
    if (values && values.length) rows.push({ field, kind: 'gained', value: values.join(', ') });
  }
  for (const [field, value] of Object.entries(delta.filled ?? {})) {
    if (value) rows.push({ field, kind: 'filled', value });
  }
  for (const c of delta.conflicts ?? [])
    rows.push({ field: c.field, kind: 'conflict', value: c.kept, dropped: c.dropped });
  return rows;
}
