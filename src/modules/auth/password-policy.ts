import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldProblem } from '../../errors.js';

/**
 * What a password must be (OWASP ASVS L2, V2.1): long enough, not among the passwords breaches and guessing
 * lists are made of (zxcvbn's offline dictionaries and pattern matching — keyboard walks, dates, l33t — with
 * no network), and not built from the person's own login or name.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" for an online attack and slows an offline one. */
const MIN_SCORE = 3;

// Popular in Chinese breaches and missing from the English-centred lists.
const CHINESE_FAVOURITES = ['woaini', '5201314', '1314520', 'qq123456', 'aini1314', 'zhang', 'wang', 'li'];

let checker: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (checker ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

export interface PasswordOwner {
  login?: string | undefined;
  name?: string | undefined;
}

/** Every reason the password is refused, with a code the UI translates; none when it will do. */
export function passwordProblem(
  password: string,
  owner: PasswordOwner = {},
  field = 'password',
): FieldProblem | null {
  const problem = (code: string, message: string): FieldProblem => ({ field, problem: code, message });
  if (password.length < PASSWORD_MIN_LENGTH)
    return problem('password_too_short', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    return problem('password_too_long', `must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  const own = [owner.login, ...(owner.name ?? '').split(/\s+/)]
    .map((part) => part?.trim().toLowerCase() ?? '')
    .filter((part) => part.length >= 3);
  if (own.some((part) => lower.includes(part)))
    return problem('password_contains_name', 'must not contain your login or name');
  const result = zxcvbn().check(password, [...own, 'fairshare', ...CHINESE_FAVOURITES]);
  const common = result.sequence.some(
    (m) =>
      m.pattern === 'dictionary' &&
      m.dictionaryName === 'passwords-common' &&
      m.token.length >= password.length - 2,
  );
  if (common) return problem('password_common', 'is one of the most common passwords');
  if (result.score < MIN_SCORE) return problem('password_weak', 'is too easy to guess; use a longer phrase');
  return null;
}
