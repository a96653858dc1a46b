/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, bigints as decimal
 * strings, undefined members dropped. Two equal values always give the same text, which is what a hash
 * chain needs; PostgreSQL's jsonb reorders keys, so the stored row re-canonicalises to the same text.
 */
export function canonicalize(value: unknown): string {
  return JSON.stringify(normalizeJson(value));
}

/** The plain JSON value that canonicalize() prints (what is stored, so that what is hashed is stored). */
export function normalizeJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold a non-finite number');
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => normalizeJson(v));
  if (value instanceof Set) return [...value].map((v) => normalizeJson(v));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalizeJson(member);
    }
    return out;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
