import { fromBasisPoints, fromMinor } from '../activities/index.js';
import type { CreditRow, TransactionRow } from './transactions.repo.js';
import type { CreditSplitView } from './transactions.schema.js';
import type { CreditSplitTable } from '../../db/types.js';
import type { Selectable } from 'kysely';
import type { SplitLine } from './credit.js';

/** Replies built from rows: amounts back to decimal strings, shares to percentages. */

export function creditView(
  c: CreditRow & {
    partner_name?: string | null;
    external_id?: string;
    kind?: TransactionRow['kind'];
    transaction_date?: string;
  },
) {
  return {
    id: c.id,
    transactionId: c.transaction_id,
    payee: {
      type: c.payee_type,
      id: c.user_id ?? c.partner_id,
      name:
        c.payee_type === 'user'
          ? (c.display_name ?? null)
          : c.payee_type === 'partner'
            ? (c.partner_name ?? null)
            : null,
    },
    role: c.role,
    overlay: c.overlay,
    share: fromBasisPoints(c.share_bp),
    amount: fromMinor(c.amount_minor, c.currency),
    currency: c.currency,
    source: c.source,
    sourceId: c.source_id,
    evidence: c.evidence as { code: string; params: Record<string, unknown> }[],
    decisionId: c.decision_id,
    superseded: c.superseded_at !== null,
    ...(c.external_id !== undefined && {
      transaction: { externalId: c.external_id, kind: c.kind!, transactionDate: c.transaction_date! },
    }),
  };
}

export function splitView(s: Selectable<CreditSplitTable>): CreditSplitView {
  return {
    id: s.id,
    transactionId: s.transaction_id,
    status: s.status,
    reason: s.reason,
    lines: (s.lines as SplitLine[]).map((l) => ({
      payee: l.payee,
      role: l.role,
      share: fromBasisPoints(l.shareBp),
    })),
    enteredBy: s.entered_by,
    enteredAt: s.entered_at,
    decidedBy: s.decided_by,
    decidedAt: s.decided_at,
    note: s.decision_note,
  };
}
