import type { Db } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { toBasisPoints } from '../activities/index.js';
import {
  CREDIT_RULE,
  deriveCredit,
  SPLIT_RULE,
  splitCredit,
  splitProblem,
  type CreditLineDraft,
  type SplitLine,
} from './credit.js';
import * as repo from './transactions.repo.js';
import type { ListCreditQuery, SplitInput } from './transactions.schema.js';
import { creditView, splitView } from './views.js';

/**
 * Credit for a transaction, fixed when it is recorded: from the ownership ledger as it stood at the end of
 * the transaction date (organisation's zone), or from the chain's approved manual split. Stored lines are
 * never edited — a split or a correction supersedes them — so a later transfer of the customer never moves
 * credit for an earlier sale. One decision (`credit.assign`) per write, citing every line's evidence.
 */

export interface CreditSubject {
  id: string;
  chainId: string;
  accountId: string;
  amount: bigint;
  currency: string;
  date: string;
  /** The instant the ledger was read at; null for a manual split, which reads no ledger. */
  at: string | null;
}

async function writeLines(
  w: Work,
  t: CreditSubject,
  drafts: CreditLineDraft[],
  verdict: 'derived' | 'manual',
  rule: { id: string; version: number },
) {
  const decisionId = w.decide({
    kind: 'credit.assign',
    subject: { type: 'transaction', id: t.id },
    verdict: verdict === 'manual' ? 'manual' : 'derived',
    rule: {
      ...rule,
      params: {
        date: t.date,
        ...(t.at && { at: t.at }),
        amount: t.amount.toString(),
        currency: t.currency,
      },
    },
    evidence: drafts.flatMap((d) => d.evidence),
  });
  await repo.insertCreditLines(
    w.tx,
    drafts.map((d, position) => ({
      transaction_id: t.id,
      position,
      payee_type: d.payeeType,
      user_id: d.userId,
      partner_id: d.partnerId,
      role: d.role,
      overlay: d.overlay,
      share_bp: d.shareBp,
      amount_minor: d.amount.toString(),
      currency: t.currency,
      source: d.source,
      source_id: d.sourceId,
      evidence: d.evidence,
      decision_id: decisionId,
    })),
  );
  return decisionId;
}

/** Writes the credit of a newly recorded transaction version. */
export async function recordCredit(w: Work, t: CreditSubject) {
  const split = await repo.latestApprovedSplit(w.tx, t.chainId);
  if (split) {
    const lines = split.lines as SplitLine[];
    return writeLines(w, t, splitCredit(split.id, lines, t.amount), 'manual', SPLIT_RULE);
  }
  const facts = await repo.creditFactsAt(w.tx, t.accountId, t.at!, t.date);
  return writeLines(w, t, deriveCredit(facts, t.amount), 'derived', CREDIT_RULE);
}

/** Sales ops or finance propose a manual split of the transaction's credit; it waits for another's approval. */
export async function proposeSplit(db: Db, ctx: RequestContext, transactionId: string, input: SplitInput) {
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'Only a person enters a split');
  try {
    return await runWork(db, ctx, async (w) => {
      const found = await repo.visibleTransaction(w.tx, w.actor, transactionId);
      if (!found) throw notFound('transaction', transactionId);
      const problems: FieldProblem[] = [];
      const lines: SplitLine[] = [];
      input.lines.forEach((l, i) => {
        if (!!l.userId === !!l.partnerId)
          problems.push({
            field: `lines.${i}.userId`,
            problem: 'one_payee',
            message: 'give userId or partnerId',
          });
        const bp = toBasisPoints(l.share);
        if (typeof bp !== 'number')
          problems.push({ field: `lines.${i}.share`, problem: bp.problem, message: 'is not a percentage' });
        else if (l.userId || l.partnerId)
          lines.push({
            payee: l.userId ? { type: 'user', id: l.userId } : { type: 'partner', id: l.partnerId! },
            role: l.role,
            shareBp: bp,
          });
      });
      if (problems.length) throw invalid(problems);
      const shape = splitProblem(lines);
      if (shape)
        throw fieldError(
          'VALIDATION_FAILED',
          `${shape.field}: ${shape.problem}`,
          {
            field: shape.field,
            problem: shape.problem,
            message:
              shape.problem === 'not_100_percent'
                ? `primary and assisting shares add up to ${(shape.total ?? 0) / 100} %, not 100 %`
                : shape.problem === 'one_primary'
                  ? 'needs exactly one primary'
                  : 'names the same payee twice',
          },
          shape.total === undefined ? {} : { totalBp: shape.total },
        );
      const exist = await repo.payeesExist(
        w.tx,
        lines.filter((l) => l.payee.type === 'user').map((l) => l.payee.id),
        lines.filter((l) => l.payee.type === 'partner').map((l) => l.payee.id),
      );
      input.lines.forEach((l, i) => {
        if (l.userId && !exist.users.has(l.userId))
          problems.push({ field: `lines.${i}.userId`, problem: 'unknown', message: 'is no internal user' });
        if (l.partnerId && !exist.partners.has(l.partnerId))
          problems.push({ field: `lines.${i}.partnerId`, problem: 'unknown', message: 'is no partner' });
      });
      if (problems.length) throw invalid(problems);
      const row = await repo.insertSplit(w.tx, {
        transaction_id: transactionId,
        chain_id: found.chain_id,
        lines,
        reason: input.reason,
        entered_by: w.actor.id!,
      });
      w.audit({
        action: 'credit_split.proposed',
        entityType: 'transaction',
        entityId: transactionId,
        after: { splitId: row.id, lines: input.lines },
        reason: input.reason,
      });
      return splitView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('SPLIT_WRONG_STATE', 'A split of this transaction already waits for approval', {
        status: 'pending',
        expected: 'none pending',
      });
    throw error;
  }
}

/** Another person approves (the split's credit replaces the current lines) or rejects a pending split. */
export async function decideSplit(
  db: Db,
  ctx: RequestContext,
  splitId: string,
  verdict: 'approved' | 'rejected',
  note: string | undefined,
) {
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'Only a person approves a split');
  return runWork(db, ctx, async (w) => {
    // Lock order: the transaction's key (as recording takes it) before any row.
    const peek = await repo.splitTransaction(w.tx, splitId);
    if (!peek) throw notFound('credit_split', splitId);
    await w.lockKeys([`transaction:${peek.external_id}`]);
    const split = await repo.lockSplit(w.tx, splitId);
    if (!split) throw notFound('credit_split', splitId);
    if (split.status !== 'pending')
      throw new AppError('SPLIT_WRONG_STATE', `The split is ${split.status}`, {
        status: split.status,
        expected: 'pending',
      });
    if (split.entered_by === w.actor.id)
      throw new AppError('SPLIT_SELF_APPROVAL', 'Whoever entered a split cannot approve or reject it', {
        enteredBy: split.entered_by,
      });
    let decisionId: string | null = null;
    if (verdict === 'approved') {
      // The split applies to the chain's current version (a correction may have come in meanwhile).
      const [current] = await repo.lockCurrent(w.tx, [peek.external_id]);
      const t = await repo.lockTransaction(w.tx, current!.id);
      await repo.supersedeCredit(w.tx, t!.id);
      decisionId = await writeLines(
        w,
        {
          id: t!.id,
          chainId: t!.chain_id,
          accountId: t!.account_id,
          amount: BigInt(t!.net_minor),
          currency: t!.currency,
          date: t!.transaction_date,
          at: null,
        },
        splitCredit(split.id, split.lines as SplitLine[], BigInt(t!.net_minor)),
        'manual',
        SPLIT_RULE,
      );
    }
    const row = await repo.decideSplit(w.tx, splitId, {
      status: verdict,
      decided_by: w.actor.id!,
      decision_note: note ?? null,
      decision_id: decisionId,
    });
    w.audit({
      action: verdict === 'approved' ? 'credit_split.approved' : 'credit_split.rejected',
      entityType: 'transaction',
      entityId: split.transaction_id,
      before: { splitId, status: 'pending' },
      after: { splitId, status: verdict },
      reason: note ?? null,
      decisionId: decisionId ?? undefined,
    });
    return splitView(row);
  });
}

export async function listSplits(
  db: Db,
  status: 'pending' | 'approved' | 'rejected' | undefined,
  page: Page,
) {
  const { items, total } = await repo.listSplits(db, status, page);
  return { items: items.map(splitView), total, limit: page.limit, offset: page.offset };
}

export async function listCredit(db: Db, ctx: RequestContext, query: ListCreditQuery) {
  const { rows, total } = await repo.listCredit(db, ctx.actor, query);
  return { items: rows.map(creditView), total, limit: query.limit, offset: query.offset };
}
