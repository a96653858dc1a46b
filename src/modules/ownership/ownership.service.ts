import type { Db, Executor } from '../../db/database.js';
import { AppError, fieldError, forbidden, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import {
  evidence,
  runWork,
  visibleIds,
  type Decision,
  type Evidence,
  type Work,
} from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { daysBetween, localDate, startOfLocalDate, type Deadline } from './deadline.js';
import { assignAccount, lockCursorsFor, storedAccounts } from '../assignment/index.js';
import { holderId, recordHandovers, type Handover as HandedOver } from './handover.js';
import { assignedEvidence, assignedHolder } from './initial-owner.js';
import { applyMoves, type Holder } from './ledger.js';
import * as ledger from './ledger.repo.js';
import { notify } from './notifications.js';
import type { ClaimView, DeadlineView, OwnershipView, TeamInput, TransferInput } from './ownership.schema.js';
import * as repo from './ownership.repo.js';
import { userBrief } from './pools.repo.js';

/** The deadline as a reader sees it now: expired the moment it passes, whether or not the sweep has run. */
export function deadlineView(
  d: Deadline | null,
  poolNames: ReadonlyMap<string, string>,
  timeZone: string,
  now = new Date(),
): DeadlineView | null {
  if (!d) return null;
  return {
    endsAt: d.endsAt,
    returnsOn: d.returnsOn,
    poolId: d.rule.poolId,
    poolName: poolNames.get(d.rule.poolId) ?? null,
    ruleId: d.rule.id,
    ruleName: d.rule.name,
    trigger: d.rule.trigger,
    days: d.rule.days,
    anchor: d.anchor,
    anchorKind: d.anchorKind,
    expired: Date.parse(d.endsAt) <= now.getTime(),
    daysLeft: daysBetween(localDate(now, timeZone), d.returnsOn),
  };
}

function claimViews(claims: readonly ledger.ClaimRow[], names: ReadonlyMap<string, string>): ClaimView[] {
  const holderId = (c: ledger.ClaimRow) => c.user_id ?? c.team_id ?? c.pool_id ?? c.partner_id ?? '';
  return claims.map((c) => ({
    id: c.id,
    holder: { type: c.holder, id: holderId(c), name: names.get(holderId(c)) ?? null },
    kind: c.kind,
    via: c.via,
    startedAt: c.started_at,
    endedAt: c.ended_at,
    endReason: c.end_reason,
    decisionId: c.decision_id,
    madeBy: c.made_by ? { type: 'user', id: c.made_by, name: names.get(c.made_by) ?? null } : null,
  }));
}

/**
 * "Why is X the owner, and until when": the open claim, its deadline, the team and every earlier holder.
 * One round trip whatever the history's length (`repo.ownershipFacts`): nothing read is answered unless the
 * account is visible, and people's names only where the caller may see them.
 */
export async function ownershipOf(
  db: Executor,
  ctx: RequestContext,
  accountId: string,
): Promise<OwnershipView> {
  const facts = await repo.ownershipFacts(db, ctx.actor, accountId);
  if (!facts) throw notFound('account', accountId);
  const { history, team, users, places } = facts;
  const open = history.find((c) => !c.ended_at) ?? null;
  const deadline = (open?.ends_rule as Deadline | null) ?? null;
  const names = new Map([...users, ...[...places].map(([id, p]) => [id, p.name] as const)]);
  const views = claimViews(history, names);
  // The deadline names its pool only while the pool is in use, as the pool list shows it.
  const activePools = new Map([...places].flatMap(([id, p]) => (p.active ? [[id, p.name] as const] : [])));
  return {
    accountId,
    current: open ? views[history.indexOf(open)]! : null,
    deadline: deadlineView(deadline, activePools, facts.timeZone),
    team: team.map((m) => ({
      userId: m.user_id,
      name: users.get(m.user_id) ?? null,
      role: m.role,
      creditBp: m.credit_bp,
      // The date the team editor sends back, as the organisation's calendar has it (not a UTC instant).
      until: m.until ? localDate(new Date(m.until), facts.timeZone) : null,
    })),
    history: views,
  };
}

/** The owner, its manager, or anyone over all customers may act on a customer's holding. */
async function mayActOn(db: Executor, actor: Actor, account: { owner_id: string | null }) {
  if (actor.scope === 'all') return true;
  if (account.owner_id === actor.id) return true;
  if (actor.role !== 'manager' || !account.owner_id) return false;
  return (await visibleIds(db, 'user', actor, [account.owner_id])).has(account.owner_id);
}

async function lockOne(w: Work, accountId: string) {
  if (!(await repo.visibleAccount(w.tx, w.actor, accountId))) throw notFound('account', accountId);
  const [held] = await ledger.lockAccounts(w.tx, [accountId]);
  if (!held) throw notFound('account', accountId);
  if (held.account.status !== 'active')
    throw new AppError('ACCOUNT_NOT_ACTIVE', 'The account is not active', {
      id: accountId,
      status: held.account.status,
    });
  if (!(await mayActOn(w.tx, w.actor, held.account)))
    throw forbidden('Only the owner, its manager or sales ops may change who holds this customer');
  return held;
}

const poolField = (problem: string, message: string) =>
  fieldError('VALIDATION_FAILED', `poolId: ${message}`, { field: 'poolId', problem, message });

export async function releaseToPool(
  db: Db,
  ctx: RequestContext,
  accountId: string,
  input: { poolId?: string | undefined; reason: string },
) {
  return runWork(db, ctx, async (w) => {
    const held = await lockOne(w, accountId);
    const rule = held.claim?.ends_rule as Deadline | null;
    const poolId = input.poolId ?? rule?.rule.poolId;
    const pool = poolId ? (await ledger.activePools(w.tx)).find((p) => p.id === poolId) : undefined;
    if (poolId && !pool) throw poolField('unknown', 'is no such pool');
    if (held.claim?.holder === 'pool')
      throw new AppError('UNPROCESSABLE', 'The customer is already in a pool', {
        poolId: held.claim.pool_id,
      });
    const byRule = await releaseByRule(w, held.account, {
      requested: evidence('release.requested', {
        poolId: poolId ?? null,
        poolName: pool?.name ?? null,
        by: w.actor.id,
        reason: input.reason,
      }),
      verdict: 'released',
      endReason: 'release',
      audit: { action: 'ownership.released', reason: input.reason },
    });
    if (byRule) return { accountId, poolId: byRule.poolId, decisionId: byRule.decisionId, to: byRule.to };
    if (!poolId || !pool)
      throw poolField('required', 'is required: no recovery rule names a pool for this customer');
    const decisionId = w.decide({
      kind: 'ownership.release',
      subject: { type: 'account', id: accountId },
      verdict: 'released',
      rule: { id: 'ownership.release.manual', version: 1, params: { poolId } },
      evidence: [
        evidence('release.requested', { poolId, poolName: pool.name, by: w.actor.id, reason: input.reason }),
      ],
    });
    await applyMoves(w, [{ accountId, to: { type: 'pool', poolId }, via: 'release', decisionId }]);
    w.audit({
      action: 'ownership.released',
      entityType: 'account',
      entityId: accountId,
      before: { ownerId: held.account.owner_id },
      after: { poolId },
      reason: input.reason,
      decisionId,
    });
    w.emit('ownership.changed', {
      accountId,
      fromUserId: held.account.owner_id,
      toUserId: null,
      poolId,
      via: 'release',
      decisionId,
    });
    return { accountId, poolId, decisionId, to: { type: 'pool' as const, poolId } };
  });
}

const ASSIGNED_NOTICE = 'ownership.assigned' as const;

/**
 * A released customer routed by the live rules, where a rule runs on release (or the group's key-account
 * manager has first right): the former owner is passed by. Records the decision (the release's evidence,
 * then the rules' in the shape admission uses), the move, the audit entry, the event and the new holder's
 * notice; null when no rule applies, and the caller returns the customer to its pool as before. The
 * account is locked by the caller.
 */
export async function releaseByRule(
  w: Work,
  account: { id: string; owner_id: string | null },
  how: {
    requested: Evidence;
    verdict: 'released' | 'recovered';
    endReason: string;
    audit: { action: 'ownership.released' | 'ownership.recovered'; reason: string | null };
    effective?: { from: string };
  },
) {
  const facts = (await storedAccounts(w, [account.id])).get(account.id);
  if (!facts) return null;
  const assigned = await assignAccount(w, facts, 'release', {
    exclude: account.owner_id ? [account.owner_id] : [],
  });
  if (!assigned) return null;
  const decisionId = w.decide({
    kind: 'ownership.release',
    subject: { type: 'account', id: account.id },
    verdict: how.verdict === 'recovered' ? 'recovered' : 'released',
    rule: assigned.rule,
    evidence: [how.requested, assignedEvidence(assigned, 'release')],
    notApplied: assigned.notApplied,
    ...(how.effective && { effective: how.effective }),
  });
  const to = assignedHolder(assigned.target);
  await applyMoves(w, [
    { accountId: account.id, to, via: 'assignment', decisionId, endReason: how.endReason },
  ]);
  const toUserId = to.type === 'user' ? to.userId : null;
  const poolId = to.type === 'pool' ? to.poolId : null;
  w.audit({
    action: how.audit.action,
    entityType: 'account',
    entityId: account.id,
    before: { ownerId: account.owner_id },
    after: { holder: assigned.target },
    reason: how.audit.reason,
    decisionId,
  });
  w.emit('ownership.changed', {
    accountId: account.id,
    fromUserId: account.owner_id,
    toUserId,
    poolId,
    via: 'assignment',
    decisionId,
  });
  if (toUserId)
    await notify(w.tx, [
      { userId: toUserId, kind: ASSIGNED_NOTICE, params: { decisionId }, accountId: account.id },
    ]);
  return { decisionId, poolId, to: assigned.target };
}

/** Locks a customer to its owner (no recovery while locked), within the organisation's cap per person. */
export async function lockAccount(db: Db, ctx: RequestContext, accountId: string, reason?: string) {
  return runWork(db, ctx, async (w) => {
    const held = await lockOne(w, accountId);
    const claim = held.claim;
    if (!claim || claim.holder !== 'user')
      throw new AppError('UNPROCESSABLE', 'Only a customer a person holds can be locked', {
        holder: claim?.holder ?? null,
      });
    if (claim.kind === 'locked')
      return { accountId, claimKind: 'locked' as const, decisionId: claim.decision_id };
    const org = await ledger.orgSettings(w.tx);
    const count = await repo.lockedCount(w.tx, claim.user_id!);
    if (count >= org.max_locked_per_user)
      throw new AppError('CLAIM_LIMIT', 'The lock limit is reached', {
        limit: 'locks_per_user',
        max: org.max_locked_per_user,
        count,
        resetsAt: null,
      });
    const decisionId = w.decide({
      kind: 'ownership.lock',
      subject: { type: 'account', id: accountId },
      verdict: 'locked',
      rule: { id: 'ownership.lock', version: 1, params: { maxLockedPerUser: org.max_locked_per_user } },
      evidence: [evidence('lock.within_limit', { count, max: org.max_locked_per_user })],
    });
    const holder: Holder = { type: 'user', userId: claim.user_id!, partnerId: claim.partner_id };
    await applyMoves(w, [{ accountId, to: holder, claimKind: 'locked', via: 'lock', decisionId }]);
    w.audit({
      action: 'ownership.locked',
      entityType: 'account',
      entityId: accountId,
      reason: reason ?? null,
      decisionId,
    });
    return { accountId, claimKind: 'locked' as const, decisionId };
  });
}

export async function unlockAccount(db: Db, ctx: RequestContext, accountId: string, reason?: string) {
  return runWork(db, ctx, async (w) => {
    const held = await lockOne(w, accountId);
    const claim = held.claim;
    if (!claim || claim.kind !== 'locked')
      throw new AppError('UNPROCESSABLE', 'The customer is not locked', { kind: claim?.kind ?? null });
    const decisionId = w.decide({
      kind: 'ownership.lock',
      subject: { type: 'account', id: accountId },
      verdict: 'unlocked',
      rule: { id: 'ownership.lock', version: 1, params: {} },
      evidence: [evidence('lock.released', { by: w.actor.id })],
    });
    const [next] = await applyMoves(w, [
      {
        accountId,
        to: { type: 'user', userId: claim.user_id!, partnerId: claim.partner_id },
        via: 'unlock',
        decisionId,
      },
    ]);
    w.audit({
      action: 'ownership.unlocked',
      entityType: 'account',
      entityId: accountId,
      reason: reason ?? null,
      decisionId,
    });
    return { accountId, claimKind: next!.kind, endsAt: next!.ends_at, decisionId };
  });
}

const targetProblem = (problem: string, message: string) =>
  fieldError('VALIDATION_FAILED', `to.userId: ${message}`, { field: 'to.userId', problem, message });

/**
 * Hands customers over with a note: to a person, to each owner's manager, or to a pool. Open opportunities
 * the former owner held go along; the former owner may stay on the account team, read-only, until a date.
 */
export async function transferAccounts(db: Db, ctx: RequestContext, input: TransferInput) {
  return runWork(db, ctx, (w) => handOver(w, input, { asCaller: true }));
}

/**
 * Moves customers inside the caller's unit of work. `asCaller`: the caller must see each customer and may
 * act on it (a transfer); without it, the caller's right comes from elsewhere (deactivating their holder).
 */
async function handOver(w: Work, input: TransferInput, { asCaller }: { asCaller: boolean }) {
  {
    const ids = [...new Set(input.accountIds)];
    const seen = asCaller ? await repo.visibleAccountIds(w.tx, w.actor, ids) : new Set(ids);
    const missing = ids.filter((id) => !seen.has(id));
    if (missing.length > 0)
      throw fieldError(
        'VALIDATION_FAILED',
        'accountIds: not found',
        { field: 'accountIds', problem: 'not_found', message: `${missing.length} not found` },
        { accountIds: missing },
      );
    let target: Awaited<ReturnType<typeof userBrief>> | undefined;
    if (input.to.type === 'user') {
      target = await userBrief(w.tx, input.to.userId);
      if (!target || (asCaller && !(await visibleIds(w.tx, 'user', w.actor, [target.id])).has(target.id)))
        throw targetProblem('unknown', 'is no such user');
      if (target.status !== 'active')
        throw targetProblem('inactive', 'is not active: hand over to an active user');
    }
    if (
      input.to.type === 'pool' &&
      !(await ledger.activePools(w.tx)).some((p) => input.to.type === 'pool' && p.id === input.to.poolId)
    )
      throw fieldError('VALIDATION_FAILED', 'to.poolId: no such pool', {
        field: 'to.poolId',
        problem: 'unknown',
        message: 'is no such pool',
      });
    const held = await ledger.lockAccounts(w.tx, ids);
    // By rule: every cursor the rules may turn, taken at once in key order before the first account.
    if (input.to.type === 'rule' && !(await lockCursorsFor(w, 'transfer')))
      throw fieldError('VALIDATION_FAILED', 'to: no published rule runs on transfer', {
        field: 'to',
        problem: 'no_rule',
        message: 'no published assignment rule runs on transfer',
      });
    const facts = await storedAccounts(w, input.to.type === 'rule' ? ids : []);
    const noRule: string[] = [];
    const handovers: HandedOver[] = [];
    for (const { account } of held) {
      if (account.status !== 'active')
        throw new AppError('ACCOUNT_NOT_ACTIVE', 'The account is not active', {
          id: account.id,
          status: account.status,
        });
      if (asCaller && !(await mayActOn(w.tx, w.actor, account)))
        throw forbidden('Only the owner’s manager or sales ops may hand this customer over', {
          accountId: account.id,
        });
      let to: Holder;
      let byRule: { evidence: Evidence; notApplied: Decision['notApplied']; rule: Decision['rule'] } | null =
        null;
      if (input.to.type === 'pool') to = { type: 'pool', poolId: input.to.poolId };
      else if (input.to.type === 'rule') {
        const assigned = await assignAccount(w, facts.get(account.id)!, 'transfer', {
          exclude: account.owner_id ? [account.owner_id] : [],
        });
        if (!assigned) {
          noRule.push(account.id);
          continue;
        }
        to = assignedHolder(assigned.target);
        byRule = {
          evidence: assignedEvidence(assigned, 'transfer'),
          notApplied: assigned.notApplied,
          rule: assigned.rule,
        };
      } else {
        const userId =
          input.to.type === 'user'
            ? input.to.userId
            : account.owner_id && (await repo.managerOf(w.tx, account.owner_id));
        if (!userId) throw targetProblem('no_manager', 'the owner has no manager to hand over to');
        const user = input.to.type === 'user' ? target! : await userBrief(w.tx, userId);
        if (!user || user.status !== 'active')
          throw targetProblem('inactive', 'is not active: hand over to an active user');
        to = { type: 'user', userId, partnerId: user.partner_id };
      }
      const decisionId = w.decide({
        kind: 'ownership.transfer',
        subject: { type: 'account', id: account.id },
        verdict: 'transferred',
        rule: byRule?.rule ?? { id: 'ownership.transfer.manual', version: 1, params: { to: input.to.type } },
        evidence: [
          evidence('transfer.requested', {
            fromUserId: account.owner_id,
            to: to.type === 'partner' ? null : holderId(to),
            toType: to.type,
            by: w.actor.id,
            note: input.note,
          }),
          ...(byRule ? [byRule.evidence] : []),
        ],
        ...(byRule?.notApplied?.length && { notApplied: byRule.notApplied }),
      });
      // The rules read loads from the ledger: each claim is written before the next account is decided.
      if (byRule) await applyMoves(w, [{ accountId: account.id, to, via: 'transfer', decisionId }]);
      handovers.push({
        accountId: account.id,
        fromUserId: account.owner_id,
        to,
        via: 'transfer',
        decisionId,
        claimed: !!byRule,
        audit: {
          action: 'ownership.transferred',
          before: { ownerId: account.owner_id, poolId: account.pool_id },
          reason: input.note,
        },
        tell: {
          from: 'ownership.transferred_out',
          to: 'ownership.transferred_in',
          params: { note: input.note, decisionId },
        },
        keepFormerUntil: input.keepFormerUntil,
      });
    }
    if (noRule.length > 0)
      throw fieldError(
        'VALIDATION_FAILED',
        'to: no rule takes these customers',
        { field: 'to', problem: 'no_rule', message: `no rule takes ${noRule.length} of them` },
        { accountIds: noRule },
      );
    const { opportunitiesMoved } = await recordHandovers(w, handovers);
    return { moved: handovers.length, opportunitiesMoved };
  }
}

export type Handover = TransferInput['to'];

/**
 * Deactivating a person leaves no customer without a holder: with a handover, everything they hold goes
 * to the person, their manager or the pool named, in the deactivation's unit of work; without one, it is
 * refused with how many customers they hold.
 */
export async function handOverAllOf(
  w: Work,
  userId: string,
  to: Handover | undefined,
  note: string | undefined,
) {
  const held = await repo.heldBy(w.tx, userId);
  if (held.length === 0) return { moved: 0 };
  if (!to)
    throw new AppError('USER_HOLDS_CUSTOMERS', `The user still holds ${held.length} customers`, {
      count: held.length,
      handover: ['user', 'manager', 'pool'],
    });
  if (to.type === 'user' && to.userId === userId)
    throw fieldError('VALIDATION_FAILED', 'handover.userId: the user being deactivated', {
      field: 'handover.userId',
      problem: 'self',
      message: 'is the user being deactivated',
    });
  const { moved } = await handOver(
    w,
    { accountIds: held, to, note: note ?? 'deactivated' },
    { asCaller: false },
  );
  return { moved };
}

/** Replaces the account team (collaborators beside the owner, each with a role and a default credit share). */
export async function setAccountTeam(db: Db, ctx: RequestContext, accountId: string, input: TeamInput) {
  return runWork(db, ctx, async (w) => {
    const held = await lockOne(w, accountId);
    const ids = input.members.map((m) => m.userId);
    const dupe = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dupe >= 0)
      throw fieldError('VALIDATION_FAILED', 'members: a person twice', {
        field: `members.${dupe}.userId`,
        problem: 'duplicate',
        message: 'is listed twice',
      });
    const owner = ids.indexOf(held.account.owner_id ?? '');
    if (owner >= 0)
      throw fieldError('VALIDATION_FAILED', 'members: the owner', {
        field: `members.${owner}.userId`,
        problem: 'owner',
        message: 'is the owner already',
      });
    const seen = await visibleIds(w.tx, 'user', w.actor, ids);
    for (const [i, m] of input.members.entries()) {
      const u = seen.has(m.userId) ? await userBrief(w.tx, m.userId) : undefined;
      if (!u || u.status !== 'active')
        throw fieldError('VALIDATION_FAILED', 'members: not an active user', {
          field: `members.${i}.userId`,
          problem: u ? 'inactive' : 'unknown',
          message: u ? 'is not active' : 'is no such user',
        });
    }
    const total = input.members.reduce((s, m) => s + m.creditBp, 0);
    if (total > 10_000)
      throw fieldError('VALIDATION_FAILED', 'members: credit over 100 %', {
        field: 'members',
        problem: 'credit_over_100',
        message: `shares add up to ${total / 100} %`,
      });
    const before = await repo.accountTeam(w.tx, accountId);
    const org = await ledger.orgSettings(w.tx);
    await repo.replaceAccountTeam(
      w.tx,
      accountId,
      input.members.map((m) => ({
        user_id: m.userId,
        role: m.role,
        credit_bp: m.creditBp,
        until: m.until ? startOfLocalDate(m.until, org.time_zone) : null,
        added_by: w.actor.id,
      })),
    );
    w.audit({
      action: 'account_team.updated',
      entityType: 'account',
      entityId: accountId,
      before: before.map((m) => ({ userId: m.user_id, role: m.role, creditBp: m.credit_bp, until: m.until })),
      after: input.members,
      reason: input.reason ?? null,
    });
    return ownershipOf(w.tx, w.ctx, accountId);
  });
}

export async function myCustomers(db: Db, ctx: RequestContext, page: Page) {
  if (!ctx.actor.id) throw forbidden('Only a person holds customers');
  const [{ items, total }, org, pools] = await Promise.all([
    repo.myCustomers(db, ctx.actor.id, page),
    ledger.orgSettings(db),
    ledger.activePools(db),
  ]);
  const poolNames = new Map(pools.map((p) => [p.id, p.name]));
  return {
    items: items.map((r) => ({
      id: r.id,
      legalName: r.legal_name,
      regionCode: r.region_code,
      grade: r.grade,
      kind: r.kind,
      startedAt: r.started_at,
      deadline: deadlineView(r.ends_rule as Deadline | null, poolNames, org.time_zone),
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}
