/**
 * Concurrent quotes (重复报价): two different parties — two teams, or a team and a partner — quoting the same
 * customer, or two customers of one group (a parent and its subsidiaries), in validity windows that overlap.
 * Pure: the repository finds the candidates, this decides which of them clash and over which dates.
 */

export interface QuoteFacts {
  id: string;
  accountId: string;
  /** The group the customer belongs to: its parent's id, or its own when it has no parent. */
  groupId: string;
  teamId: string | null;
  partnerId: string | null;
  createdBy: string | null;
  /** Business dates, YYYY-MM-DD. */
  validFrom: string;
  validUntil: string;
}

export interface Clash {
  other: QuoteFacts;
  window: { from: string; until: string };
}

/** Who quoted: a partner, else a team, else the person (someone outside any team is a party of one). */
export function partyOf(q: Pick<QuoteFacts, 'teamId' | 'partnerId' | 'createdBy'>): string {
  if (q.partnerId) return `partner:${q.partnerId}`;
  if (q.teamId) return `team:${q.teamId}`;
  return `user:${q.createdBy ?? 'system'}`;
}

/** The quotes `sent` clashes with, each with the dates both are valid. */
export function concurrentQuotes(sent: QuoteFacts, others: readonly QuoteFacts[]): Clash[] {
  const party = partyOf(sent);
  return others.flatMap((other) => {
    if (other.id === sent.id || other.groupId !== sent.groupId || partyOf(other) === party) return [];
    const from = sent.validFrom > other.validFrom ? sent.validFrom : other.validFrom;
    const until = sent.validUntil < other.validUntil ? sent.validUntil : other.validUntil;
    return from <= until ? [{ other, window: { from, until } }] : [];
  });
}
