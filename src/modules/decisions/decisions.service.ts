import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import {
  visibleIds,
  type DecisionKind,
  type Evidence,
  type NamedEntity,
  type RuleRef,
} from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { findVisibleAccount } from '../accounts/index.js';
import * as repo from './decisions.repo.js';
import type { DecisionView, EvidenceView } from './decisions.schema.js';

// Evidence parameters that name a record: shown only to callers who may see that record.
const REFS = {
  accountId: 'account',
  mergedId: 'account',
  importId: 'import',
  ownerId: 'user',
} as const satisfies Record<string, NamedEntity>;
type RefKey = keyof typeof REFS;
const REF_KEYS = Object.keys(REFS) as RefKey[];

type Seen = ReadonlyMap<NamedEntity, ReadonlySet<string>>;

function refs(evidence: readonly Evidence[], key: RefKey): string[] {
  return evidence.flatMap((e) => [
    ...(typeof e.params[key] === 'string' ? [e.params[key]] : []),
    ...refs(e.evidence ?? [], key),
  ]);
}

/**
 * Evidence as the caller may see it: an item that names a record the caller cannot see keeps its code
 * (the customer exists, as the duplicate check says too) but loses its parameters and what it is made of.
 */
function redact(evidence: readonly Evidence[], seen: Seen): EvidenceView[] {
  return evidence.map((e) => {
    const hidden = REF_KEYS.some((key) => {
      const id = e.params[key];
      return typeof id === 'string' && !seen.get(REFS[key])?.has(id);
    });
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
  const all = rows.flatMap((r) => [...evidenceOf(r), ...notAppliedOf(r).flatMap((n) => n.evidence)]);
  const named = (entity: NamedEntity) =>
    REF_KEYS.filter((key) => REFS[key] === entity).flatMap((key) => refs(all, key));
  const actors = rows.flatMap((r) => (r.actor_id ? [r.actor_id] : []));
  const seen = new Map<NamedEntity, ReadonlySet<string>>();
  for (const entity of new Set<NamedEntity>([...Object.values(REFS), 'user']))
    seen.set(
      entity,
      await visibleIds(db, entity, ctx.actor, [...named(entity), ...(entity === 'user' ? actors : [])]),
    );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as DecisionKind,
    subject: { type: row.subject_type, id: row.subject_id },
    verdict: row.verdict,
    rule: row.rule as RuleRef,
    evidence: redact(evidenceOf(row), seen),
    notApplied: notAppliedOf(row).map((n) => ({ rule: n.rule, evidence: redact(n.evidence, seen) })),
    effective: row.effective ? (row.effective as NonNullable<DecisionView['effective']>) : null,
    // Who decided, where the caller may see that user; otherwise as if the system had.
    actorId: row.actor_id && seen.get('user')?.has(row.actor_id) ? row.actor_id : null,
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
