import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneProblem = 'empty' | 'no_area_code' | 'service_number' | 'invalid';

export interface PhoneResult {
  /** E.164 (+8613812345678), extension dropped; null when the input is not a usable number. */
  e164: string | null;
  problem: PhoneProblem | null;
  input: string;
}

const SEPARATORS = /[,;/、，；|\n]+|\s+(?:or|或)\s+/;
// 转 801, 分机801, ext. 801, x801, #801 — an extension says nothing about which company it is.
const EXTENSION = /\s*(?:转|分机|ext\.?|extension|x|#)\s*\d{1,6}\s*$/i;
// 010-62123456-801: a third dash group after a full landline is an extension too.
const DASH_EXTENSION = /^(\(?0\d{2,3}\)?[-\s]?\d{7,8})-\d{1,5}$/;

/** CN mobile validity depends on at most the first five digits (libphonenumber's pattern), so cache it. */
const mobilePrefixValid = new Map<string, boolean>();
/**
 * CN landline validity depends on the area code, the first local digits and the length; parsing costs
 * ~8 µs, so cache by the first six digits and the length (a million-row import has a few thousand).
 */
const landlineValid = new Map<string, boolean>();

function landline(national: string, input: string): PhoneResult | null {
  const key = `${national.slice(0, 6)}|${national.length}`;
  let valid = landlineValid.get(key);
  if (valid === undefined) {
    valid = parsePhoneNumberFromString(national, 'CN')?.isValid() ?? false;
    landlineValid.set(key, valid);
  }
  return valid ? { e164: `+86${national.slice(1)}`, problem: null, input } : null;
}

function mobile(national: string, input: string): PhoneResult {
  const prefix = national.slice(0, 5);
  let valid = mobilePrefixValid.get(prefix);
  if (valid === undefined) {
    valid = parsePhoneNumberFromString(national, 'CN')?.isValid() ?? false;
    mobilePrefixValid.set(prefix, valid);
  }
  return valid ? { e164: `+86${national}`, problem: null, input } : { e164: null, problem: 'invalid', input };
}

/**
 * One phone number → E.164. Chinese numbers are the default: mobiles with or without +86/0086, landlines
 * with their area code (010-6212 3456, 0755 8888 8888, (021)58881234), 400/800 numbers. A landline
 * without area code cannot be placed and is reported, not guessed.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'CN'): PhoneResult {
  const input = raw;
  let text = raw.normalize('NFKC').trim().replace(EXTENSION, '');
  text = text.replace(DASH_EXTENSION, '$1');
  if (!/\d/.test(text)) return { e164: null, problem: 'empty', input };
  const international = /^(?:\+|00)/.test(text);
  let digits = text.replace(/\D/g, '');
  if (international) digits = digits.replace(/^00/, '');
  const chinese = international ? digits.startsWith('86') : defaultCountry === 'CN';
  if (chinese) {
    let national = international ? digits.slice(2) : digits;
    if (!international && national.length === 13 && national.startsWith('86')) national = national.slice(2);
    if (national.length === 11 && national.startsWith('1')) return mobile(national, input);
    if (national.length <= 6) return { e164: null, problem: 'service_number', input };
    if (!national.startsWith('0') && national.length <= 8)
      return { e164: null, problem: 'no_area_code', input };
    const fixed = landline(national.startsWith('0') ? national : `0${national}`, input);
    if (fixed) return fixed;
    const direct = parsePhoneNumberFromString(national, 'CN');
    return direct?.isValid()
      ? { e164: direct.number, problem: null, input }
      : { e164: null, problem: 'invalid', input };
  }
  const parsed = parsePhoneNumberFromString(international ? `+${digits}` : text, defaultCountry);
  return parsed?.isValid()
    ? { e164: parsed.number, problem: null, input }
    : { e164: null, problem: 'invalid', input };
}

export interface PhonesResult {
  phones: string[];
  problems: { input: string; problem: PhoneProblem }[];
}

/** A cell that may hold several numbers ("010-62123456 / 138 1234 5678") → distinct E.164 numbers. */
export function normalizePhones(raw: string | readonly string[] | null | undefined): PhonesResult {
  const phones: string[] = [];
  const problems: PhonesResult['problems'] = [];
  const cells = raw == null ? [] : typeof raw === 'string' ? [raw] : raw;
  for (const cell of cells) {
    for (const part of cell.split(SEPARATORS)) {
      if (!part.trim()) continue;
      const result = normalizePhone(part);
      if (result.e164) {
        if (!phones.includes(result.e164)) phones.push(result.e164);
      } else if (result.problem && result.problem !== 'empty') {
        problems.push({ input: result.input.trim(), problem: result.problem });
      }
    }
  }
  return { phones, problems };
}
