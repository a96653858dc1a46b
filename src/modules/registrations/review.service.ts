import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { evidence, runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { accountFeatures, admissionKeys } from '../accounts/index.js';
import { checkedMinor, fromMinor, productsByIds } from '../activities/index.js';
import { normalizePhone, type Features } from '../matching/index.js';
import { addDays, holdForPartner, localDate } from '../ownership/index.js';
import { approveNow, letGo, protectionEnd, settingsContext } from './approval.js';
import { announceDecision, tellPartner, tellReviewers } from './notices.js';
import * as repo from './registrations.repo.js';
import type {
  AvailabilityInput,
  Refusal,
  RegistrationSettings,
  ReviewRejectionCode,
} from './registrations.schema.js';
import { audit, toView, wrongState } from './registrations.service.js';
import { screenRegistration } from './screening.js';

const PENDING = ['submitted', 'resubmitted'] as const;

async function lockVisible(w: Work, id: string) {
  const row = await repo.findVisibleRegistration(w.tx, w.actor, id, true);
  if (!row) throw notFound('registration', id);
  return row;
}

const review = (w: Work, id: string, verdict: string, codes: ReturnType<typeof evidence>[], extra = {}) =>
  w.decide({
    kind: 'registration.review',
    subject: { type: 'registration', id },
    verdict,
    rule: { id: 'registration.review', version: 1, params: extra },
    evidence: codes,
  });

/**
 * A reviewer approves one step; the last step (by the deal's size, `approval_steps`) approves the
 * registration: admission, the partner's hold on the ledger, the opportunity. Each step needs another
 * reviewer. The customer's keys are locked before the row, as at submission.
 */
export async function approveRegistration(db: Db, ctx: RequestContext, id: string, note?: string) {
  const seen = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!seen) throw notFound('registration', id);
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    await w.lockKeys(admissionKeys(seen.features as Features[]));
    const row = await lockVisible(w, id);
    if (!(PENDING as readonly string[]).includes(row.status)) throw wrongState(row.status, PENDING);
    const approvals = row.approvals as { by: string; at: string }[];
    if (approvals.some((a) => a.by === w.actor.id))
      throw new AppError(
        'REGISTRATION_APPROVED_BY_YOU',
        'You approved an earlier step; another reviewer approves the next',
        {
          steps: row.steps_required,
          approvals: approvals.length,
        },
      );
    const given = [...approvals, { by: w.actor.id!, at: new Date().toISOString() }];
    const final = given.length >= row.steps_required;
    const decisionId = w.decide({
      kind: 'registration.review',
      subject: { type: 'registration', id },
      verdict: final ? 'approved' : 'step_approved',
      rule: { id: 'registration.review', version: 1, params: { steps: row.steps_required } },
      evidence: [
        evidence('registration.step', {
          step: given.length,
          of: row.steps_required,
          by: w.actor.id,
          note: note ?? null,
        }),
      ],
      effective: { until: row.protected_until ?? undefined },
    });
    let after = await repo.updateRegistration(w.tx, id, {
      approvals: JSON.stringify(given),
      decision_id: decisionId,
    });
    if (final) after = await approveNow(w, after, c, decisionId);
    else audit(w, 'registration.approved', row, after, c.timeZone, decisionId, note);
    await announceDecision(w, after, final ? 'approved' : 'step_approved', decisionId, { reason: note });
    return toView(after, c.timeZone);
  });
}

/** Back to the partner for information; it keeps its place (the hold) while it answers. */
export async function returnRegistration(db: Db, ctx: RequestContext, id: string, reason: string) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const row = await lockVisible(w, id);
    if (!(PENDING as readonly string[]).includes(row.status)) throw wrongState(row.status, PENDING);
    const decisionId = review(w, id, 'returned', [evidence('registration.returned', { reason })]);
    const after = await repo.updateRegistration(w.tx, id, { status: 'returned', decision_id: decisionId });
    audit(w, 'registration.returned', row, after, c.timeZone, decisionId, reason);
    await announceDecision(w, after, 'returned', decisionId, { reason });
    return toView(after, c.timeZone);
  });
}

export async function rejectRegistration(
  db: Db,
  ctx: RequestContext,
  id: string,
  reason: string,
  code: ReviewRejectionCode = 'OTHER',
) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const row = await lockVisible(w, id);
    const allowed = [...PENDING, 'returned'];
    if (!allowed.includes(row.status)) throw wrongState(row.status, allowed);
    const decisionId = review(w, id, 'rejected', [
      evidence('registration.reviewer_rejected', { reason, reasonCode: code }),
    ]);
    await letGo(w, row, decisionId, 'registration_rejected');
    const refusal: Refusal = { code: 'REVIEWER_REJECTED', until: null, params: { reason, reasonCode: code } };
    const after = await repo.updateRegistration(w.tx, id, {
      status: 'rejected',
      refusal: JSON.stringify(refusal),
      decision_id: decisionId,
      decided_at: new Date().toISOString(),
    });
    audit(w, 'registration.rejected', row, after, c.timeZone, decisionId, reason);
    await announceDecision(w, after, 'rejected', decisionId, { refusal, reason });
    return toView(after, c.timeZone);
  });
}

/** The partner takes its registration back; an approved one returns the customer per the ownership rules. */
export async function withdrawRegistration(db: Db, ctx: RequestContext, id: string, reason: string) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const row = await lockVisible(w, id);
    const allowed = ['draft', 'submitted', 'returned', 'resubmitted', 'approved'];
    if (!allowed.includes(row.status)) throw wrongState(row.status, allowed);
    const decisionId = review(w, id, 'withdrawn', [evidence('registration.withdrawn', { reason })]);
    await letGo(w, row, decisionId, 'registration_withdrawn');
    const after = await repo.updateRegistration(w.tx, id, { status: 'withdrawn', decision_id: decisionId });
    audit(w, 'registration.withdrawn', row, after, c.timeZone, decisionId, reason);
    w.emit('registration.withdrawn', { registrationId: id, partnerId: row.partner_id, decisionId });
    await tellPartner(w, after, 'registration.withdrawn', { reason, from: row.status });
    // A draft was never the channel's business; anything it saw is taken back.
    if (row.status !== 'draft')
      await tellReviewers(w, after, 'registration.withdrawn', { reason, from: row.status });
    return toView(after, c.timeZone);
  });
}

/** Won keeps the customer with the partner without an end; lost lets it go. */
export async function closeRegistration(
  db: Db,
  ctx: RequestContext,
  id: string,
  outcome: { status: 'won' } | { status: 'lost'; reason: string },
) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const row = await lockVisible(w, id);
    if (row.status !== 'approved') throw wrongState(row.status, ['approved']);
    const reason = outcome.status === 'lost' ? outcome.reason : null;
    const decisionId = review(w, id, outcome.status, [
      evidence(`registration.${outcome.status}`, { reason }),
    ]);
    if (outcome.status === 'won')
      await holdForPartner(w, {
        accountId: row.account_id!,
        partnerId: row.partner_id,
        endsAt: null,
        decisionId,
      });
    else await letGo(w, row, decisionId, 'registration_lost');
    const after = await repo.updateRegistration(w.tx, id, {
      status: outcome.status,
      decision_id: decisionId,
    });
    audit(
      w,
      outcome.status === 'won' ? 'registration.won' : 'registration.lost',
      row,
      after,
      c.timeZone,
      decisionId,
      reason,
    );
    if (outcome.status === 'won')
      w.emit('registration.won', {
        registrationId: id,
        partnerId: row.partner_id,
        accountId: row.account_id!,
        decisionId,
      });
    else
      w.emit('registration.lost', {
        registrationId: id,
        partnerId: row.partner_id,
        accountId: row.account_id,
        decisionId,
      });
    await tellPartner(w, after, `registration.${outcome.status}`, { reason });
    return toView(after, c.timeZone);
  });
}

/** Asked before the protection ends, at most the organisation's longest extension. */
export async function requestExtension(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { days: number; reason: string },
) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    if (input.days > c.settings.extension_max_days)
      throw invalid([
        { field: 'days', problem: 'too_big', message: `is more than ${c.settings.extension_max_days}` },
      ]);
    const row = await lockVisible(w, id);
    if (row.status !== 'approved') throw wrongState(row.status, ['approved']);
    if ((row.extension as { status?: string } | null)?.status === 'pending')
      throw wrongState('extension_pending', ['approved']);
    const extension = {
      days: input.days,
      reason: input.reason,
      status: 'pending',
      requestedAt: new Date().toISOString(),
    };
    const after = await repo.updateRegistration(w.tx, id, { extension: JSON.stringify(extension) });
    audit(w, 'registration.extension_requested', row, after, c.timeZone, undefined, input.reason);
    w.emit('registration.extension_requested', {
      registrationId: id,
      partnerId: row.partner_id,
      days: input.days,
    });
    await tellReviewers(w, after, 'registration.extension_requested', {
      days: input.days,
      reason: input.reason,
      until: row.protected_until,
    });
    return toView(after, c.timeZone);
  });
}

export async function decideExtension(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { approve: boolean; reason: string },
) {
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const row = await lockVisible(w, id);
    const extension = row.extension as { days: number; status: string } | null;
    if (row.status !== 'approved' || extension?.status !== 'pending')
      throw wrongState(row.status, ['approved']);
    const until = input.approve ? addDays(row.protected_until!, extension.days) : row.protected_until!;
    const decisionId = w.decide({
      kind: 'registration.extension',
      subject: { type: 'registration', id },
      verdict: input.approve ? 'extended' : 'declined',
      rule: { id: 'registration.extension', version: 1, params: { maxDays: c.settings.extension_max_days } },
      evidence: [
        evidence('registration.extension', {
          days: extension.days,
          from: row.protected_until,
          until,
          reason: input.reason,
        }),
      ],
      effective: { until },
    });
    if (input.approve)
      await holdForPartner(w, {
        accountId: row.account_id!,
        partnerId: row.partner_id,
        endsAt: protectionEnd(until, c.timeZone),
        decisionId,
      });
    const after = await repo.updateRegistration(w.tx, id, {
      protected_until: until,
      extension: JSON.stringify({ ...extension, status: input.approve ? 'approved' : 'declined' }),
      decision_id: decisionId,
    });
    audit(w, 'registration.extension_decided', row, after, c.timeZone, decisionId, input.reason);
    w.emit('registration.extension_decided', {
      registrationId: id,
      partnerId: row.partner_id,
      approved: input.approve,
      protectedUntil: until,
      decisionId,
    });
    await tellPartner(w, after, 'registration.extension_decided', {
      approved: input.approve,
      days: extension.days,
      until,
      reason: input.reason,
    });
    return toView(after, c.timeZone);
  });
}

/** Registrations past their protection without a win lapse; the customer returns per the ownership rules. */
export async function expireDue(w: Work, limit = 500): Promise<number> {
  const c = await settingsContext(w);
  const due = await repo.dueRegistrations(w.tx, localDate(c.now, c.timeZone), limit);
  for (const row of due) {
    const decisionId = w.decide({
      kind: 'registration.expiry',
      subject: { type: 'registration', id: row.id },
      verdict: 'expired',
      rule: { id: 'registration.expiry', version: 1, params: {} },
      evidence: [
        evidence('registration.expired', { protectedUntil: row.protected_until, status: row.status }),
      ],
    });
    await letGo(w, row, decisionId, 'registration_expired');
    const after = await repo.updateRegistration(w.tx, row.id, { status: 'expired', decision_id: decisionId });
    audit(w, 'registration.expired', row, after, c.timeZone, decisionId);
    w.emit('registration.expired', {
      registrationId: row.id,
      partnerId: row.partner_id,
      accountId: row.account_id,
      decisionId,
    });
    await tellPartner(w, after, 'registration.expired', { until: row.protected_until, from: row.status });
  }
  return due.length;
}

/**
 * "Is this customer available to me?": the same matching as a submission, read-only, answered with the
 * same discretion (a code and a date, never who), and rate-limited per user across every node.
 */
export async function checkAvailability(db: Db, ctx: RequestContext, input: AvailabilityInput) {
  const partnerId = ctx.actor.partnerId;
  if (!partnerId) throw new AppError('FORBIDDEN', 'Only a partner’s people ask this');
  return runWork(db, ctx, async (w) => {
    const c = await settingsContext(w);
    const count = await repo.countLookup(w.tx, w.actor.id!);
    if (count > c.settings.lookups_per_minute)
      throw new AppError('RATE_LIMITED', 'Too many availability lookups; wait a minute', {
        retryAfterSeconds: 60 - c.now.getUTCSeconds(),
      });
    const phones = (input.phones ?? []).map((p) => normalizePhone(p).e164 ?? p);
    const products = await productsByIds(w.tx, input.productIds ?? []);
    const probe = {
      id: '00000000-0000-4000-8000-000000000000',
      partner_id: partnerId,
      features: accountFeatures({ ...input, phones }),
      product_line_ids: [...new Set(products.map((p) => p.line_id))],
      amount_minor: c.settings.minimum_amount_minor,
      currency: c.settings.currency,
    } as unknown as repo.RegistrationRow;
    const screening = await screenRegistration(w, probe, c);
    return { available: screening.refusal === null, refusal: screening.refusal };
  });
}

export function settingsView(s: repo.SettingsRow): RegistrationSettings {
  return {
    protectionScope: s.protection_scope,
    currency: s.currency,
    autoApproveMax:
      s.auto_approve_max_minor === null ? null : fromMinor(s.auto_approve_max_minor, s.currency),
    minimumAmount: fromMinor(s.minimum_amount_minor, s.currency),
    directFollowUpDays: s.direct_follow_up_days,
    approvalSteps: s.approval_steps as RegistrationSettings['approvalSteps'],
    extensionMaxDays: s.extension_max_days,
    lookupsPerMinute: s.lookups_per_minute,
    reminderDays: s.reminder_days,
    attachmentQuotaMiB: s.attachment_quota_mib,
  };
}

export async function getSettings(db: Db) {
  return settingsView(await repo.settings(db));
}

export async function updateSettings(db: Db, ctx: RequestContext, patch: Partial<RegistrationSettings>) {
  return runWork(db, ctx, async (w) => {
    const before = settingsView(await repo.settings(w.tx));
    const next = { ...before, ...patch };
    const row = await repo.updateSettings(w.tx, {
      protection_scope: next.protectionScope,
      currency: next.currency,
      auto_approve_max_minor:
        next.autoApproveMax === null ? null : checkedMinor(next.autoApproveMax, next.currency),
      minimum_amount_minor: checkedMinor(next.minimumAmount, next.currency),
      direct_follow_up_days: next.directFollowUpDays,
      approval_steps: JSON.stringify(next.approvalSteps),
      extension_max_days: next.extensionMaxDays,
      lookups_per_minute: next.lookupsPerMinute,
      reminder_days: [...new Set(next.reminderDays)].sort((a, b) => b - a),
      attachment_quota_mib: next.attachmentQuotaMiB,
    });
    const after = settingsView(row);
    w.audit({
      action: 'registration.settings_updated',
      entityType: 'organization',
      entityId: '1',
      before,
      after,
    });
    return after;
  });
}
