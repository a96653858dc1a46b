import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors.js';
import { ApiError } from '../api/client.js';
import { errorText, MERGE_REFUSALS } from './errorText.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from './testing.js';

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

const error = (code: string, details: Record<string, unknown> = {}, status = 409) =>
  new ApiError(status, code, `server says ${code}`, details);

describe('errorText', () => {
  it('has its own sentence for every code the server can send, in both languages', () => {
    for (const lng of TEST_LANGUAGES) {
      const said = new Set<string>();
      for (const code of Object.keys(ERROR_CODES)) {
        const text = errorText(t[lng], error(code));
        expect(text, `${lng} ${code}`).not.toContain('server says');
        said.add(text);
      }
      // No two codes share a sentence: each says what went wrong in its own words.
      expect(said.size, lng).toBe(Object.keys(ERROR_CODES).length);
    }
  });

  it('names the members and sub-teams that keep a team from being deleted', () => {
    const notEmpty = error('TEAM_NOT_EMPTY', { members: 3, children: 1 });
    expect(errorText(t.en, notEmpty)).toBe('Move the team’s members (3) and sub-teams (1) elsewhere first.');
    expect(errorText(t['zh-CN'], notEmpty)).toBe('请先将该团队的成员（3）和子团队（1）移走。');
  });

  it('no longer reads a team’s members out of a plain CONFLICT', () => {
    expect(errorText(t.en, error('CONFLICT', { members: 3, children: 1 }))).toBe(
      'This conflicts with existing data.',
    );
  });

  it('says why a merge cannot be taken back, for every reason', () => {
    for (const lng of TEST_LANGUAGES) {
      const texts = MERGE_REFUSALS.map((reason) =>
        errorText(t[lng], error('MERGE_NOT_REVERSIBLE', { reason, blockedBy: null })),
      );
      expect(new Set(texts).size, lng).toBe(MERGE_REFUSALS.length);
    }
    expect(
      errorText(t.en, error('MERGE_NOT_REVERSIBLE', { reason: 'survivor_merged', blockedBy: 'x' })),
    ).toContain('Take that later merge back first');
  });

  it('says what state a customer or an import is in', () => {
    expect(errorText(t.en, error('ACCOUNT_NOT_ACTIVE', { status: 'archived' }))).toBe(
      'This customer is archived; restore it first.',
    );
    expect(errorText(t.en, error('ACCOUNT_NOT_ACTIVE', { id: 'x', status: null }))).toBe(
      'This customer no longer exists.',
    );
    const wrongState = error('IMPORT_WRONG_STATE', { status: 'importing', expected: 'review' });
    expect(errorText(t.en, wrongState)).toBe(
      'The import is “Importing”, but this needs it “Ready for review”. Reload the page.',
    );
    expect(errorText(t['zh-CN'], wrongState)).not.toMatch(ENGLISH_WORD);
  });

  it('names the login or team name that is taken, rather than only the field', () => {
    const taken = error(
      'LOGIN_TAKEN',
      { login: 'li.lei', fields: [{ field: 'login', problem: 'taken', message: 'is already taken' }] },
      409,
    );
    expect(errorText(t.en, taken)).toBe('Another user already has the login “li.lei”.');
    expect(errorText(t['zh-CN'], error('TEAM_NAME_TAKEN', { name: '华东' }))).toBe(
      '此处已有名为“华东”的团队。',
    );
  });

  it('asks to try again shortly when others hold the same records', () => {
    const busy = new ApiError(503, 'CONTENTION', 'busy', { retryAfterSeconds: 1 }, 1);
    expect(errorText(t.en, busy)).toBe(
      'Others are changing the same records right now. Try again in 1 second.',
    );
    expect(errorText(t.en, error('CONTENTION', {}, 503))).toBe(
      'Others are changing the same records right now. Try again shortly.',
    );
  });

  it('falls back to the field problems, then to the server’s message for a code it does not know', () => {
    const invalid = error(
      'VALIDATION_FAILED',
      { fields: [{ field: 'legalName', problem: 'required', message: 'is required' }] },
      400,
    );
    expect(errorText(t.en, invalid)).toBe('Legal name: This is required');
    expect(errorText(t.en, error('SOMETHING_NEW'))).toBe('server says SOMETHING_NEW');
  });
});
