import { addDays, localDate, startOfLocalDate } from './deadline.js';

/**
 * The priority window of a pool (优先领取): for a while after a customer enters the pool, only the members
 * ranked highest by a measure of last month's results may claim it. Pure: the ledger's numbers come in,
 * a rank and a verdict go out.
 */

export const PRIORITY_MEASURES = ['won_amount', 'won_count', 'follow_ups'] as const;
export type PriorityMeasure = (typeof PRIORITY_MEASURES)[number];

export interface PriorityRule {
  hours: number;
  measure: PriorityMeasure;
  /** Exactly one of the two: the top N members, or the top per cent of them. */
  topN: number | null;
  topPercent: number | null;
}

export interface Standing {
  userId: string;
  /** Minor units for won_amount, a count otherwise. */
  value: bigint;
}

export interface Ranked extends Standing {
  rank: number;
}

/**
 * Competition ranking ("1224"): members with equal results share a rank, so a tie never depends on who
 * happens to sort first — both qualify or neither does. The order within a rank is by user id, only to
 * make the list itself reproducible.
 */
export function rankStandings(standings: readonly Standing[]): Ranked[] {
  const sorted = [...standings].sort((a, b) =>
    a.value === b.value
      ? a.userId < b.userId
        ? -1
        : a.userId > b.userId
          ? 1
          : 0
      : a.value > b.value
        ? -1
        : 1,
  );
  const out: Ranked[] = [];
  sorted.forEach((s, i) => {
    const previous = out[i - 1];
    out.push({ ...s, rank: previous && previous.value === s.value ? previous.rank : i + 1 });
  });
  return out;
}

/** The worst rank that still qualifies: N, or the top per cent of the members rounded up (at least 1). */
export function rankNeeded(rule: Pick<PriorityRule, 'topN' | 'topPercent'>, members: number): number {
  if (rule.topN !== null) return rule.topN;
  return Math.max(1, Math.ceil((members * (rule.topPercent ?? 100)) / 100));
}

/** "Last period": the calendar month before the one `now` falls in, where the organisation is. */
export function previousMonth(now: Date, timeZone: string): { from: string; to: string } {
  const today = localDate(now, timeZone);
  const firstOfThis = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfThis, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The instants a month of local dates covers: from its first midnight up to the next month's. */
export function periodInstants(period: { from: string; to: string }, timeZone: string) {
  return {
    start: startOfLocalDate(period.from, timeZone),
    end: startOfLocalDate(addDays(period.to, 1), timeZone),
  };
}

/** When the window of a customer pooled at `pooledAt` closes, or null when the pool has none. */
export function windowEnds(rule: Pick<PriorityRule, 'hours'>, pooledAt: string): string | null {
  if (rule.hours <= 0) return null;
  return new Date(Date.parse(pooledAt) + rule.hours * 3_600_000).toISOString();
}

export interface PriorityVerdict {
  qualifies: boolean;
  rank: number;
  rankNeeded: number;
  members: number;
  value: bigint;
}

/**
 * Whether `userId` may claim now. The claimant is always ranked among the members (a sales-ops person
 * outside the member teams is still ranked, by its own results).
 */
export function priorityVerdict(
  rule: PriorityRule,
  standings: readonly Standing[],
  userId: string,
): PriorityVerdict {
  const all = standings.some((s) => s.userId === userId) ? standings : [...standings, { userId, value: 0n }];
  const ranked = rankStandings(all);
  const me = ranked.find((r) => r.userId === userId)!;
  const needed = rankNeeded(rule, ranked.length);
  return {
    qualifies: me.rank <= needed,
    rank: me.rank,
    rankNeeded: needed,
    members: ranked.length,
    value: me.value,
  };
}
