import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';
import type { PlanRules } from './rules.js';

/**
 * Plan periods as calendar dates (ISO `YYYY-MM-DD`, no time zone: a period is a range of business days).
 * Months are calendar months; quarters and years start at the plan year's first month.
 */

type Calendar = Pick<PlanRules, 'period' | 'yearStartMonth'>;

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const monthsIn = (period: Calendar['period']) => (period === 'month' ? 1 : period === 'quarter' ? 3 : 12);

/** The first day of the plan year containing `date`. */
export function yearStartOf(rules: Calendar, date: string): string {
  const d = parseISO(date);
  const month = d.getMonth() + 1;
  const year = month >= rules.yearStartMonth ? d.getFullYear() : d.getFullYear() - 1;
  return `${year}-${String(rules.yearStartMonth).padStart(2, '0')}-01`;
}

/** The period containing `date`. */
export function periodOf(rules: Calendar, date: string): { start: string; end: string } {
  const yearStart = parseISO(yearStartOf(rules, date));
  const d = parseISO(date);
  const monthsSince = (d.getFullYear() - yearStart.getFullYear()) * 12 + d.getMonth() - yearStart.getMonth();
  const size = monthsIn(rules.period);
  const start = addMonths(yearStart, Math.floor(monthsSince / size) * size);
  return { start: iso(start), end: iso(addDays(addMonths(start, size), -1)) };
}

export const isPeriodStart = (rules: Calendar, date: string) => periodOf(rules, date).start === date;

export function nextPeriod(rules: Calendar, start: string) {
  return periodOf(rules, iso(addMonths(parseISO(start), monthsIn(rules.period))));
}

export const daysBetween = (from: string, to: string) =>
  differenceInCalendarDays(parseISO(to), parseISO(from)) + 1;

export const plusDays = (date: string, days: number) => iso(addDays(parseISO(date), days));

/** Days of the period a payee was on the plan, and the period's days (for prorating its target). */
export function daysOnPlan(
  period: { start: string; end: string },
  payee: { startDate: string; endDate: string | null },
): { on: number; of: number } {
  const from = payee.startDate > period.start ? payee.startDate : period.start;
  const to = payee.endDate !== null && payee.endDate < period.end ? payee.endDate : period.end;
  return { on: to < from ? 0 : daysBetween(from, to), of: daysBetween(period.start, period.end) };
}
