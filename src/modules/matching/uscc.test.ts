import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeUscc, usccCheckChar, usccProvince } from './uscc.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('USCC (GB 32100-2015)', () => {
  it('computes the check character', () => {
    // Built here from their first 17 characters, then checked against the published codes.
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(usccCheckChar('9144030071526726X')).toBe('G');
    expect(usccCheckChar('91110000802100433')).toBe('B');
    expect(usccCheckChar('91110108551385082')).toBe('Q');
    expect(usccCheckChar('9111010555138508I')).toBeNull(); // I is not in the code set
  });

  it('accepts valid codes, upper-casing and removing spaces and dashes', () => {
    expect(normalizeUscc('914403001922038216')).toEqual({
      code: '914403001922038216',
      valid: true,
      problem: null,
    });
    expect(normalizeUscc('9144 0300 7152 6726 xg')).toEqual({
      code: '9144030071526726XG',
      valid: true,
      problem: null,
    });
    expect(normalizeUscc('９１１１０１０８５５１３８５０８２Ｑ')?.valid).toBe(true);
  });

  it('reports broken codes with the reason', () => {
    expect(normalizeUscc('914403001922038217')).toMatchObject({ valid: false, problem: 'check' });
    expect(normalizeUscc('91440300192203821')).toMatchObject({ valid: false, problem: 'length' });
    expect(normalizeUscc('91440300192203821O')).toMatchObject({ valid: false, problem: 'charset' });
    expect(normalizeUscc('91ABCDEF1922038216')).toMatchObject({ valid: false, problem: 'division' });
    expect(normalizeUscc('')).toBeNull();
    expect(normalizeUscc(null)).toBeNull();
  });

  it('catches every single-character typo in a valid code', () => {
    const body = fc.tuple(
      fc.string({ unit: fc.constantFrom(...'123456789'), minLength: 2, maxLength: 2 }),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 }),
    );
    fc.assert(
      fc.property(body, fc.nat(16), fc.nat(30), ([head, division, org], at, shift) => {
        const first17 = head + division + org;
        const code = first17 + (usccCheckChar(first17) ?? '');
        expect(normalizeUscc(code)?.valid).toBe(true);
        const original = code[at] ?? '0';
        const replaced = ALPHABET[(ALPHABET.indexOf(original) + 1 + shift) % 31] ?? '0';
        fc.pre(replaced !== original && (at < 2 || at > 7 || /\d/.test(replaced)));
        const typo = code.slice(0, at) + replaced + code.slice(at + 1);
        expect(normalizeUscc(typo)?.valid).toBe(false);
      }),
    );
  });

  it('reads the province of registration from the division code', () => {
    expect(usccProvince('914403001922038216')).toBe('广东');
    expect(usccProvince('91110108551385082Q')).toBe('北京');
    expect(usccProvince('911000001000013428')).toBeNull();
  });
});
