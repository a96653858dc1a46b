import type { Db, Executor } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { runWork, visibleIds, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { fromBasisPoints, fromMinor, lineTotal, toBasisPoints, toMinor } from './money.js';
import { accountNames, orgTimeZone, teamNames, userNames } from './names.repo.js';
import { findVisibleOpportunity } from './opportunities.repo.js';
import { productProblems } from './opportunities.service.js';
import { concurrentQuotes, type QuoteFacts } from './quote-overlap.js';
import * as repo from './quotes.repo.js';
import type { CreateQuoteInput, OverlapAlertView, QuoteStatus, QuoteView } from './quotes.schema.js';

/**
 * Quotes (报价) on an opportunity: lines priced in the opportunity's currency, totals in integer minor units,
 * a validity window in business dates. Sending one fixes who quoted (the sender's team or partner) and looks,
 * under a lock on the customer's group, for another party's quote on the same customer or group valid at the
 * same time: each such pair is stored as an overlap alert and announced (`overlap.quote_concurrent`).
 */

/** Today in the organisation's time zone, as YYYY-MM-DD. */
export function businessDay(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** A sent quote past its last valid day reads as expired, whether or not anything has swept it. */
export const effectiveStatus = (
  row: Pick<repo.QuoteRow, 'status' | 'valid_until'>,
  today: string,
): QuoteStatus => (row.status === 'sent' && row.valid_until < today ? 'expired' : row.status);

async function quoteViews(db: Executor, actor: Actor, rows: readonly repo.QuoteRow[]) {
  const today = businessDay(await orgTimeZone(db));
  const accounts = await visibleIds(
    db,
    'account',
    actor,
    rows.map((r) => r.account_id),
  );
  const teams = await visibleIds(
    db,
    'team',
    actor,
    rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
  );
  const creators = await visibleIds(
    db,
    'user',
    actor,
    rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
  );
  const [accountName, teamName, creatorName, lines] = await Promise.all([
    accountNames(db, [...accounts]),
    teamNames(db, [...teams]),
    userNames(db, [...creators]),
    repo.linesOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r): QuoteView => ({
    id: r.id,
    opportunityId: r.opportunity_id,
    account: accounts.has(r.account_id)
      ? { id: r.account_id, legalName: accountName.get(r.account_id)! }
      : null,
    status: effectiveStatus(r, today),
    currency: r.currency,
    total: fromMinor(r.total_minor, r.currency),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    note: r.note,
    lines: lines
      .filter((l) => l.quote_id === r.id)
      .map((l) => ({
        productId: l.product_id,
        code: l.code,
        name: l.name,
        quantity: l.quantity,
        unitPrice: fromMinor(l.unit_price_minor, r.currency),
        discountPercent: fromBasisPoints(l.discount_bp),
        total: fromMinor(l.total_minor, r.currency),
      })),
    team: r.team_id && teams.has(r.team_id) ? { id: r.team_id, name: teamName.get(r.team_id)! } : null,
    byPartner: r.partner_id !== null,
    createdBy:
      r.created_by && creators.has(r.created_by)
        ? { id: r.created_by, displayName: creatorName.get(r.created_by)! }
        : null,
    sentAt: r.sent_at,
    createdAt: r.created_at,
  }));
}

async function viewOne(w: Work, row: repo.QuoteRow) {
  const [view] = await quoteViews(w.tx, w.actor, [row]);
  return view!;
}

export async function createQuote(db: Db, ctx: RequestContext, input: CreateQuoteInput): Promise<QuoteView> {
  return runWork(db, ctx, async (w) => {
    const opportunity = await findVisibleOpportunity(w.tx, w.actor, input.opportunityId, true);
    if (!opportunity) throw notFound('opportunity', input.opportunityId);
    if (opportunity.status !== 'open')
      throw new AppError('OPPORTUNITY_CLOSED', `The opportunity is ${opportunity.status}`, {
        status: opportunity.status,
      });
    const currency = opportunity.currency;
    const { products, problems } = await productProblems(w.tx, input.lines);
    const priced = input.lines.map((line, i) => {
      const product = products.get(line.productId);
      const field = `lines.${i}.unitPrice`;
      let unit: bigint | undefined;
      if (line.unitPrice !== undefined) {
        const parsed = toMinor(line.unitPrice, currency);
        if (typeof parsed === 'bigint') unit = parsed;
        else problems.push({ field, problem: parsed.problem, message: `is not an amount in ${currency}` });
      } else if (product && product.currency === currency) unit = BigInt(product.list_price_minor);
      else if (product)
        problems.push({
          field,
          problem: 'currency_mismatch',
          message: `the list price is in ${product.currency}, the opportunity in ${currency}: give a price`,
        } satisfies FieldProblem);
      const bp = line.discountPercent === undefined ? 0 : toBasisPoints(line.discountPercent);
      return { line, unit, bp: typeof bp === 'number' ? bp : 0 };
    });
    const validFrom = input.validFrom ?? businessDay(await orgTimeZone(w.tx));
    if (input.validUntil < validFrom)
      problems.push({ field: 'validUntil', problem: 'before_valid_from', message: `is before ${validFrom}` });
    if (problems.length) throw invalid(problems);
    const lines = priced.map(({ line, unit, bp }) => ({
      product_id: line.productId,
      quantity: line.quantity,
      unit_price_minor: unit!.toString(),
      discount_bp: bp,
      total_minor: lineTotal(line.quantity, unit!, bp).toString(),
    }));
    const total = lines.reduce((sum, l) => sum + BigInt(l.total_minor), 0n);
    const row = await repo.insertQuote(
      w.tx,
      {
        opportunity_id: opportunity.id,
        account_id: opportunity.account_id,
        currency,
        total_minor: total.toString(),
        valid_from: validFrom,
        valid_until: input.validUntil,
        note: input.note || null,
        created_by: w.actor.id,
      },
      lines,
    );
    w.audit({
      action: 'quote.created',
      entityType: 'quote',
      entityId: row.id,
      after: {
        opportunityId: row.opportunity_id,
        total: fromMinor(total, currency),
        currency,
        validFrom,
        validUntil: input.validUntil,
      },
    });
    return viewOne(w, row);
  });
}

const wrongState = (status: QuoteStatus, expected: QuoteStatus) =>
  new AppError('QUOTE_WRONG_STATE', `The quote is ${status}, not ${expected}`, { status, expected });

export async function sendQuote(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findVisibleQuote(w.tx, w.actor, id);
    if (!seen) throw notFound('quote', id);
    // Two parties sending into one group at once queue here, so the second sees the first.
    const groupId = await repo.groupOf(w.tx, seen.account_id);
    await w.lockKeys([`quote-group:${groupId}`]);
    const current = (await repo.findVisibleQuote(w.tx, w.actor, id, true))!;
    if (current.status !== 'draft') throw wrongState(current.status, 'draft');
    const row = await repo.updateQuote(w.tx, id, {
      status: 'sent',
      sent_at: new Date().toISOString(),
      team_id: w.actor.partnerId ? null : w.actor.teamId,
      partner_id: w.actor.partnerId,
    });
    const facts: QuoteFacts = {
      id,
      accountId: row.account_id,
      groupId,
      teamId: row.team_id,
      partnerId: row.partner_id,
      createdBy: row.created_by,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    };
    const candidates = await repo.sentQuotesInGroup(w.tx, groupId, {
      from: row.valid_from,
      until: row.valid_until,
    });
    const alerts: repo.OverlapAlertRow[] = [];
    for (const clash of concurrentQuotes(facts, candidates)) {
      const alert = await repo.insertAlert(w.tx, {
        kind: 'quote.concurrent',
        account_id: row.account_id,
        other_account_id: clash.other.accountId,
        quote_id: id,
        other_quote_id: clash.other.id,
        team_id: row.team_id,
        partner_id: row.partner_id,
        other_team_id: clash.other.teamId,
        other_partner_id: clash.other.partnerId,
        window_from: clash.window.from,
        window_until: clash.window.until,
      });
      if (!alert) continue;
      alerts.push(alert);
      w.emit('overlap.quote_concurrent', {
        alertId: alert.id,
        accountId: alert.account_id,
        otherAccountId: alert.other_account_id,
        quoteId: id,
        otherQuoteId: alert.other_quote_id,
      });
    }
    w.audit({
      action: 'quote.sent',
      entityType: 'quote',
      entityId: id,
      before: { status: current.status },
      after: {
        status: row.status,
        teamId: row.team_id,
        partnerId: row.partner_id,
        overlapAlerts: alerts.map((a) => a.id),
      },
    });
    w.emit('quote.sent', { quoteId: id, opportunityId: row.opportunity_id, accountId: row.account_id });
    return { quote: await viewOne(w, row), alerts: await alertViews(w.tx, w.actor, alerts) };
  });
}

export async function decideQuote(db: Db, ctx: RequestContext, id: string, outcome: 'accepted' | 'rejected') {
  return runWork(db, ctx, async (w) => {
    const current = await repo.findVisibleQuote(w.tx, w.actor, id, true);
    if (!current) throw notFound('quote', id);
    const status = effectiveStatus(current, businessDay(await orgTimeZone(w.tx)));
    if (status !== 'sent') throw wrongState(status, 'sent');
    const row = await repo.updateQuote(w.tx, id, { status: outcome, decided_at: new Date().toISOString() });
    w.audit({
      action: outcome === 'accepted' ? 'quote.accepted' : 'quote.rejected',
      entityType: 'quote',
      entityId: id,
      before: { status },
      after: { status: outcome },
    });
    return viewOne(w, row);
  });
}

export async function listQuotes(
  db: Db,
  ctx: RequestContext,
  filter: { opportunityId?: string | undefined },
  page: Page,
) {
  const { items, total } = await repo.listVisibleQuotes(db, ctx.actor, filter, page);
  return { items: await quoteViews(db, ctx.actor, items), total, limit: page.limit, offset: page.offset };
}

/** Alerts as this caller may read them: each side's quote and customer only where they are in sight. */
async function alertViews(db: Executor, actor: Actor, rows: readonly repo.OverlapAlertRow[]) {
  const quotes = await visibleIds(
    db,
    'quote',
    actor,
    rows.flatMap((r) => [r.quote_id, r.other_quote_id]),
  );
  const accounts = await visibleIds(
    db,
    'account',
    actor,
    rows.flatMap((r) => [r.account_id, r.other_account_id]),
  );
  const teamIds = rows.flatMap((r) => [r.team_id, r.other_team_id]).filter((t): t is string => t !== null);
  const teams = await visibleIds(db, 'team', actor, teamIds);
  const [accountName, teamName] = await Promise.all([
    accountNames(db, [...accounts]),
    teamNames(db, [...teams]),
  ]);
  const side = (quoteId: string, accountId: string, teamId: string | null, partnerId: string | null) => ({
    id: quotes.has(quoteId) ? quoteId : null,
    account: accounts.has(accountId) ? { id: accountId, legalName: accountName.get(accountId)! } : null,
    team: teamId && teams.has(teamId) ? { id: teamId, name: teamName.get(teamId)! } : null,
    byPartner: partnerId !== null,
  });
  return rows.map((r): OverlapAlertView => ({
    id: r.id,
    kind: r.kind,
    window: { from: r.window_from, until: r.window_until },
    quote: side(r.quote_id, r.account_id, r.team_id, r.partner_id),
    other: side(r.other_quote_id, r.other_account_id, r.other_team_id, r.other_partner_id),
    sameAccount: r.account_id === r.other_account_id,
    createdAt: r.created_at,
  }));
}

export async function listOverlapAlerts(db: Db, ctx: RequestContext, page: Page) {
  const { items, total } = await repo.listVisibleAlerts(db, ctx.actor, page);
  return { items: await alertViews(db, ctx.actor, items), total, limit: page.limit, offset: page.offset };
}
