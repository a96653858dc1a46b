import type { Db } from '../../db/database.js';
import {
  AppError,
  forbidden,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { evidence, RetryWork, runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { prepareCustomer } from '../accounts/index.js';
import { checkedMinor, fromMinor, productsByIds } from '../activities/index.js';
import { openCollisionCase } from '../cases/index.js';
import { addDays, localDate } from '../ownership/index.js';
import { approveNow, settingsContext } from './approval.js';
import { announceSubmission } from './notices.js';
import { channelPolicy } from './registration-policy.js';
import * as repo from './registrations.repo.js';
import type {
  CreateRegistrationInput,
  ListRegistrationsQuery,
  Refusal,
  RegistrationStatus,
  RegistrationView,
  UpdateRegistrationInput,
} from './registrations.schema.js';
import { screenRegistration } from './screening.js';
import { stepsFor } from './verdict.js';

/**
 * Deal registration (商机报备): a partner's people draft and submit a deal on an end customer; matching
 * decides at once whether it may hold the customer (refused with a reason the partner can act on, approved
 * automatically, or waiting for a reviewer); reviewers return, approve (in as many steps as the deal's size
 * needs) or reject; an approved registration is protected until a date the expiry job enforces. Every
 * transition is audited with a decision; a transition the status does not allow is 409
 * REGISTRATION_WRONG_STATE.
 */

export function toView(r: repo.RegistrationRow, timeZone: string, now = new Date()): RegistrationView {
  const today = localDate(now, timeZone);
  const holding = (repo.HOLDING as readonly string[]).includes(r.status) && r.status !== 'won';
  const daysLeft =
    holding && r.protected_until
      ? Math.max(0, Math.round((Date.parse(r.protected_until) - Date.parse(today)) / 86_400_000) + 1)
      : null;
  return {
    id: r.id,
    partnerId: r.partner_id,
    submittedBy: r.submitted_by,
    status: r.status,
    customer: r.customer as RegistrationView['customer'],
    accountId: r.account_id,
    opportunityId: r.opportunity_id,
    name: r.name,
    lines: (
      r.lines as { productId: string; productLineId: string; quantity: number; amountMinor: string }[]
    ).map((l) => ({
      productId: l.productId,
      productLineId: l.productLineId,
      quantity: l.quantity,
      amount: fromMinor(l.amountMinor, r.currency),
    })),
    amount: fromMinor(r.amount_minor, r.currency),
    currency: r.currency,
    expectedClose: r.expected_close,
    stage: r.stage as RegistrationView['stage'],
    competitors: r.competitors,
    customerContact: (r.customer_contact as RegistrationView['customerContact']) ?? null,
    note: r.note,
    refusal: (r.refusal as Refusal | null) ?? null,
    protectedUntil: r.protected_until,
    daysLeft,
    approvals: r.approvals as RegistrationView['approvals'],
    stepsRequired: r.steps_required,
    extension: (r.extension as RegistrationView['extension']) ?? null,
    decisionId: r.decision_id,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const wrongState = (status: string, expected: readonly string[]) =>
  new AppError('REGISTRATION_WRONG_STATE', `The registration is ${status}, not ${expected.join(' or ')}`, {
    status,
    expected,
  });

/** The deal as stored: customer read as admission reads it, lines priced, products checked, close date ahead. */
async function readDeal(db: Db, input: CreateRegistrationInput, timeZone: string) {
  const prepared = prepareCustomer(input.customer);
  const problems: FieldProblem[] = prepared.problems.map((p) => ({ ...p, field: `customer.${p.field}` }));
  const products = new Map(
    (
      await productsByIds(
        db,
        input.lines.map((l) => l.productId),
      )
    ).map((p) => [p.id, p]),
  );
  input.lines.forEach((l, i) => {
    const p = products.get(l.productId);
    if (!p) problems.push({ field: `lines.${i}.productId`, problem: 'not_found', message: 'is no product' });
    else if (!p.active)
      problems.push({ field: `lines.${i}.productId`, problem: 'inactive', message: 'is retired' });
  });
  if (input.expectedClose < localDate(new Date(), timeZone))
    problems.push({ field: 'expectedClose', problem: 'in_past', message: 'is before today' });
  if (problems.length) throw invalid(problems);
  const lines = input.lines.map((l) => ({
    productId: l.productId,
    productLineId: products.get(l.productId)!.line_id,
    quantity: l.quantity,
    amountMinor: checkedMinor(l.amount, input.currency),
  }));
  const amount = lines.reduce((sum, l) => sum + BigInt(l.amountMinor), 0n);
  if (amount > 10n ** 15n)
    throw invalid([{ field: 'lines', problem: 'too_big', message: 'add up to more than any deal' }]);
  return {
    customer: JSON.stringify(input.customer),
    legal_name: prepared.values.legalName,
    region_code: prepared.values.regionCode,
    industry_code: prepared.values.industryCode,
    features: JSON.stringify(prepared.features),
    name: input.name,
    lines: JSON.stringify(lines),
    product_line_ids: [...new Set(lines.map((l) => l.productLineId))],
    amount_minor: amount.toString(),
    currency: input.currency,
    expected_close: input.expectedClose,
    stage: input.stage,
    competitors: input.competitors,
    customer_contact: input.customerContact ? JSON.stringify(input.customerContact) : null,
    note: input.note ?? null,
  };
}

function partnerOf(ctx: RequestContext): string {
  if (!ctx.actor.partnerId) throw forbidden('Only a partner’s people register deals');
  return ctx.actor.partnerId;
}

export async function createRegistration(db: Db, ctx: RequestContext, input: CreateRegistrationInput) {
  const partnerId = partnerOf(ctx);
  const timeZone = await repo.timeZone(db);
  const deal = await readDeal(db, input, timeZone);
  return runWork(db, ctx, async (w) => {
    const row = await repo.insertRegistration(w.tx, {
      ...deal,
      partner_id: partnerId,
      submitted_by: w.actor.id!,
    });
    w.audit({
      action: 'registration.created',
      entityType: 'registration',
      entityId: row.id,
      after: toView(row, timeZone),
    });
    return toView(row, timeZone);
  });
}

/** The registration under the caller's row lock, or NOT_FOUND as for one out of sight. */
export async function lockVisible(w: Work, id: string) {
  const row = await repo.findVisibleRegistration(w.tx, w.actor, id, true);
  if (!row) throw notFound('registration', id);
  return row;
}

export async function updateRegistration(
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: UpdateRegistrationInput,
) {
  const timeZone = await repo.timeZone(db);
  const seen = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!seen) throw notFound('registration', id);
  const current = toView(seen, timeZone);
  const merged: CreateRegistrationInput = {
    customer: patch.customer ?? current.customer,
    name: patch.name ?? current.name,
    currency: patch.currency ?? current.currency,
    lines:
      patch.lines ??
      current.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, amount: l.amount })),
    expectedClose: patch.expectedClose ?? current.expectedClose,
    stage: patch.stage ?? current.stage,
    competitors: patch.competitors ?? current.competitors,
    customerContact: patch.customerContact === undefined ? current.customerContact : patch.customerContact,
    note: patch.note === undefined ? current.note : patch.note,
  };
  const deal = await readDeal(db, merged, timeZone);
  return runWork(db, ctx, async (w) => {
    const row = await lockVisible(w, id);
    if (row.status !== 'draft' && row.status !== 'returned')
      throw wrongState(row.status, ['draft', 'returned']);
    if (row.updated_at !== seen.updated_at) throw new RetryWork();
    const after = await repo.updateRegistration(w.tx, id, deal);
    w.audit({
      action: 'registration.updated',
      entityType: 'registration',
      entityId: id,
      before: current,
      after: toView(after, timeZone),
    });
    return toView(after, timeZone);
  });
}

/**
 * Submits a draft, or resubmits a registration returned for information: matching decides, under the
 * customer's locks, whether it holds the customer. A refusal is stored (the partner sees it in its list)
 * with the reason; a hold is written as protection rows whose partial unique index is the last word.
 */
export async function submitRegistration(db: Db, ctx: RequestContext, id: string) {
  const seen = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!seen) throw notFound('registration', id);
  try {
    return await runWork(db, ctx, async (w) => {
      // Only a draft or a registration returned for information is submitted: say so before anything else.
      if (seen.status !== 'draft' && seen.status !== 'returned')
        throw wrongState(seen.status, ['draft', 'returned']);
      const c = await settingsContext(w);
      const policy = channelPolicy(w.actor);
      await policy.assertMayRegister(w.tx, seen.partner_id, {
        regionCode: seen.region_code,
        industryCode: seen.industry_code,
        productLineIds: seen.product_line_ids,
        accountId: seen.account_id,
        date: localDate(c.now, c.timeZone),
      });
      // Resubmitting lets go of what the registration held: it is matched again as it now reads.
      if (seen.status === 'returned') await repo.releaseHold(w.tx, id);
      const screening = await screenRegistration(w, seen, c);
      const row = await lockVisible(w, id);
      if (row.status !== 'draft' && row.status !== 'returned')
        throw wrongState(row.status, ['draft', 'returned']);
      if (row.updated_at !== seen.updated_at) throw new RetryWork();
      const today = localDate(c.now, c.timeZone);
      const next: RegistrationStatus = row.status === 'returned' ? 'resubmitted' : 'submitted';
      const base = { subject: { type: 'registration', id }, kind: 'registration.verdict' as const };
      const rule = {
        id: 'registration.screen',
        version: 1,
        params: {
          protectionScope: c.settings.protection_scope,
          minimumMinor: c.settings.minimum_amount_minor,
          autoApproveMaxMinor: c.settings.auto_approve_max_minor,
          currency: c.settings.currency,
          directFollowUpDays: c.settings.direct_follow_up_days,
        },
      };
      if (screening.refusal) {
        const decisionId = w.decide({
          ...base,
          verdict: 'rejected',
          rule,
          evidence: [
            evidence('registration.refused', {
              code: screening.refusal.code,
              until: screening.refusal.until,
            }),
            ...screening.evidence,
          ],
        });
        await repo.releaseHold(w.tx, id);
        const after = await repo.updateRegistration(w.tx, id, {
          status: 'rejected',
          refusal: JSON.stringify(screening.refusal),
          account_id: screening.accountId,
          decision_id: decisionId,
          submitted_at: new Date().toISOString(),
          decided_at: new Date().toISOString(),
          protected_until: null,
        });
        audit(w, 'registration.rejected', row, after, c.timeZone, decisionId, screening.refusal.code);
        await announceSubmission(w, after, decisionId, next === 'resubmitted');
        // A refusal by collision (a direct customer, another claim) opens a conflict case with it.
        await openCollisionCase(w, {
          registrationId: id,
          refusalCode: screening.refusal.code,
          evidence: screening.evidence,
          decisionId,
        });
        return toView(after, c.timeZone);
      }
      const terms = await policy.terms(w.tx, row.partner_id);
      const protectedUntil = addDays(today, terms.protectionDays - 1);
      // A racing registration of the same customer got its hold in first: match again, and lose to it.
      if (!(await repo.holdCustomer(w.tx, id, screening.customerKey, screening.lineKeys, screening.keys)))
        throw new RetryWork();
      const amount = BigInt(row.amount_minor);
      const sameCurrency = row.currency === c.settings.currency;
      const steps = stepsFor(
        c.settings.approval_steps as { fromMinor: string; steps: number }[],
        amount,
        sameCurrency,
      );
      // The tier's auto-approval rule where it has one (its own currency, perhaps only some product lines);
      // otherwise the organisation's limit, in the settings' currency.
      const tierRule = terms.autoApprove;
      const limit = tierRule ? tierRule.maxMinor : c.settings.auto_approve_max_minor;
      const inLimitCurrency = row.currency === (tierRule ? tierRule.currency : c.settings.currency);
      const linesAllowed =
        !tierRule ||
        tierRule.productLineIds.length === 0 ||
        row.product_line_ids.every((line) => tierRule.productLineIds.includes(line));
      const auto =
        limit !== null &&
        inLimitCurrency &&
        linesAllowed &&
        amount <= BigInt(limit) &&
        !screening.lookalike &&
        steps <= 1;
      const decisionId = w.decide({
        ...base,
        verdict: auto ? 'auto_approved' : 'pending_review',
        rule,
        evidence: [
          evidence(auto ? 'registration.auto_approve' : 'registration.review_required', {
            amountMinor: row.amount_minor,
            currency: row.currency,
            limitMinor: limit,
            limitSource: tierRule ? 'tier' : 'organisation',
            tier: terms.tierCode,
            linesAllowed,
            steps,
            lookalike: screening.lookalike,
          }),
          ...screening.evidence,
        ],
        effective: { from: today, until: protectedUntil },
      });
      let after = await repo.updateRegistration(w.tx, id, {
        status: next,
        refusal: null,
        account_id: screening.accountId,
        protected_until: protectedUntil,
        steps_required: steps,
        approvals: JSON.stringify([]),
        decision_id: decisionId,
        submitted_at: new Date().toISOString(),
      });
      audit(w, 'registration.submitted', row, after, c.timeZone, decisionId);
      if (auto) after = await approveNow(w, after, c, decisionId, screening.checked);
      await announceSubmission(w, after, decisionId, next === 'resubmitted');
      return toView(after, c.timeZone);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONTENTION', 'Others are registering the same customer; try again in a moment', {
        retryAfterSeconds: 1,
      });
    throw error;
  }
}

export function audit(
  w: Work,
  action:
    | 'registration.submitted'
    | 'registration.rejected'
    | 'registration.approved'
    | 'registration.returned'
    | 'registration.withdrawn'
    | 'registration.expired'
    | 'registration.won'
    | 'registration.lost'
    | 'registration.extension_requested'
    | 'registration.extension_decided',
  before: repo.RegistrationRow,
  after: repo.RegistrationRow,
  timeZone: string,
  decisionId?: string,
  reason?: string | null,
) {
  w.audit({
    action,
    entityType: 'registration',
    entityId: after.id,
    before: { status: before.status, protectedUntil: before.protected_until },
    after: toView(after, timeZone),
    reason: reason ?? null,
    decisionId,
  });
}

export async function getRegistration(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!row) throw notFound('registration', id);
  return toView(row, await repo.timeZone(db));
}

export async function listRegistrations(db: Db, ctx: RequestContext, query: ListRegistrationsQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const timeZone = await repo.timeZone(db);
  const { items, total } = await repo.listVisibleRegistrations(db, ctx.actor, query, page);
  return { items: items.map((r) => toView(r, timeZone)), total, ...page };
}
