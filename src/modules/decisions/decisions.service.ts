import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import type { DecisionKind, Evidence, RuleRef } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { findVisibleAccount, visibleAccountIds } from '../accounts/index.js';
import * as repo from './decisions.repo.js';
import type { DecisionView, EvidenceView } from './decisions.schema.js';

// Evidence parameters that name an account: shown only to callers who may see that account.
const ACCOUNT_REFS = ['accountId', 'mergedId'] as const;

function accountRefs(evidence: readonly Evidence[]): string[] {
  return evidence.flatMap((e) => [
    ...ACCOUNT_REFS.flatMap((key) => (typeof e.params[key] === 'string' ? [e.params[key]] : [])),
    ...accountRefs(e.evidence ?? []),
  ]);
}

/**
 * Evidence as the caller may see it: an item that names an account the caller cannot see keeps its code
 * (the customer exists, as the duplicate check says too) but loses its parameters and what it is made of.
 */
function redact(evidence: readonly Evidence[], visible: ReadonlySet<string>): EvidenceView[] {
  return evidence.map((e) => {
    const hidden = ACCOUNT_REFS.some(
      (key) => typeof e.params[key] === 'string' && !visible.has(e.params[key]),
    );
    if (hidden) return { code: e.code, params: { visible: false } };
    return {
      code: e.code,
      params: e.params,
      ...(e.points !== undefined && { points: e.points }),
      ...(e.evidence && {
        evidence: e.evidence.map(({ code, params, points }) => ({
          code,
          params,
          ...(points !== undefined && { points }),
        })),
      }),
    };
  });
}

async function toViews(db: Db, ctx: RequestContext, rows: repo.DecisionRow[]): Promise<DecisionView[]> {
  const evidenceOf = (row: repo.DecisionRow) => row.evidence as Evidence[];
  const notAppliedOf = (row: repo.DecisionRow) =>
    row.not_applied as { rule: RuleRef; evidence: Evidence[] }[];
  const ids = rows.flatMap((r) => [
    ...accountRefs(evidenceOf(r)),
    ...notAppliedOf(r).flatMap((n) => accountRefs(n.evidence)),
  ]);
  const visible = await visibleAccountIds(db, ctx.actor, [...new Set(ids)]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as DecisionKind,
    subject: { type: row.subject_type, id: row.subject_id },
    verdict: row.verdict,
    rule: row.rule as RuleRef,
    evidence: redact(evidenceOf(row), visible),
    notApplied: notAppliedOf(row).map((n) => ({ rule: n.rule, evidence: redact(n.evidence, visible) })),
    effective: row.effective ? (row.effective as NonNullable<DecisionView['effective']>) : null,
    actorId: row.actor_id,
    at: row.at,
  }));
}

export async function getDecision(db: Db, ctx: RequestContext, id: string): Promise<DecisionView> {
  const row = await repo.findVisibleDecision(db, ctx.actor, id);
  if (!row) throw notFound('decision', id);
  const [view] = await toViews(db, ctx, [row]);
  return view!;
}

/** Decisions about one account, newest first: its admission, merges into it, and (later) its owners. */
export async function listAccountDecisions(db: Db, ctx: RequestContext, accountId: string, page: Page) {
  if (!(await findVisibleAccount(db, ctx.actor, accountId))) throw notFound('account', accountId);
  const { items, total } = await repo.listVisibleDecisions(
    db,
    ctx.actor,
    { type: 'account', id: accountId },
    page,
  );
  return { items: await toViews(db, ctx, items), total, ...page };
}
