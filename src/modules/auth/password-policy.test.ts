import { describe, expect, it } from 'vitest';
import { generatePassword } from './password.js';
import { passwordProblem } from './password-policy.js';

const code = (password: string, owner = {}) => passwordProblem(password, owner)?.problem ?? null;

describe('password policy', () => {
  it('refuses short, common and guessable passwords', () => {
    expect(code('12345678')).toBe('password_too_short');
    expect(code('1234567890')).toBe('password_common');
    expect(code('qwertyuiop')).toBe('password_common');
    expect(code('password1234')).toBe('password_weak');
    expect(code('woaini1314520')).toBe('password_weak');
    expect(code('x'.repeat(257))).toBe('password_too_long');
  });

  it('refuses a password built from the login or the name', () => {
    expect(code('alice-in-wonderland-7', { login: 'alice' })).toBe('password_contains_name');
    expect(code('Zhangwei#2026spring', { login: 'zw', name: 'Zhangwei Li' })).toBe('password_contains_name');
  });

  it('accepts long, unguessable ones, and every generated one', () => {
    expect(code('correct horse battery staple')).toBeNull();
    expect(code('river-Lantern-77-quietly')).toBeNull();
    for (let i = 0; i < 20; i++) expect(code(generatePassword())).toBeNull();
  });

  it('names the field and says what is wrong, for the UI to translate', () => {
    expect(passwordProblem('short', {}, 'newPassword')).toEqual({
      field: 'newPassword',
      problem: 'password_too_short',
      message: 'must be at least 10 characters',
    });
  });
});
