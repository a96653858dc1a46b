import type { DecisionEvidence } from '../../api/types.js';

export interface MatchedParty {
  type: 'account' | 'registration';
  id: string;
  /** `same` / `possible` from matching; `holder` when only the holding evidence names it. */
  verdict: string;
  score: number | null;
  /** The account's direct owner or holding partner, the registration's protection end, as the evidence says. */
  ownerId: string | null;
  partnerId: string | null;
  protectedUntil: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Whom a registration's customer matched, for the reviewer's side-by-side view: the accounts and
 * registrations the verdict's evidence names, strongest first, each once, with what holds them. For the
 * channel only: partners never receive a decision.
 */
export function matchedParties(evidence: readonly DecisionEvidence[]): MatchedParty[] {
  const byKey = new Map<string, MatchedParty>();
  const entry = (type: MatchedParty['type'], id: string) => {
    const key = `${type}:${id}`;
    const found = byKey.get(key);
    if (found) return found;
    const made: MatchedParty = {
      type,
      id,
      verdict: 'holder',
      score: null,
      ownerId: null,
      partnerId: null,
      protectedUntil: null,
    };
    byKey.set(key, made);
    return made;
  };
  for (const item of evidence) {
    const p = item.params;
    if (item.code.startsWith('match.') && item.code !== 'match.none') {
      const accountId = str(p.accountId);
      const registrationId = str(p.registrationId);
      const id = accountId ?? registrationId;
      if (!id) continue;
      const party = entry(accountId ? 'account' : 'registration', id);
      party.verdict = item.code.slice('match.'.length);
      party.score = typeof p.score === 'number' ? p.score : null;
    } else if (item.code === 'registration.account' && str(p.accountId)) {
      const party = entry('account', str(p.accountId)!);
      party.ownerId = str(p.ownerId);
      party.partnerId = str(p.partnerId);
    } else if (item.code === 'registration.held' && str(p.registrationId)) {
      const party = entry('registration', str(p.registrationId)!);
      party.partnerId = str(p.partnerId);
      party.protectedUntil = str(p.protectedUntil);
    }
  }
  const rank = (v: string) => (v === 'same' ? 0 : v === 'holder' ? 1 : v === 'possible' ? 2 : 3);
  return [...byKey.values()].sort(
    (a, b) => rank(a.verdict) - rank(b.verdict) || (b.score ?? 0) - (a.score ?? 0),
  );
}
