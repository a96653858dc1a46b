import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
// The server's own phone reading (pure), so the form and the API never disagree about a number.
import { normalizePhone } from '../../../src/modules/matching/phone.js';
// The server's money reading: an amount the form takes has the decimals its currency has, never a float.
import { toMinor } from '../../../src/modules/activities/money.js';

/**
 * Format checks the form runs before anything is sent, the same the server's schema runs: on submit every
 * field in error is shown at once, instead of the first the server happens to reach.
 */
export const isPhone = (value: string): boolean => normalizePhone(value).e164 !== null;

/** The server's e-mail rule (zod's). */
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const isEmail = (value: string): boolean => EMAIL.test(value);

/** The items of a list field that fail `ok` (empty items are not items). */
export function badItems(items: readonly string[], ok: (value: string) => boolean): string[] {
  return items.map((item) => item.trim()).filter((item) => item !== '' && !ok(item));
}

type Check = (value: string) => boolean;

function textRule(ok: Check, message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      typeof value !== 'string' || value.trim() === '' || ok(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** A list typed as one text ("a, b"): names the items that are wrong. */
function listRule(t: TFunction, split: (value: string) => string[], ok: Check, problem: string): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      const bad = typeof value === 'string' ? badItems(split(value), ok) : [];
      return bad.length === 0
        ? Promise.resolve()
        : Promise.reject(new Error(t('common.badItems', { problem, items: bad.join(', ') })));
    },
  };
}

export const phoneRule = (t: TFunction): FormRule => textRule(isPhone, t('problems.invalid_phone'));
export const emailRule = (t: TFunction): FormRule => textRule(isEmail, t('problems.invalid_email'));
export const phoneListRule = (t: TFunction, split: (value: string) => string[]): FormRule =>
  listRule(t, split, isPhone, t('problems.invalid_phone'));
export const emailListRule = (t: TFunction, split: (value: string) => string[]): FormRule =>
  listRule(t, split, isEmail, t('problems.invalid_email'));

/** An amount in `currency` as the server reads it: a decimal with no more decimals than the currency has. */
export const amountRule = (t: TFunction, currency: string, required: boolean): FormRule => ({
  validator: (_rule, value: unknown) => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') return required ? Promise.reject(new Error(t('problems.required'))) : Promise.resolve();
    const minor = toMinor(text, currency);
    return typeof minor === 'bigint'
      ? Promise.resolve()
      : Promise.reject(new Error(t(`problems.${minor.problem}`)));
  },
});
