/** Choices for the organisation form, from the browser's Intl data (the server checks against Node's). */

export function timeZoneOptions(): { value: string; label: string }[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  return [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

export function currencyOptions(language: string): { value: string; label: string }[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language], { type: 'currency' });
  } catch {
    names = undefined;
  }
  return Intl.supportedValuesOf('currency').map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} · ${name}` : code };
  });
}
