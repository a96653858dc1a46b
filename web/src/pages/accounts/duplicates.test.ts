import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { CheckResult } from '../../api/types.js';
import { checkFromError, duplicatesOf, existingAccountId, warningsFor } from './duplicates.js';

const visible = {
  verdict: 'same' as const,
  visible: true,
  owned: true,
  accountId: 'a1',
  legalName: '字节跳动（北京）科技有限公司',
  score: 0.98,
  reasons: [{ code: 'name.equal' as const, params: { a: '字节跳动', b: '字节跳动' }, points: 3 }],
};

describe('checkFromError', () => {
  it('turns a 409 DUPLICATE_ACCOUNT into a blocking result with its matches', () => {
    const error = new ApiError(409, 'DUPLICATE_ACCOUNT', 'exists', {
      matches: [visible, { verdict: 'same', visible: false, owned: false }, { nonsense: true }],
    });
    expect(checkFromError(error)).toEqual({
      verdict: 'same',
      matches: [visible, { verdict: 'same', visible: false, owned: false }],
      warnings: [],
    });
  });

  it('turns POSSIBLE_DUPLICATE into a result needing confirmation, even without matches', () => {
    expect(checkFromError(new ApiError(409, 'POSSIBLE_DUPLICATE', 'x'))).toEqual({
      verdict: 'possible',
      matches: [],
      warnings: [],
    });
  });

  it('ignores other errors', () => {
    expect(checkFromError(new ApiError(409, 'CONFLICT', 'x'))).toBeNull();
    expect(checkFromError(new Error('x'))).toBeNull();
  });
});

describe('existingAccountId', () => {
  it('points to a visible same match only', () => {
    const hidden: CheckResult = {
      verdict: 'same',
      matches: [{ verdict: 'same', visible: false, owned: true }],
      warnings: [],
    };
    expect(existingAccountId(hidden)).toBeUndefined();
    expect(existingAccountId({ verdict: 'same', matches: [visible], warnings: [] })).toBe('a1');
    expect(
      existingAccountId({
        verdict: 'possible',
        matches: [{ ...visible, verdict: 'possible' }],
        warnings: [],
      }),
    ).toBeUndefined();
  });
});

describe('duplicatesOf', () => {
  it('leaves the account itself and hidden matches out', () => {
    const result: CheckResult = {
      verdict: 'same',
      matches: [
        visible,
        { ...visible, accountId: 'a2' },
        { verdict: 'possible', visible: false, owned: true },
      ],
      warnings: [],
    };
    expect(duplicatesOf(result, 'a1').map((m) => m.accountId)).toEqual(['a2']);
  });
});

describe('warningsFor', () => {
  it('gives the texts of one field’s warnings', () => {
    const result: CheckResult = {
      verdict: 'none',
      matches: [],
      warnings: [
        { field: 'uscc', problem: 'uscc_check', message: 'bad' },
        { field: 'phones', problem: 'x', message: 'y' },
      ],
    };
    expect(warningsFor(result, 'uscc', (w) => w.problem)).toEqual(['uscc_check']);
  });
});
