import type { Db, Executor } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../errors.js';
import { assertEditable, runWork, visibleIds, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { refreshProtection } from '../ownership/index.js';
import { lockVisibleAccount } from './follow-ups.repo.js';
import { checkedMinor, fromMinor } from './money.js';
import { accountNames, userNames } from './names.repo.js';
import * as repo from './opportunities.repo.js';
import type {
  CreateOpportunityInput,
  ListOpportunitiesQuery,
  OpportunityStage,
  OpportunityView,
  UpdateOpportunityInput,
} from './opportunities.schema.js';
import { productsByIds } from './products.repo.js';

/**
 * Opportunities (商机): a direct-sales deal on a customer, with an owner (the customer's, unless named), a
 * stage, an amount in minor units, products, and an end — won or lost, each an explicit, audited action that
 * the protection rules hear of (`refreshProtection`, `opportunity.won` / `opportunity.lost`).
 */

export async function opportunityViews(db: Executor, actor: Actor, rows: readonly repo.OpportunityRow[]) {
  const accounts = await visibleIds(
    db,
    'account',
    actor,
    rows.map((r) => r.account_id),
  );
  const owners = await visibleIds(
    db,
    'user',
    actor,
    rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])),
  );
  const [accountName, ownerName, lines] = await Promise.all([
    accountNames(db, [...accounts]),
    userNames(db, [...owners]),
    repo.linesOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r): OpportunityView => ({
    id: r.id,
    name: r.name,
    account: accounts.has(r.account_id)
      ? { id: r.account_id, legalName: accountName.get(r.account_id)! }
      : null,
    owner:
      r.owner_id && owners.has(r.owner_id)
        ? { id: r.owner_id, displayName: ownerName.get(r.owner_id)! }
        : null,
    stage: r.stage as OpportunityStage,
    status: r.status,
    amount: fromMinor(r.amount_minor, r.currency),
    currency: r.currency,
    expectedClose: r.expected_close,
    lines: lines
      .filter((l) => l.opportunity_id === r.id)
      .map((l) => ({ productId: l.product_id, code: l.code, name: l.name, quantity: l.quantity })),
    lostReason: r.lost_reason,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function viewOne(w: Work, row: repo.OpportunityRow) {
  const [view] = await opportunityViews(w.tx, w.actor, [row]);
  return view!;
}

/** Problems with the products a request names: unknown ones, and retired ones. */
export async function productProblems(
  db: Executor,
  lines: readonly { productId: string }[],
  field = (i: number) => `lines.${i}.productId`,
) {
  const products = new Map(
    (
      await productsByIds(
        db,
        lines.map((l) => l.productId),
      )
    ).map((p) => [p.id, p]),
  );
  const problems: FieldProblem[] = [];
  lines.forEach((line, i) => {
    const product = products.get(line.productId);
    if (!product) problems.push({ field: field(i), problem: 'not_found', message: 'is no product' });
    else if (!product.active) problems.push({ field: field(i), problem: 'inactive', message: 'is retired' });
  });
  return { products, problems };
}

export async function createOpportunity(
  db: Db,
  ctx: RequestContext,
  input: CreateOpportunityInput,
): Promise<OpportunityView> {
  return runWork(db, ctx, async (w) => {
    // Logging a deal is activity on the customer: a read-only collaborator may see it but not add to it.
    const account = await lockVisibleAccount(w.tx, w.actor, input.accountId);
    if (!account) throw notFound('account', input.accountId);
    await assertEditable(w.tx, 'follow_up', w.actor, input.accountId);
    return viewOne(w, await openOpportunity(w, input));
  });
}

/**
 * Opens an opportunity inside the caller's unit of work: an approved deal registration opens the partner's
 * deal with the approval that admits its customer. Returns the row: the view costs five reads a caller that
 * only needs the id (the registration's approval, on every auto-approved submission) should not pay.
 */
export async function openOpportunity(w: Work, input: CreateOpportunityInput): Promise<repo.OpportunityRow> {
  const account = await lockVisibleAccount(w.tx, w.actor, input.accountId);
  if (!account) throw notFound('account', input.accountId);
  if (account.status !== 'active')
    throw new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${account.status}`, {
      status: account.status,
    });
  const { problems } = await productProblems(w.tx, input.lines);
  // The caller, signed in and acting, may name itself: only someone else is looked up.
  if (input.ownerId && input.ownerId !== w.actor.id) {
    // An owner is someone active the caller has in scope: a rep cannot hand deals to strangers.
    const inScope = await visibleIds(w.tx, 'user', w.actor, [input.ownerId]);
    if (!inScope.has(input.ownerId) || !(await repo.activeUser(w.tx, input.ownerId)))
      problems.push({ field: 'ownerId', problem: 'not_found', message: 'is no active user you may name' });
  }
  if (problems.length) throw invalid(problems);
  const row = await repo.insertOpportunity(
    w.tx,
    {
      account_id: input.accountId,
      owner_id: input.ownerId ?? account.owner_id ?? w.actor.id,
      name: input.name,
      stage: input.stage,
      amount_minor: checkedMinor(input.amount, input.currency),
      currency: input.currency,
      expected_close: input.expectedClose ?? null,
      created_by: w.actor.id,
    },
    input.lines,
  );
  w.audit({ action: 'opportunity.created', entityType: 'opportunity', entityId: row.id, after: input });
  w.emit('opportunity.created', {
    opportunityId: row.id,
    accountId: row.account_id,
    ownerId: row.owner_id,
  });
  await refreshProtection(w, [{ id: row.account_id, ownerId: account.owner_id }]);
  return row;
}

async function lockOpen(w: Work, id: string) {
  const current = await repo.findVisibleOpportunity(w.tx, w.actor, id, true);
  if (!current) throw notFound('opportunity', id);
  if (current.status !== 'open')
    throw new AppError('OPPORTUNITY_CLOSED', `The opportunity is ${current.status}`, {
      status: current.status,
    });
  return current;
}

export async function updateOpportunity(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: UpdateOpportunityInput,
): Promise<OpportunityView> {
  return runWork(db, ctx, async (w) => {
    const current = await lockOpen(w, id);
    if (input.lines) {
      const { problems } = await productProblems(w.tx, input.lines);
      if (problems.length) throw invalid(problems);
      await repo.replaceLines(w.tx, id, input.lines);
    }
    const row = await repo.updateOpportunity(w.tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.stage !== undefined && { stage: input.stage }),
      ...(input.expectedClose !== undefined && { expected_close: input.expectedClose }),
      ...(input.amount !== undefined &&
        input.currency !== undefined && {
          amount_minor: checkedMinor(input.amount, input.currency),
          currency: input.currency,
        }),
    });
    w.audit({
      action: 'opportunity.updated',
      entityType: 'opportunity',
      entityId: id,
      before: {
        name: current.name,
        stage: current.stage,
        amount: fromMinor(current.amount_minor, current.currency),
        currency: current.currency,
        expectedClose: current.expected_close,
      },
      after: input,
    });
    return viewOne(w, row);
  });
}

export async function closeOpportunity(
  db: Db,
  ctx: RequestContext,
  id: string,
  outcome: { status: 'won' } | { status: 'lost'; reason: string },
): Promise<OpportunityView> {
  return runWork(db, ctx, async (w) => {
    const current = await lockOpen(w, id);
    const row = await repo.updateOpportunity(w.tx, id, {
      status: outcome.status,
      closed_at: new Date().toISOString(),
      ...(outcome.status === 'lost' && { lost_reason: outcome.reason }),
    });
    const base = { opportunityId: id, accountId: row.account_id, ownerId: row.owner_id };
    w.audit({
      action: outcome.status === 'won' ? 'opportunity.won' : 'opportunity.lost',
      entityType: 'opportunity',
      entityId: id,
      before: { status: current.status, stage: current.stage },
      after: {
        status: row.status,
        amount: fromMinor(row.amount_minor, row.currency),
        currency: row.currency,
      },
      reason: outcome.status === 'lost' ? outcome.reason : null,
    });
    if (outcome.status === 'won')
      w.emit('opportunity.won', { ...base, amountMinor: row.amount_minor, currency: row.currency });
    else w.emit('opportunity.lost', { ...base, reason: outcome.reason });
    await refreshProtection(w, [{ id: row.account_id }], { dealClosed: true });
    return viewOne(w, row);
  });
}

export async function getOpportunity(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleOpportunity(db, ctx.actor, id);
  if (!row) throw notFound('opportunity', id);
  const [view] = await opportunityViews(db, ctx.actor, [row]);
  return view!;
}

export async function listOpportunities(db: Db, ctx: RequestContext, query: ListOpportunitiesQuery) {
  const { limit, offset, ...filter } = query;
  const { items, total } = await repo.listVisibleOpportunities(db, ctx.actor, filter, { limit, offset });
  return { items: await opportunityViews(db, ctx.actor, items), total, limit, offset };
}
