import type { Case } from '../../api/types.js';

/**
 * The deadline a case runs against now: its first response until someone takes it up, then its decision.
 * `seconds` is left (negative once overdue). Closed cases run against nothing.
 */
export interface SlaState {
  due: 'respondBy' | 'decideBy';
  at: string;
  seconds: number;
  overdue: boolean;
}

export function slaState(
  c: Pick<Case, 'status' | 'respondBy' | 'decideBy' | 'firstResponseAt'>,
  now: number,
): SlaState | null {
  if (c.status !== 'open' && c.status !== 'under_review') return null;
  const respond = Date.parse(c.respondBy);
  const decide = Date.parse(c.decideBy);
  // The first response is due first; once it is overdue the decision may be too — the nearer one counts.
  const due = !c.firstResponseAt && respond <= decide ? 'respondBy' : 'decideBy';
  const at = due === 'respondBy' ? respond : decide;
  const seconds = Math.round((at - now) / 1000);
  const overdue = seconds < 0 || (due === 'respondBy' && decide < now);
  return { due, at: due === 'respondBy' ? c.respondBy : c.decideBy, seconds, overdue };
}

/** A span in days, hours or minutes, largest unit first: what a countdown shows. */
export function spanParts(seconds: number): { unit: 'days' | 'hours' | 'minutes'; count: number } {
  const s = Math.abs(seconds);
  if (s >= 2 * 86_400) return { unit: 'days', count: Math.floor(s / 86_400) };
  if (s >= 3_600) return { unit: 'hours', count: Math.floor(s / 3_600) };
  return { unit: 'minutes', count: Math.max(1, Math.ceil(s / 60)) };
}
