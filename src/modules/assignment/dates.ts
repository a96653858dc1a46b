/** Calendar days in the organisation's time zone: absences and "last period" are counted there. Pure. */

/** The date (YYYY-MM-DD) it is at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The calendar month before the one `date` falls in: its first day, and the first day of `date`'s month. */
export function previousMonth(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const prior = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const day = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  return { from: day(prior.y, prior.m), to: day(year, month) };
}
