import { describe, expect, it } from 'vitest';
import { badTextProblem } from './text-guard.js';

describe('text the database cannot hold', () => {
  it('names the field holding a NUL or a lone surrogate, anywhere in the request', () => {
    expect(badTextProblem({ legalName: 'a\u0000b' }, '')).toMatchObject({
      field: 'legalName',
      problem: 'bad_character',
    });
    expect(badTextProblem({ contacts: [{ name: 'ok' }, { name: '\ud800' }] }, '')?.field).toBe(
      'contacts.1.name',
    );
    expect(badTextProblem({ q: 'x\udc00' }, '')?.field).toBe('q');
    expect(badTextProblem({ ['k\u0000']: 1 }, '')?.field).toBe('k\u0000');
  });

  it('lets every well-formed text through, surrogate pairs included', () => {
    expect(
      badTextProblem({ legalName: '𠮷野家（北京）餐饮有限公司 😀', tags: ['a', 'b'], n: 1, x: null }, ''),
    ).toBeNull();
    expect(badTextProblem(Buffer.from([0, 1, 2]), '')).toBeNull();
  });
});
