/**
 * Price lists, pure: which entry prices a product in a currency on a date for a tier, and whether a new
 * entry's validity overlaps one already there. A tier's price wins over the list price; neither is chosen
 * when its span does not hold the date. Spans are business dates, `validUntil` inclusive, null open-ended.
 */
export interface PriceEntry {
  id: string;
  tierCode: string | null;
  currency: string;
  priceMinor: string;
  validFrom: string;
  validUntil: string | null;
}

const holds = (e: Pick<PriceEntry, 'validFrom' | 'validUntil'>, date: string) =>
  e.validFrom <= date && (e.validUntil === null || date <= e.validUntil);

/** The entry of the same currency and tier whose span meets the candidate's, if any. */
export function overlappingPrice(
  entries: readonly PriceEntry[],
  candidate: Omit<PriceEntry, 'id' | 'priceMinor'>,
): PriceEntry | undefined {
  return entries.find(
    (e) =>
      e.currency === candidate.currency &&
      e.tierCode === candidate.tierCode &&
      (e.validUntil === null || candidate.validFrom <= e.validUntil) &&
      (candidate.validUntil === null || e.validFrom <= candidate.validUntil),
  );
}

/** The tier's entry holding on the date, else the list price's, else none. */
export function pickPrice(
  entries: readonly PriceEntry[],
  query: { currency: string; date: string; tierCode?: string | null | undefined },
): { entry: PriceEntry; source: 'tier' | 'list' } | null {
  const at = (tier: string | null) =>
    entries.find((e) => e.currency === query.currency && e.tierCode === tier && holds(e, query.date));
  const tier = query.tierCode ? at(query.tierCode) : undefined;
  if (tier) return { entry: tier, source: 'tier' };
  const list = at(null);
  return list ? { entry: list, source: 'list' } : null;
}
