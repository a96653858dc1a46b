import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, normalizeJson } from './canonical-json.js';

describe('canonicalize', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalize({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"z":1}]},"b":1}',
    );
  });

  it('prints dates as ISO strings and bigints as decimal strings', () => {
    expect(canonicalize({ at: new Date('2026-01-02T03:04:05.006Z'), n: 12345678901234567890n })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z","n":"12345678901234567890"}',
    );
  });

  it('refuses values JSON cannot hold faithfully', () => {
    expect(() => canonicalize({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalize({ f: () => 1 })).toThrow(TypeError);
  });

  it('is the same text whatever order keys were inserted in, and stable through a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(JSON.parse(text))).toBe(text);
        expect(canonicalize(normalizeJson(value))).toBe(text);
      }),
    );
  });
});
