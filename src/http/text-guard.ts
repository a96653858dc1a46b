import type { FieldProblem } from '../errors.js';

/**
 * Text the database cannot hold or that is not text at all: a NUL character (PostgreSQL refuses it in text
 * and jsonb) or a lone UTF-16 surrogate (not Unicode). Found anywhere in a request — body, query, path —
 * it is refused before validation with the field it sits in, instead of failing deep in a query.
 */
// In a /u regex a surrogate pair is one code point, so \p{Cs} matches only a surrogate standing alone.
const LONE_SURROGATE = /\p{Cs}/u;

export function badTextProblem(value: unknown, path: string, seen = 0): FieldProblem | null {
  if (seen > 10_000) return null;
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
      return {
        field: path || 'body',
        problem: 'bad_character',
        message: 'contains a NUL character or an unpaired surrogate',
      };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = badTextProblem(value[i], path ? `${path}.${i}` : String(i), seen + i);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, member] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const inKey = badTextProblem(key, field, seen);
      if (inKey) return inKey;
      const problem = badTextProblem(member, field, seen + 1);
      if (problem) return problem;
    }
  }
  return null;
}
