import type { Db } from '../../db/database.js';
import { AppError, fieldError, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import { evidence, runWork, type JsonObject, type Work } from '../../kernel/index.js';
import type { Page } from '../../http/pagination.js';
import type { RequestContext } from '../access/index.js';
import { fromMinor, toMinor } from '../activities/index.js';
import { notify } from '../ownership/index.js';
import { nextPeriod } from './calendar.js';
import * as repo from './disputes.repo.js';
import * as periods from './periods.repo.js';
import type { DisputeView, ResolveDisputeInput } from './disputes.schema.js';
import { planRules } from './rules.js';

/**
 * Disputes on one statement line (issue 13, item 9). The payee — the user itself, or for a partner its
 * partner admins — questions a line of a locked statement; finance reviews and resolves it. Upheld with an
 * amount, the correction is an adjustment (kind `dispute`) in the plan's next open period, which shows it as
 * a line when that period is calculated; a closed statement is never edited. A resolved dispute never changes.
 */
export const DISPUTE_RULE = { id: 'commission.dispute', version: 1 } as const;

function view(r: repo.DisputeRow): DisputeView {
  const currency = r.currency;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    planId: r.plan_id,
    periodId: r.period_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    payeeId: r.payee_id,
    payee: r.user_id
      ? { type: 'user', id: r.user_id, name: r.user_name ?? null }
      : { type: 'partner', id: r.partner_id!, name: r.partner_name ?? null },
    line: {
      id: r.line_id,
      lineNo: r.line_no,
      kind: r.kind,
      amount: fromMinor(r.amount_minor, currency),
      formula: r.formula as DisputeView['line']['formula'],
    },
    currency,
    raisedBy: r.raised_by,
    raisedAt: new Date(r.raised_at).toISOString(),
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    note: r.resolution_note,
    adjustment:
      r.adjustment_id && r.target_period_id
        ? {
            id: r.adjustment_id,
            periodId: r.target_period_id,
            periodStart: r.target_period_start!,
            amount: fromMinor(r.adjustment_minor!, currency),
          }
        : null,
    decisionId: r.decision_id,
  };
}

/** Whether the actor is the payee of a statement: the user itself, or an admin of the partner paid. */
function isPayee(ctx: RequestContext, payee: { user_id: string | null; partner_id: string | null }) {
  const a = ctx.actor;
  if (payee.user_id) return a.id === payee.user_id;
  return a.role === 'partner_admin' && a.partnerId !== null && a.partnerId === payee.partner_id;
}

async function reload(w: Work, id: string) {
  return view((await repo.findDispute(w.tx, id))!);
}

export async function raiseDispute(db: Db, ctx: RequestContext, lineId: string, reason: string) {
  return runWork(db, ctx, async (w) => {
    if (!(await repo.lineInSight(w.tx, w.actor, lineId))) throw notFound('commission_line', lineId);
    const line = (await repo.findLine(w.tx, lineId))!;
    if (!isPayee(ctx, line))
      throw forbidden('Only the payee of a statement may dispute its lines', { reason: 'not_payee' });
    if (
      (line.period_status !== 'locked' && line.period_status !== 'paid') ||
      line.locked_snapshot_id !== line.snapshot_id
    )
      throw new AppError(
        'DISPUTE_NOT_LOCKED',
        'Only a line of a locked or paid period’s locked statement can be disputed',
        { periodStatus: line.period_status, periodId: line.period_id },
      );
    let id: string;
    try {
      id = await w.savepoint(
        async () =>
          (
            await repo.insertDispute(w.tx, {
              line_id: lineId,
              payee_id: line.payee_id,
              reason,
              raised_by: ctx.actor.id!,
            })
          ).id,
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('DISPUTE_OPEN', 'This line already has an open dispute', { lineId });
    }
    w.audit({
      action: 'commission_dispute.raised',
      entityType: 'commission_dispute',
      entityId: id,
      after: { lineId, payeeId: line.payee_id, periodId: line.period_id, reason },
    });
    return reload(w, id);
  });
}

export async function listDisputes(
  db: Db,
  ctx: RequestContext,
  filter: { status?: string | undefined; periodId?: string | undefined },
  page: Page,
) {
  const { items, total } = await repo.listDisputes(db, ctx.actor, filter, page);
  return { items: items.map(view), total, limit: page.limit, offset: page.offset };
}

async function lockOpen(w: Work, id: string, allowed: readonly string[]) {
  // Finance and sales ops see every payee: whoever may resolve sees the dispute.
  if (!(await repo.findDispute(w.tx, id, w.actor))) throw notFound('commission_dispute', id);
  const row = (await repo.lockDispute(w.tx, id))!;
  if (!allowed.includes(row.status))
    throw new AppError('DISPUTE_CLOSED', 'The dispute is not in a state that allows this', {
      status: row.status,
      expected: allowed,
    });
  return row;
}

export async function reviewDispute(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    await lockOpen(w, id, ['open']);
    await repo.updateDispute(w.tx, id, { status: 'in_review' });
    w.audit({
      action: 'commission_dispute.in_review',
      entityType: 'commission_dispute',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'in_review' },
    });
    return reload(w, id);
  });
}

/** The signed amount in minor units, or the field problem with it. */
function signedMinor(amount: string, currency: string): bigint {
  const negative = amount.startsWith('-');
  const minor = toMinor(negative ? amount.slice(1) : amount, currency);
  if (typeof minor !== 'bigint')
    throw fieldError('VALIDATION_FAILED', `amount: ${minor.problem}`, {
      field: 'amount',
      problem: minor.problem,
      message: 'is not an amount in the plan currency',
    });
  return negative ? -minor : minor;
}

/**
 * The period an adjustment for a dispute on `period` goes to: the plan's earliest open or calculated period
 * after it, or else the first period after it with no row yet, opened here (its boundaries from the rules
 * of the version in force for the disputed period).
 */
async function adjustmentPeriod(w: Work, planId: string, period: { start: string; end: string }) {
  const open = await periods.nextOpenPeriod(w.tx, planId, period.start);
  if (open) return open;
  const version = await periods.versionInForce(w.tx, planId, period.end);
  if (!version) throw notFound('commission_plan_version', planId);
  const rules = planRules.parse(version.rules);
  let next = nextPeriod(rules, period.start);
  for (;;) {
    const row = await periods.periodAt(w.tx, planId, next.start);
    if (!row) return periods.ensurePeriod(w.tx, planId, next.start, next.end);
    if (row.status === 'open' || row.status === 'calculated') return row;
    next = nextPeriod(rules, next.start);
  }
}

export async function resolveDispute(db: Db, ctx: RequestContext, id: string, input: ResolveDisputeInput) {
  if (input.outcome === 'rejected' && input.amount !== undefined)
    throw fieldError('VALIDATION_FAILED', 'amount: only an upheld dispute books an amount', {
      field: 'amount',
      problem: 'not_allowed',
      message: 'only an upheld dispute books an amount',
    });
  return runWork(db, ctx, async (w) => {
    const locked = await lockOpen(w, id, ['open', 'in_review']);
    const d = (await repo.findDispute(w.tx, id))!;
    const amount = input.outcome === 'upheld' && input.amount ? signedMinor(input.amount, d.currency) : 0n;
    const lineParams: JsonObject = {
      lineId: d.line_id,
      lineNo: d.line_no,
      kind: d.kind,
      amount: d.amount_minor,
      currency: d.currency,
      periodStart: d.period_start,
    };
    let target: { id: string; period_start: string } | null = null;
    if (amount !== 0n)
      target = await adjustmentPeriod(w, d.plan_id, { start: d.period_start, end: d.period_end });
    const outcomeParams: JsonObject = { note: input.note };
    if (target) {
      outcomeParams.amount = amount.toString();
      outcomeParams.targetPeriodStart = target.period_start;
    }
    const decisionId = w.decide({
      kind: 'commission.dispute',
      subject: { type: 'commission_dispute', id },
      verdict: input.outcome,
      rule: { ...DISPUTE_RULE, params: {} },
      evidence: [
        evidence('commission.dispute.line', lineParams),
        evidence('commission.dispute.raised', {
          reason: d.reason,
          raisedAt: new Date(d.raised_at).toISOString(),
        }),
        evidence(`commission.dispute.${input.outcome}`, outcomeParams),
      ],
    });
    let adjustmentId: string | null = null;
    if (target) {
      adjustmentId = (
        await repo.insertAdjustment(w.tx, {
          plan_id: d.plan_id,
          payee_id: d.payee_id,
          source_period_id: d.period_id,
          target_period_id: target.id,
          amount_minor: amount.toString(),
          reason: JSON.stringify({ disputeId: id, lineId: d.line_id, note: input.note }),
          decision_id: decisionId,
        })
      ).id;
    }
    await repo.updateDispute(w.tx, id, {
      status: input.outcome,
      resolved_by: ctx.actor.id,
      resolved_at: new Date().toISOString(),
      resolution_note: input.note,
      adjustment_id: adjustmentId,
      decision_id: decisionId,
    });
    w.audit({
      action: input.outcome === 'upheld' ? 'commission_dispute.upheld' : 'commission_dispute.rejected',
      entityType: 'commission_dispute',
      entityId: id,
      before: { status: locked.status },
      after: {
        status: input.outcome,
        note: input.note,
        adjustmentId,
        amount: amount.toString(),
        targetPeriodId: target?.id ?? null,
      },
      decisionId,
    });
    const recipients = await repo.payeeRecipients(w.tx, d);
    await notify(
      w.tx,
      recipients.map((userId) => ({
        userId,
        kind: 'commission.dispute_resolved' as const,
        params: {
          disputeId: id,
          outcome: input.outcome,
          periodStart: d.period_start,
          lineNo: d.line_no,
          amount: target ? fromMinor(amount, d.currency) : null,
          currency: d.currency,
          targetPeriodStart: target?.period_start ?? null,
        },
        accountId: null,
      })),
    );
    return reload(w, id);
  });
}
