import type { Work } from '../../kernel/index.js';
import * as repo from './ledger.repo.js';
import { recoveryContextIfRules, storeDeadlines, type RecoveryContext } from './protection.js';

/**
 * The ownership ledger: every change of holder ends the open claim and opens the next one, then writes the
 * holder onto the account (the projection other modules read as `owner_id`, `partner_id`, `pool_id`). The
 * partial unique index on open claims is the database's last word: two writers that both got past their
 * checks cannot both open a claim on one customer.
 */

export type Holder =
  | { type: 'user'; userId: string; partnerId: string | null }
  | { type: 'team'; teamId: string }
  | { type: 'partner'; partnerId: string }
  | { type: 'pool'; poolId: string };

export type ClaimKind = 'protected' | 'long_term' | 'locked' | 'queued' | 'pooled';

/** How a claim came about — the ledger's history column, and the word the UI translates. */
export const VIAS = [
  'admission',
  'assignment',
  'claim',
  'distribute',
  'recovery',
  'release',
  'transfer',
  'lock',
  'unlock',
  'won',
  'request',
  'migration',
  'registration',
] as const;
export type Via = (typeof VIAS)[number];

export interface Move {
  accountId: string;
  to: Holder;
  claimKind?: ClaimKind;
  via: Via;
  decisionId: string | null;
  /** Why the open claim ends (the next claim's `via` unless said otherwise). */
  endReason?: string;
  /** When the new claim ends, where its mover says (a partner's protection); else recovery rules decide. */
  endsAt?: string | null;
}

const defaultKind = (h: Holder): ClaimKind =>
  h.type === 'pool' ? 'pooled' : h.type === 'team' ? 'queued' : 'protected';

export function holderOf(claim: repo.ClaimRow | null): Holder | null {
  if (!claim) return null;
  switch (claim.holder) {
    case 'user':
      return { type: 'user', userId: claim.user_id!, partnerId: claim.partner_id };
    case 'team':
      return { type: 'team', teamId: claim.team_id! };
    case 'partner':
      return { type: 'partner', partnerId: claim.partner_id! };
    case 'pool':
      return { type: 'pool', poolId: claim.pool_id! };
  }
}

/**
 * Applies moves inside the caller's unit of work, whose accounts it has locked (`repo.lockAccounts`).
 * Returns the new claims, deadlines computed for the protected ones.
 */
export async function applyMoves(
  w: Work,
  moves: readonly Move[],
  options: {
    at?: string;
    recovery?: RecoveryContext;
    /** The moved accounts' open claims, when the caller read them under its locks (saves reading again). */
    current?: ReadonlyMap<string, repo.ClaimRow>;
  } = {},
): Promise<repo.ClaimRow[]> {
  if (moves.length === 0) return [];
  const at = options.at ?? new Date().toISOString();
  const current =
    options.current ??
    (await repo.openClaims(
      w.tx,
      moves.map((m) => m.accountId),
    ));
  const byReason = new Map<string, string[]>();
  for (const m of moves) {
    const open = current.get(m.accountId);
    if (!open) continue;
    const reason = m.endReason ?? m.via;
    byReason.set(reason, [...(byReason.get(reason) ?? []), open.id]);
  }
  for (const [reason, ids] of byReason) await repo.endClaims(w.tx, ids, reason, at);
  const inserted = await repo.insertClaims(
    w.tx,
    moves.map((m) => ({
      account_id: m.accountId,
      holder: m.to.type,
      user_id: m.to.type === 'user' ? m.to.userId : null,
      team_id: m.to.type === 'team' ? m.to.teamId : null,
      partner_id: m.to.type === 'user' || m.to.type === 'partner' ? m.to.partnerId : null,
      pool_id: m.to.type === 'pool' ? m.to.poolId : null,
      kind: m.claimKind ?? defaultKind(m.to),
      via: m.via,
      started_at: at,
      ends_at: m.endsAt ?? null,
      ends_rule: null,
      decision_id: m.decisionId,
      made_by: w.actor.id,
    })),
  );
  const protectedOnes = inserted.filter((c) => c.kind === 'protected' && c.holder === 'user');
  const recovery =
    protectedOnes.length > 0 ? (options.recovery ?? (await recoveryContextIfRules(w.tx))) : null;
  if (recovery && recovery.rules.length > 0) {
    const claims = await repo.protectedClaimsOf(
      w.tx,
      protectedOnes.map((c) => c.account_id),
    );
    const outcomes = await storeDeadlines(w.tx, recovery, claims);
    for (const c of inserted) {
      const d = outcomes.get(c.id)?.deadline;
      if (d) {
        c.ends_at = d.endsAt;
        c.ends_rule = d;
      }
    }
  }
  return inserted;
}
