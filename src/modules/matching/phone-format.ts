import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored E.164 number as people in China write it: 138 1234 5678 for a mobile, 010-6234 5678 for a
 * landline (area code, dash, number); other countries' numbers in international form; anything else as
 * stored. Pure and small (libphonenumber's minimal metadata): the web bundles it.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.countryCallingCode !== '86') return parsed.formatInternational();
  const national = parsed.formatNational();
  return national.startsWith('0') ? national.replace(' ', '-') : national;
}

export const formatPhones = (phones: readonly string[]) => phones.map(formatPhone).join(', ');
