import { websiteDomain, normalizeEmail } from './domain.js';
import { keyOf, tradeId } from './keys.js';
import { normalizeRecord } from './normalize.js';
import { normalizePhone } from './phone.js';
import { toSimplified } from './text.js';
import { normalizeUscc } from './uscc.js';

/**
 * What someone types into a search box, read the way the duplicate check reads a record: a USCC, a phone
 * in any format, an e-mail or web domain, or a name in either script or in pinyin (騰達, 腾达 and `tengda`
 * all find 腾达科技). Returns the identity keys to look up; a free-text search runs beside them.
 */
export function searchKeys(query: string): string[] {
  const text = query.trim();
  if (!text) return [];
  const keys = new Set<string>();
  const uscc = normalizeUscc(text);
  if (uscc?.valid) keys.add(keyOf.uscc(uscc.code));
  const phone = normalizePhone(text);
  if (phone.e164) keys.add(keyOf.phone(phone.e164));
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    if (email) keys.add(keyOf.email(email.address)).add(keyOf.domain(email.domain));
  } else if (/^[\w-]+(\.[\w-]+)+\/?$/i.test(text) || /^https?:\/\//i.test(text)) {
    const domain = websiteDomain(text);
    if (domain) keys.add(keyOf.domain(domain));
  }
  if (keys.size === 0) {
    const features = normalizeRecord({ name: text });
    if (features.tradeName) {
      keys.add(keyOf.trade(tradeId(features)));
      if (features.tradePinyin) keys.add(keyOf.pinyin(features.tradePinyin));
    }
  }
  return [...keys];
}

/** The query as the names are stored: simplified characters, for the substring search beside the keys. */
export const searchText = (query: string) => toSimplified(query.trim());
