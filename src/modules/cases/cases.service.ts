import type { Db, Executor } from '../../db/database.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { evidence, runWork, visibleIds, type Evidence, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { fromMinor } from '../activities/index.js';
import { notify, type Notice } from '../ownership/index.js';
import {
  lockRegistrationCustomer,
  protectRegistrationByCase,
  refuseRegistrationByCase,
  registrationFacts,
  type RegistrationFacts,
} from '../registrations/index.js';
import * as repo from './cases.repo.js';
import type {
  CaseSettings,
  CaseSideView,
  CaseView,
  DecideInput,
  DisputeInput,
  ListCasesQuery,
  RaiseInput,
} from './cases.schema.js';
import { isCollision, isOverdue, partiesFrom, viewerOf, type Parties } from './sides.js';

/**
 * Conflict cases (冲突仲裁): a registration refused because it collides with a direct rep's customer or
 * another claim opens a case in the refusing unit of work; a partner may dispute a refusal of its own
 * registration; the channel may raise one. Each case keeps both sides' evidence as it stood at opening,
 * runs against SLA instants (a sweep escalates it when overdue), and is decided by the channel with a
 * reason: the outcome is applied to registrations and the ownership ledger in the deciding transaction.
 * Each party reads its own side and the outcome, never the other party (item 6).
 */

interface Activity {
  count: number;
  first: string | null;
  last: string | null;
}

/** One side as stored in `cases.evidence`: ids, dates and amounts; names are looked up when read. */
interface SideSnapshot {
  type: CaseSideView['type'];
  registrationId: string | null;
  partnerId: string | null;
  ownerId: string | null;
  accountId: string | null;
  createdAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  holdsSince: string | null;
  protectedUntil: string | null;
  amountMinor: string | null;
  currency: string | null;
  refusalCode: string | null;
  followUps: Activity;
  quotes: Activity;
}

interface CaseEvidence {
  claimant: SideSnapshot;
  holder: SideSnapshot | null;
  match: { decisionId: string | null; codes: string[] };
}

const none: Activity = { count: 0, first: null, last: null };

/** The account's open claim, read once per case however many sides ask for it. */
type ClaimOf = (accountId: string) => ReturnType<typeof repo.openClaim>;

async function registrationSide(
  w: Work,
  claimOf: ClaimOf,
  r: RegistrationFacts,
  accountId: string | null,
): Promise<SideSnapshot> {
  const activity = accountId ? await repo.activityOn(w.tx, accountId, { partnerId: r.partnerId }) : null;
  const claim = accountId ? await claimOf(accountId) : undefined;
  return {
    type: 'registration',
    registrationId: r.id,
    partnerId: r.partnerId,
    ownerId: null,
    accountId,
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    holdsSince: claim?.holder === 'partner' && claim.partner_id === r.partnerId ? claim.started_at : null,
    protectedUntil: r.protectedUntil,
    amountMinor: r.amountMinor,
    currency: r.currency,
    refusalCode: r.refusal?.code ?? null,
    followUps: activity?.followUps ?? none,
    quotes: activity?.quotes ?? none,
  };
}

async function holderSide(w: Work, claimOf: ClaimOf, parties: Parties): Promise<SideSnapshot | null> {
  if (parties.otherRegistrationId) {
    const other = await registrationFacts(w, parties.otherRegistrationId);
    if (other) return registrationSide(w, claimOf, other, parties.accountId ?? other.accountId);
  }
  if (!parties.accountId) return null;
  const claim = await claimOf(parties.accountId);
  const partnerId = parties.otherPartnerId;
  const activity = await repo.activityOn(w.tx, parties.accountId, { partnerId });
  return {
    type: partnerId ? 'partner_hold' : 'direct',
    registrationId: null,
    partnerId,
    ownerId: partnerId ? null : parties.directOwnerId,
    accountId: parties.accountId,
    createdAt: null,
    submittedAt: null,
    decidedAt: null,
    holdsSince: claim?.started_at ?? null,
    protectedUntil: null,
    amountMinor: null,
    currency: null,
    refusalCode: null,
    followUps: activity.followUps,
    quotes: activity.quotes,
  };
}

const hoursFrom = (now: Date, hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

/** Opens a case in the caller's unit of work: the evidence of both sides, the SLA instants, who is told. */
async function openCase(
  w: Work,
  input: {
    kind: 'collision' | 'dispute' | 'raised';
    registration: RegistrationFacts;
    parties: Parties;
    reason: string | null;
    match: { decisionId: string | null; evidence: readonly Evidence[] };
    /** The case settings, when the caller has just read them in this unit of work. */
    settings?: repo.CaseSettingsRow;
  },
) {
  const settings = input.settings ?? (await repo.settings(w.tx));
  const now = new Date();
  const { registration: r, parties } = input;
  const claims = new Map<string, ReturnType<typeof repo.openClaim>>();
  const claimOf: ClaimOf = (accountId) => {
    const known = claims.get(accountId);
    if (known) return known;
    const claim = repo.openClaim(w.tx, accountId);
    claims.set(accountId, claim);
    return claim;
  };
  const snapshot: CaseEvidence = {
    claimant: await registrationSide(w, claimOf, r, parties.accountId ?? r.accountId),
    holder: await holderSide(w, claimOf, parties),
    match: {
      decisionId: input.match.decisionId,
      codes: [...new Set(input.match.evidence.map((e) => e.code))],
    },
  };
  // One open case per registration (a partial unique index): a racing opener's case stands, this one is refused.
  const row = await repo.insertCase(w.tx, {
    kind: input.kind,
    registration_id: r.id,
    partner_id: r.partnerId,
    account_id: parties.accountId ?? r.accountId,
    direct_owner_id: parties.directOwnerId,
    other_registration_id: parties.otherRegistrationId,
    other_partner_id: parties.otherPartnerId,
    refusal_code: r.refusal?.code ?? null,
    reason: input.reason,
    opened_by: w.actor.id,
    evidence: JSON.stringify(snapshot),
    respond_by: hoursFrom(now, settings.response_hours),
    decide_by: hoursFrom(now, settings.decision_hours),
  });
  if (!row) {
    const open = (await repo.casesOfRegistration(w.tx, r.id)).find((c) => c.status !== 'decided');
    throw new AppError('CASE_OPEN', 'This registration already has an open case', {
      caseId: open?.id ?? null,
    });
  }
  await repo.insertCaseEvent(w.tx, row.id, 'opened', w.actor.id);
  w.audit({
    action: 'case.opened',
    entityType: 'case',
    entityId: row.id,
    after: { kind: row.kind, registrationId: r.id, refusalCode: row.refusal_code, decideBy: row.decide_by },
    reason: input.reason,
  });
  w.emit('case.opened', { caseId: row.id, registrationId: r.id, partnerId: r.partnerId, kind: row.kind });
  await notify(w.tx, await noticesFor(w.tx, row, 'case.opened', { caseId: row.id, status: row.status }));
  return row;
}

/** Both parties' people and the partner's channel manager; partners without the customer named. */
async function noticesFor(
  db: Executor,
  c: repo.CaseRow,
  kind: 'case.opened' | 'case.decided',
  params: Record<string, string | null>,
): Promise<Notice[]> {
  const claimant = await repo.registrationPeople(db, c.partner_id, c.registration_id);
  const holders = c.other_partner_id
    ? await repo.registrationPeople(db, c.other_partner_id, c.other_registration_id)
    : [];
  const partners = await repo.partnerNames(db, [c.partner_id]);
  const manager = partners.get(c.partner_id)?.managerId ?? null;
  const staff = [c.direct_owner_id, manager].filter((id): id is string => !!id);
  const seen = new Set<string>();
  const once = (userId: string) => !seen.has(userId) && !!seen.add(userId);
  return [
    ...[...claimant, ...holders].filter(once).map((userId) => ({ userId, kind, params, accountId: null })),
    ...staff.filter(once).map((userId) => ({ userId, kind, params, accountId: c.account_id })),
  ];
}

/**
 * Called by deal registration in the unit of work that refuses a registration: a refusal by collision
 * opens a case (unless the setting is off, or the registration already has an open one). Returns its id.
 */
export async function openCollisionCase(
  w: Work,
  input: { registrationId: string; refusalCode: string; evidence: readonly Evidence[]; decisionId: string },
): Promise<string | null> {
  if (!isCollision(input.refusalCode)) return null;
  const settings = await repo.settings(w.tx);
  if (!settings.open_on_collision) return null;
  const existing = (await repo.casesOfRegistration(w.tx, input.registrationId)).find((c) =>
    (repo.OPEN as readonly string[]).includes(c.status),
  );
  if (existing) return existing.id;
  const registration = await registrationFacts(w, input.registrationId);
  if (!registration) return null;
  const row = await openCase(w, {
    kind: 'collision',
    registration,
    parties: partiesFrom(input.evidence, registration.partnerId),
    reason: null,
    match: { decisionId: input.decisionId, evidence: input.evidence },
    settings,
  });
  return row.id;
}

const notDisputable = (status: string, reason: string) =>
  new AppError('CASE_NOT_DISPUTABLE', 'This registration’s refusal cannot be disputed now', {
    status,
    reason,
  });

async function registrationInSight(db: Executor, actor: Actor, id: string) {
  if (!(await visibleIds(db, 'registration', actor, [id])).has(id)) throw notFound('registration', id);
}

/** The parties of a registration's latest verdict, read from its decision's evidence. */
async function partiesOf(w: Work, r: RegistrationFacts) {
  const decision = await repo.decisionEvidence(w.tx, r.decisionId);
  const list = ((decision?.evidence as Evidence[] | null) ?? []).filter((e) => typeof e?.code === 'string');
  const parties = partiesFrom(list, r.partnerId);
  return { parties: { ...parties, accountId: parties.accountId ?? r.accountId }, list };
}

/** A partner disputes the refusal of its own registration: a case opens with its reason. */
export async function disputeRefusal(db: Db, ctx: RequestContext, input: DisputeInput) {
  await registrationInSight(db, ctx.actor, input.registrationId);
  if (!ctx.actor.partnerId) throw forbidden('Only the partner’s own people dispute its refusals');
  return runWork(db, ctx, async (w) => {
    const r = await registrationFacts(w, input.registrationId);
    if (!r) throw notFound('registration', input.registrationId);
    if (r.status !== 'rejected') throw notDisputable(r.status, 'not_refused');
    if (r.refusal?.code === 'CASE_DECIDED') throw notDisputable(r.status, 'already_arbitrated');
    const earlier = await repo.casesOfRegistration(w.tx, r.id);
    const open = earlier.find((c) => (repo.OPEN as readonly string[]).includes(c.status));
    if (open)
      throw new AppError('CASE_OPEN', 'This registration already has an open case', { caseId: open.id });
    if (earlier.some((c) => c.status === 'decided')) throw notDisputable(r.status, 'already_arbitrated');
    const { parties, list } = await partiesOf(w, r);
    const row = await openCase(w, {
      kind: 'dispute',
      registration: r,
      parties,
      reason: input.reason,
      match: { decisionId: r.decisionId, evidence: list },
    });
    return (await views(w.tx, w.actor, [row]))[0]!;
  });
}

const RAISABLE = ['submitted', 'resubmitted', 'returned', 'approved', 'won', 'rejected'];

/** The channel opens a case on a registration (a direct rep's complaint, a claim it doubts). */
export async function raiseCase(db: Db, ctx: RequestContext, input: RaiseInput) {
  await registrationInSight(db, ctx.actor, input.registrationId);
  return runWork(db, ctx, async (w) => {
    const r = await registrationFacts(w, input.registrationId);
    if (!r) throw notFound('registration', input.registrationId);
    if (!RAISABLE.includes(r.status)) throw notDisputable(r.status, 'closed_registration');
    const { parties, list } = await partiesOf(w, r);
    const row = await openCase(w, {
      kind: 'raised',
      registration: r,
      parties,
      reason: input.reason,
      match: { decisionId: r.decisionId, evidence: list },
    });
    return (await views(w.tx, w.actor, [row]))[0]!;
  });
}

const closed = (status: string) => new AppError('CASE_CLOSED', `The case is already ${status}`, { status });

async function lockVisible(w: Work, id: string) {
  const row = await repo.findVisibleCase(w.tx, w.actor, id, true);
  if (!row) throw notFound('case', id);
  return row;
}

/** A channel manager takes the case up: the first response the SLA asks for. */
export async function takeUpCase(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    const current = await lockVisible(w, id);
    if (current.status === 'decided' || current.status === 'withdrawn') throw closed(current.status);
    if (current.status === 'under_review') return (await views(w.tx, w.actor, [current]))[0]!;
    const row = await repo.updateCase(w.tx, id, {
      status: 'under_review',
      first_response_at: new Date().toISOString(),
    });
    await repo.insertCaseEvent(w.tx, id, 'taken_up', w.actor.id);
    w.audit({
      action: 'case.taken_up',
      entityType: 'case',
      entityId: id,
      before: { status: current.status },
      after: { status: row.status },
    });
    w.emit('case.taken_up', { caseId: id, registrationId: row.registration_id });
    return (await views(w.tx, w.actor, [row]))[0]!;
  });
}

/**
 * The channel decides, with a reason; the outcome is applied in this transaction. Concurrent decisions
 * queue on the case row (after the customer's keys, for an outcome that moves the customer): the first
 * decides, the next finds it decided (409 CASE_CLOSED).
 */
export async function decideCase(db: Db, ctx: RequestContext, id: string, input: DecideInput) {
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findVisibleCase(w.tx, w.actor, id);
    if (!seen) throw notFound('case', id);
    if (input.outcome === 'partner_wins') await lockRegistrationCustomer(w, seen.registration_id);
    const current = await lockVisible(w, id);
    if (!(repo.OPEN as readonly string[]).includes(current.status)) throw closed(current.status);
    const decisionId = w.decide({
      kind: 'case.decision',
      subject: { type: 'case', id },
      verdict: input.outcome,
      rule: { id: 'case.arbitration', version: 1, params: { kind: current.kind } },
      evidence: [
        evidence('case.opened', {
          kind: current.kind,
          registrationId: current.registration_id,
          refusalCode: current.refusal_code,
          otherRegistrationId: current.other_registration_id,
          directOwnerId: current.direct_owner_id,
          openedAt: current.created_at,
        }),
        evidence('case.outcome', { outcome: input.outcome, by: w.actor.id, reason: input.reason }),
      ],
    });
    const ref = { caseId: id, decisionId };
    switch (input.outcome) {
      case 'partner_wins':
        await protectRegistrationByCase(w, current.registration_id, ref);
        break;
      case 'direct_wins':
        await refuseRegistrationByCase(w, current.registration_id, ref);
        break;
      case 'dismissed':
        break;
    }
    const now = new Date().toISOString();
    const row = await repo.updateCase(w.tx, id, {
      status: 'decided',
      outcome: input.outcome,
      decision_reason: input.reason,
      decided_by: w.actor.id,
      decided_at: now,
      decision_id: decisionId,
      first_response_at: current.first_response_at ?? now,
    });
    await repo.insertCaseEvent(w.tx, id, 'decided', w.actor.id);
    w.audit({
      action: 'case.decided',
      entityType: 'case',
      entityId: id,
      before: { status: current.status },
      after: { status: row.status, outcome: row.outcome },
      reason: input.reason,
      decisionId,
    });
    w.emit('case.decided', {
      caseId: id,
      registrationId: row.registration_id,
      outcome: input.outcome,
      decisionId,
    });
    await notify(w.tx, await noticesFor(w.tx, row, 'case.decided', { caseId: id, outcome: input.outcome }));
    return (await views(w.tx, w.actor, [row]))[0]!;
  });
}

/** The claiming partner takes its case back (it accepts the refusal); the registration stays as it is. */
export async function withdrawCase(db: Db, ctx: RequestContext, id: string, reason: string | null) {
  return runWork(db, ctx, async (w) => {
    const current = await lockVisible(w, id);
    if (viewerOf(w.actor, current) !== 'claimant')
      throw forbidden('Only the partner that claims the customer withdraws its case', {
        reason: 'not_claimant',
      });
    if (!(repo.OPEN as readonly string[]).includes(current.status)) throw closed(current.status);
    const row = await repo.updateCase(w.tx, id, { status: 'withdrawn' });
    await repo.insertCaseEvent(w.tx, id, 'withdrawn', w.actor.id);
    w.audit({
      action: 'case.withdrawn',
      entityType: 'case',
      entityId: id,
      before: { status: current.status },
      after: { status: row.status },
      reason,
    });
    w.emit('case.withdrawn', { caseId: id, registrationId: row.registration_id });
    return (await views(w.tx, w.actor, [row]))[0]!;
  });
}

export async function getCase(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleCase(db, ctx.actor, id);
  if (!row) throw notFound('case', id);
  return (await views(db, ctx.actor, [row]))[0]!;
}

export async function listCases(db: Db, ctx: RequestContext, query: ListCasesQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listVisibleCases(db, ctx.actor, query, page);
  return { items: await views(db, ctx.actor, items), total, ...page };
}

/**
 * Cases as this reader may read them: the channel both sides with names; a party its own side only —
 * never the other party, its deal, or the matching that named it.
 */
async function views(db: Executor, actor: Actor, rows: readonly repo.CaseRow[]): Promise<CaseView[]> {
  const now = new Date();
  const stored = rows.map((r) => r.evidence as CaseEvidence);
  const sides = stored.flatMap((e) => [e.claimant, ...(e.holder ? [e.holder] : [])]);
  const [partners, users, accounts, events, timeZone] = await Promise.all([
    repo.partnerNames(db, [...new Set(sides.flatMap((s) => (s.partnerId ? [s.partnerId] : [])))]),
    repo.userNames(db, [...new Set(sides.flatMap((s) => (s.ownerId ? [s.ownerId] : [])))]),
    repo.accountNames(db, [...new Set(sides.flatMap((s) => (s.accountId ? [s.accountId] : [])))]),
    repo.caseEvents(
      db,
      rows.map((r) => r.id),
    ),
    repo.timeZone(db),
  ]);
  const side = (s: SideSnapshot, full: boolean): CaseSideView => ({
    type: s.type,
    registrationId: s.registrationId,
    partner: s.partnerId ? { id: s.partnerId, name: partners.get(s.partnerId)?.name ?? '' } : null,
    owner: s.ownerId ? { id: s.ownerId, displayName: users.get(s.ownerId) ?? '' } : null,
    // A partner reads its own deal; the customer's record (as the company holds it) is the channel's.
    account: full && s.accountId ? { id: s.accountId, legalName: accounts.get(s.accountId) ?? '' } : null,
    createdAt: s.createdAt,
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
    holdsSince: s.holdsSince,
    protectedUntil: s.protectedUntil,
    amount: s.amountMinor && s.currency ? fromMinor(s.amountMinor, s.currency) : null,
    currency: s.currency,
    refusalCode: s.refusalCode,
    followUps: s.followUps,
    quotes: s.quotes,
  });
  return rows.map((r, i): CaseView => {
    const e = stored[i]!;
    const viewer = viewerOf(actor, r);
    const channel = viewer === 'channel';
    const staff = actor.scope !== 'partner';
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      viewer,
      registrationId: viewer === 'holder' ? r.other_registration_id : r.registration_id,
      refusalCode: viewer === 'holder' ? null : r.refusal_code,
      reason: channel || (viewer === 'claimant' && r.kind === 'dispute') ? r.reason : null,
      claimant: viewer === 'holder' ? null : side(e.claimant, channel),
      holder: viewer === 'claimant' || !e.holder ? null : side(e.holder, staff),
      match: channel ? e.match : null,
      timeZone,
      respondBy: r.respond_by,
      decideBy: r.decide_by,
      firstResponseAt: r.first_response_at,
      overdue: isOverdue(r, now),
      escalatedAt: r.escalated_at,
      outcome: r.outcome,
      decisionReason: r.decision_reason,
      decidedAt: r.decided_at,
      decisionId: channel ? r.decision_id : null,
      timeline: events
        .filter((x) => x.case_id === r.id)
        .map((x) => ({ kind: x.kind as CaseView['timeline'][number]['kind'], at: x.at })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

/** Overdue open cases go up a level once: to the channel manager's manager, or sales ops. */
export async function escalateDue(w: Work, limit = 200): Promise<number> {
  const now = new Date().toISOString();
  const due = await repo.dueCases(w.tx, now, limit);
  for (const c of due) {
    const to = await repo.escalationTargets(w.tx, c.partner_id);
    await repo.updateCase(w.tx, c.id, { escalated_at: now, escalated_to: to });
    await repo.insertCaseEvent(w.tx, c.id, 'escalated', null);
    w.audit({
      action: 'case.escalated',
      entityType: 'case',
      entityId: c.id,
      before: { escalatedAt: null },
      after: { escalatedAt: now, to, respondBy: c.respond_by, decideBy: c.decide_by },
    });
    w.emit('case.escalated', { caseId: c.id, registrationId: c.registration_id, to });
    await notify(
      w.tx,
      to.map((userId) => ({
        userId,
        kind: 'case.escalated' as const,
        params: { caseId: c.id, decideBy: c.decide_by },
        accountId: c.account_id,
      })),
    );
  }
  return due.length;
}

export function settingsView(s: repo.CaseSettingsRow): CaseSettings {
  return {
    responseHours: s.response_hours,
    decisionHours: s.decision_hours,
    openOnCollision: s.open_on_collision,
  };
}

export async function getSettings(db: Db) {
  return settingsView(await repo.settings(db));
}

export async function updateSettings(db: Db, ctx: RequestContext, patch: Partial<CaseSettings>) {
  return runWork(db, ctx, async (w) => {
    const before = settingsView(await repo.settings(w.tx));
    const next = { ...before, ...patch };
    if (next.decisionHours < next.responseHours)
      throw new AppError('VALIDATION_FAILED', 'decisionHours: is before the first response', {
        fields: [{ field: 'decisionHours', problem: 'too_small', message: 'is less than responseHours' }],
      });
    const row = await repo.updateSettings(w.tx, {
      response_hours: next.responseHours,
      decision_hours: next.decisionHours,
      open_on_collision: next.openOnCollision,
    });
    const after = settingsView(row);
    w.audit({ action: 'case.settings_updated', entityType: 'organization', entityId: '1', before, after });
    return after;
  });
}
