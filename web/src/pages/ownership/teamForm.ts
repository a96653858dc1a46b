import type { TeamBody, TeamMember, TeamRole } from '../../api/types.js';

export const TEAM_ROLE_LIST: readonly TeamRole[] = [
  'assisting_rep',
  'product_specialist',
  'key_account_manager',
  'former_owner',
];

/** One row of the account-team editor: the share in percent as typed, the date as YYYY-MM-DD. */
export interface TeamRow {
  userId: string | null;
  role: TeamRole;
  percent: number | null;
  until: string | null;
}

/** Percent with up to two decimals ↔ basis points (12.5 % = 1250 bp); integers only reach the server. */
export const percentToBp = (percent: number | null): number => Math.round((percent ?? 0) * 100);
export const bpToPercent = (bp: number): number => bp / 100;

export function toTeamRows(team: readonly TeamMember[]): TeamRow[] {
  // The server replaces the whole team: a former owner kept after a handover stays a row like the others.
  return team.map((m) => ({
    userId: m.userId,
    role: m.role,
    percent: bpToPercent(m.creditBp),
    until: m.until,
  }));
}

export const totalBp = (rows: readonly TeamRow[]) => rows.reduce((sum, r) => sum + percentToBp(r.percent), 0);

/** What the form lets through before the server checks again: a person on each row, shares ≤ 100 %. */
export type TeamRowProblem =
  { index: number; problem: 'required' | 'duplicate' } | { index: null; problem: 'credit_over_100' };

export function teamProblems(rows: readonly TeamRow[]): TeamRowProblem[] {
  const problems: TeamRowProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((r, index) => {
    if (!r.userId) problems.push({ index, problem: 'required' });
    else if (seen.has(r.userId)) problems.push({ index, problem: 'duplicate' });
    else seen.add(r.userId);
  });
  if (totalBp(rows) > 10_000) problems.push({ index: null, problem: 'credit_over_100' });
  return problems;
}

export function toTeamBody(rows: readonly TeamRow[], reason?: string): TeamBody {
  return {
    members: rows.map((r) => ({
      userId: r.userId ?? '',
      role: r.role,
      creditBp: percentToBp(r.percent),
      until: r.until || null,
    })),
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  };
}
