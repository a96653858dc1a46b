/** Currencies offered in the forms; the server accepts any ISO 4217 code. */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'] as const;

/** An amount as people read it: grouped digits in the UI language, the server's decimals kept as sent. */
export function formatAmount(amount: string, currency: string, language: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = new Intl.NumberFormat(language, { useGrouping: true }).format(BigInt(whole));
  return `${grouped}${fraction ? `.${fraction}` : ''} ${currency}`;
}

/** An amount field: digits with an optional decimal part, checked again by the server against the currency. */
export const AMOUNT_PATTERN = /^\d+(\.\d+)?$/;
