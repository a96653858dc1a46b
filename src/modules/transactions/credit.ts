import { evidence, type Evidence } from '../../kernel/index.js';
import { allocate, shareOf } from '../../kernel/allocate.js';

/**
 * Who is credited for a transaction, from facts as they stood at its date. Pure: the repository reads the
 * ownership ledger as of the date (`creditFactsAt`), this decides.
 *
 * Rules (`credit.ledger`, version 1):
 * - the holder of record at the end of the transaction date gets the primary share — a person holding the
 *   customer (`credit.owner`, citing the claim), or a partner holding it through a protected registration
 *   (`credit.partner_registration`, citing the claim and the registration);
 * - account-team members whose membership covered that date take their role's default share in basis
 *   points out of the 100 % (assisting rep, key account manager: `credit.team`); the primary keeps the rest;
 * - a product specialist's share is overlay (`credit.overlay`): computed on its own on top of the 100 %;
 * - a former owner kept on the team gets nothing (its sales are before the transfer, credited then);
 * - when nobody holds the customer (a pool, a team queue), the primary share is unassigned
 *   (`credit.no_holder`), so the split still sums to the amount and sales ops can split it by hand.
 * Revenue lines are split by largest remainder (`allocate`); overlay lines are amount × share rounded half
 * to even. A manual split (`credit.manual_split`, rule `credit.manual_split`) replaces all of this.
 */

export const CREDIT_RULE = { id: 'credit.ledger', version: 1 } as const;
export const SPLIT_RULE = { id: 'credit.manual_split', version: 1 } as const;

export type Holder =
  | { type: 'user'; userId: string; claimId: string; since: string }
  | { type: 'partner'; partnerId: string; claimId: string; since: string; registrationId: string | null }
  | { type: 'none'; claimId: string | null; holder: string | null };

export interface TeamMember {
  userId: string;
  role: 'assisting_rep' | 'product_specialist' | 'key_account_manager' | 'former_owner';
  creditBp: number;
  addedAt: string;
  until: string | null;
}

export interface CreditFacts {
  /** The instant the ledger was read at: the end of the transaction date in the organisation's zone. */
  at: string;
  date: string;
  holder: Holder;
  team: TeamMember[];
}

export interface CreditLineDraft {
  payeeType: 'user' | 'partner' | 'unassigned';
  userId: string | null;
  partnerId: string | null;
  role: string;
  overlay: boolean;
  shareBp: number;
  amount: bigint;
  source: 'owner_claim' | 'partner_registration' | 'account_team' | 'manual_split' | 'no_holder';
  sourceId: string | null;
  evidence: Evidence[];
}

const REVENUE_TEAM_ROLES = new Set(['assisting_rep', 'key_account_manager']);

/** Revenue drafts with their weights in, amounts out: the parts sum to `amount` exactly. */
function splitRevenue(amount: bigint, drafts: Omit<CreditLineDraft, 'amount'>[]): CreditLineDraft[] {
  const parts = allocate(
    amount,
    drafts.map((d) => BigInt(d.shareBp)),
  );
  return drafts.map((d, i) => ({ ...d, amount: parts[i]!, evidence: withAmount(d.evidence, parts[i]!) }));
}

const withAmount = (list: Evidence[], amount: bigint): Evidence[] =>
  list.map((e) => ({ ...e, params: { ...e.params, amount: amount.toString() } }));

export function deriveCredit(facts: CreditFacts, amount: bigint): CreditLineDraft[] {
  const holderUser = facts.holder.type === 'user' ? facts.holder.userId : null;
  const members = facts.team.filter((m) => m.creditBp > 0 && m.userId !== holderUser);
  const revenueTeam = members.filter((m) => REVENUE_TEAM_ROLES.has(m.role));
  const overlayTeam = members.filter((m) => m.role === 'product_specialist');
  const teamBp = revenueTeam.reduce((s, m) => s + m.creditBp, 0);
  const primaryBp = Math.max(0, 10_000 - teamBp);
  const common = { date: facts.date, shareBp: primaryBp };
  const primary: Omit<CreditLineDraft, 'amount'> =
    facts.holder.type === 'user'
      ? {
          payeeType: 'user',
          userId: facts.holder.userId,
          partnerId: null,
          role: 'owner',
          overlay: false,
          shareBp: primaryBp,
          source: 'owner_claim',
          sourceId: facts.holder.claimId,
          evidence: [
            evidence('credit.owner', {
              ...common,
              claimId: facts.holder.claimId,
              userId: facts.holder.userId,
              since: facts.holder.since,
            }),
          ],
        }
      : facts.holder.type === 'partner'
        ? {
            payeeType: 'partner',
            userId: null,
            partnerId: facts.holder.partnerId,
            role: 'partner',
            overlay: false,
            shareBp: primaryBp,
            source: 'partner_registration',
            sourceId: facts.holder.registrationId ?? facts.holder.claimId,
            evidence: [
              evidence('credit.partner_registration', {
                ...common,
                claimId: facts.holder.claimId,
                partnerId: facts.holder.partnerId,
                registrationId: facts.holder.registrationId,
                since: facts.holder.since,
              }),
            ],
          }
        : {
            payeeType: 'unassigned',
            userId: null,
            partnerId: null,
            role: 'unassigned',
            overlay: false,
            shareBp: primaryBp,
            source: 'no_holder',
            sourceId: facts.holder.claimId,
            evidence: [
              evidence('credit.no_holder', {
                ...common,
                claimId: facts.holder.claimId,
                holder: facts.holder.holder,
              }),
            ],
          };
  const teamDrafts = revenueTeam.map((m): Omit<CreditLineDraft, 'amount'> => ({
    payeeType: 'user',
    userId: m.userId,
    partnerId: null,
    role: m.role,
    overlay: false,
    shareBp: m.creditBp,
    source: 'account_team',
    sourceId: m.userId,
    evidence: [
      evidence('credit.team', {
        date: facts.date,
        userId: m.userId,
        role: m.role,
        shareBp: m.creditBp,
        addedAt: m.addedAt,
        until: m.until,
      }),
    ],
  }));
  const revenue = splitRevenue(amount, [...(primaryBp > 0 ? [primary] : []), ...teamDrafts]);
  const overlay = overlayTeam.map((m): CreditLineDraft => {
    const share = shareOf(amount, m.creditBp);
    return {
      payeeType: 'user',
      userId: m.userId,
      partnerId: null,
      role: m.role,
      overlay: true,
      shareBp: m.creditBp,
      amount: share,
      source: 'account_team',
      sourceId: m.userId,
      evidence: [
        evidence('credit.overlay', {
          date: facts.date,
          userId: m.userId,
          role: m.role,
          shareBp: m.creditBp,
          addedAt: m.addedAt,
          until: m.until,
          amount: share.toString(),
        }),
      ],
    };
  });
  return [...revenue, ...overlay];
}

export interface SplitLine {
  payee: { type: 'user' | 'partner'; id: string };
  role: 'primary' | 'assisting' | 'overlay';
  shareBp: number;
}

/**
 * A problem with a manual split, or none: exactly one primary; primary + assisting shares sum to exactly
 * 100 % (10 000 bp); nobody twice among them; overlay lines are on top and may take the total above 100 %.
 */
export function splitProblem(
  lines: readonly SplitLine[],
): { field: string; problem: 'one_primary' | 'not_100_percent' | 'duplicate_payee'; total?: number } | null {
  const revenue = lines.filter((l) => l.role !== 'overlay');
  if (revenue.filter((l) => l.role === 'primary').length !== 1)
    return { field: 'lines', problem: 'one_primary' };
  const total = revenue.reduce((s, l) => s + l.shareBp, 0);
  if (total !== 10_000) return { field: 'lines', problem: 'not_100_percent', total };
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    const key = `${l.role === 'overlay' ? 'o' : 'r'}:${l.payee.type}:${l.payee.id}`;
    if (seen.has(key)) return { field: `lines.${i}`, problem: 'duplicate_payee' };
    seen.add(key);
  }
  return null;
}

/** The credit lines of an approved manual split, in the order it lists them (the tie rule's order). */
export function splitCredit(splitId: string, lines: readonly SplitLine[], amount: bigint): CreditLineDraft[] {
  const draft = (l: SplitLine): Omit<CreditLineDraft, 'amount'> => ({
    payeeType: l.payee.type,
    userId: l.payee.type === 'user' ? l.payee.id : null,
    partnerId: l.payee.type === 'partner' ? l.payee.id : null,
    role: l.role,
    overlay: l.role === 'overlay',
    shareBp: l.shareBp,
    source: 'manual_split',
    sourceId: splitId,
    evidence: [evidence('credit.manual_split', { splitId, role: l.role, shareBp: l.shareBp })],
  });
  const revenue = splitRevenue(amount, lines.filter((l) => l.role !== 'overlay').map(draft));
  const overlay = lines
    .filter((l) => l.role === 'overlay')
    .map((l) => {
      const share = shareOf(amount, l.shareBp);
      const d = draft(l);
      return { ...d, amount: share, evidence: withAmount(d.evidence, share) };
    });
  return [...revenue, ...overlay];
}
