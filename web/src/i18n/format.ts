/**
 * Date and time in the UI language, in `timeZone` when given (the organisation's, where times must read
 * the same to everyone) or else the browser's.
 */
export function formatDateTime(iso: string | null | undefined, language: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(language, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    // A zone this browser does not know: its own zone rather than nothing.
    return new Intl.DateTimeFormat(language, options).format(date);
  }
}
