import type { Db, Executor } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { evidence, runWork, type Evidence, type Work } from '../../kernel/index.js';
import { systemActor, type Actor, type RequestContext } from '../access/index.js';
import {
  accountFeatures,
  admissionKeys,
  admitCustomer,
  findDuplicates,
  placeCustomer,
  type CustomerValues,
} from '../accounts/index.js';
import { normalizePhone, normalizeUscc } from '../matching/index.js';
import { handOverPartnerCustomers, notify, partnerHoldings } from '../ownership/index.js';
import { insertNewUser, prepareUser } from '../users/index.js';
import { checkTransition, INVITING_STATUSES, TRANSITIONS } from './lifecycle.js';
import * as repo from './partners.repo.js';
import type {
  ApplicationInput,
  CertificationInput,
  CreatePartnerInput,
  InviteInput,
  ListPartnersQuery,
  Partner,
  PartnerDetail,
  PartnerStatus,
  StatusInput,
  UpdatePartnerInput,
} from './partners.schema.js';

const ADMISSION_RULE = 'partner.admission';

export function toPartner(row: repo.PartnerRow): Partner {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    tierId: row.tier_id,
    tierCode: row.tier_code,
    managerId: row.manager_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    source: row.source,
    registrationRights: {
      suspended: row.registration_suspended_at !== null,
      since: row.registration_suspended_at,
      reason: row.registration_suspended_reason,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function detail(db: Executor, row: repo.PartnerRow): Promise<PartnerDetail> {
  const [checklist, certifications, history] = await Promise.all([
    repo.partnerChecklist(db, row.id),
    repo.partnerCertifications(db, row.id),
    repo.statusHistory(db, row.id),
  ]);
  return {
    ...toPartner(row),
    allowedTransitions: [...TRANSITIONS[row.status]],
    checklist: checklist.map((c) => ({
      itemId: c.item_id,
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      required: c.required,
      doneAt: c.done_at,
      doneBy: c.done_by,
      note: c.note,
    })),
    certifications: certifications.map((c) => ({
      id: c.id,
      typeId: c.type_id,
      typeCode: c.type_code,
      required: c.required,
      reference: c.reference,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      lapsed: c.lapsed_at !== null,
    })),
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      reason: h.reason,
      at: h.changed_at,
      by: h.changed_by,
      decisionId: h.decision_id,
    })),
  };
}

/** A partner the actor may see, or NOT_FOUND exactly as for an id that does not exist. */
export async function getPartner(db: Executor, actor: Actor, id: string): Promise<Partner> {
  const row = await repo.findVisiblePartner(db, actor, id);
  if (!row) throw notFound('partner', id);
  return toPartner(row);
}

export async function getPartnerDetail(db: Db, ctx: RequestContext, id: string): Promise<PartnerDetail> {
  const row = await repo.findVisiblePartner(db, ctx.actor, id);
  if (!row) throw notFound('partner', id);
  return detail(db, row);
}

/**
 * For other modules (registrations, territories): the partner exists and is active, or 409
 * `PARTNER_NOT_ACTIVE` with its status. Call it inside the unit of work that depends on it.
 */
export async function assertPartnerActive(tx: Executor, partnerId: string): Promise<Partner> {
  return toPartner(activeRow(await repo.findPartner(tx, partnerId), partnerId));
}

/** The partner's row when it exists and is active; NOT_FOUND or PARTNER_NOT_ACTIVE otherwise. */
function activeRow<T extends { status: string }>(row: T | undefined, partnerId: string): T {
  if (!row) throw notFound('partner', partnerId);
  if (row.status !== 'active')
    throw new AppError('PARTNER_NOT_ACTIVE', 'The partner is not active', { partnerId, status: row.status });
  return row;
}

/**
 * What the partner's tier gives its deal registrations: the protection period in days, and the tier's
 * auto-approval rule where sales ops set one (an amount limit in a currency, optionally only for some product
 * lines); null when the tier leaves auto-approval to the organisation's registration settings.
 */
export interface RegistrationTerms {
  tierCode: string;
  protectionDays: number;
  autoApprove: { maxMinor: string; currency: string; productLineIds: string[] } | null;
}

const termsOf = (tier: {
  code: string;
  protection_days: number;
  auto_approve_max_minor: string | null;
  auto_approve_currency: string | null;
  auto_approve_product_line_ids: string[];
}): RegistrationTerms => {
  const { auto_approve_max_minor: maxMinor, auto_approve_currency: currency } = tier;
  return {
    tierCode: tier.code,
    protectionDays: tier.protection_days,
    autoApprove:
      maxMinor !== null && currency !== null
        ? { maxMinor, currency, productLineIds: tier.auto_approve_product_line_ids }
        : null,
  };
};

export async function tierRegistrationTerms(tx: Executor, partnerId: string): Promise<RegistrationTerms> {
  // The tier is required (tier_id is not null and references it): no tier means no partner.
  const tier = await repo.tierOfPartner(tx, partnerId);
  if (!tier) throw notFound('partner', partnerId);
  return termsOf(tier);
}

/**
 * Active, and its registration rights not suspended (a lapsed required certification suspends them); with
 * the tier's registration terms, read with the partner.
 */
export async function assertMayRegister(
  tx: Executor,
  partnerId: string,
): Promise<{ partner: Partner; terms: RegistrationTerms }> {
  const row = activeRow(await repo.findPartnerWithTerms(tx, partnerId), partnerId);
  const partner = toPartner(row);
  if (partner.registrationRights.suspended)
    throw new AppError('PARTNER_REGISTRATION_SUSPENDED', 'The partner may not register deals now', {
      partnerId,
      reason: partner.registrationRights.reason,
      since: partner.registrationRights.since,
    });
  return { partner, terms: termsOf({ ...row, code: row.tier_code }) };
}

export async function listPartners(db: Db, ctx: RequestContext, query: ListPartnersQuery) {
  const page: Page = { limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listVisiblePartners(db, ctx.actor, query, page);
  return { items: items.map(toPartner), total, ...page };
}

type Company = Pick<
  CreatePartnerInput,
  'legalName' | 'uscc' | 'website' | 'phones' | 'regionCode' | 'contactName' | 'contactEmail' | 'contactPhone'
>;

/** The company as the identity engine reads it; bad phones are named by field. */
function companyValues(input: Company) {
  const problems: FieldProblem[] = [];
  const phones = (input.phones ?? []).map((raw, i) => {
    const phone = normalizePhone(raw);
    if (!phone.e164)
      problems.push({ field: `phones.${i}`, problem: 'invalid_phone', message: 'is not a phone number' });
    return phone.e164 ?? raw;
  });
  if (input.contactPhone && !normalizePhone(input.contactPhone).e164)
    problems.push({ field: 'contactPhone', problem: 'invalid_phone', message: 'is not a phone number' });
  if (problems.length) throw invalid(problems);
  const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
  const values: CustomerValues = placeCustomer({
    legalName: input.legalName,
    aliases: [],
    englishName: null,
    uscc: uscc?.code ?? null,
    usccValid: uscc?.valid ?? false,
    phones: [...new Set(phones)],
    emails: [],
    website: input.website ?? null,
    province: null,
    city: null,
    district: null,
    street: null,
    industry: null,
    regionCode: input.regionCode ?? null,
    regionSource: input.regionCode ? 'given' : null,
    industryCode: null,
    industrySource: null,
    size: null,
    source: 'partner',
    tags: [],
    parentId: null,
    isBranch: false,
  });
  const contact = {
    name: input.contactName,
    mobile: input.contactPhone ? (normalizePhone(input.contactPhone).e164 ?? null) : null,
    email: input.contactEmail.toLowerCase(),
    title: null,
  };
  const features = accountFeatures({ ...values, contacts: [contact] });
  return { values, contact, features };
}

type Admitted =
  | { outcome: 'exists'; partner: repo.PartnerRow }
  | { outcome: 'admitted'; accountId: string; evidence: Evidence[]; admissionDecisionId: string | null };

/**
 * The company goes through the identity engine, as every company does: its match keys are locked, so two
 * applications for variants of one company queue and the second sees the first. The same company already a
 * partner is `exists`; already a customer, the partner is linked to that account; otherwise the company is
 * admitted as an account (look-alikes need a confirmed reason, which a public application gives by being
 * one: a channel manager reviews every applicant, the decision lists the look-alikes).
 */
async function admitCompany(
  w: Work,
  company: ReturnType<typeof companyValues>,
  confirmReason: string | undefined,
): Promise<Admitted> {
  await w.lockKeys(admissionKeys(company.features));
  const { candidates } = await findDuplicates(w.tx, company.features);
  const same = candidates.filter((c) => c.result.verdict === 'same');
  for (const c of same) {
    const partner = await repo.findPartnerByAccount(w.tx, c.accountId);
    if (partner) return { outcome: 'exists', partner };
  }
  if (same[0])
    return {
      outcome: 'admitted',
      accountId: same[0].accountId,
      evidence: [evidence('partner.existing_account', { accountId: same[0].accountId })],
      admissionDecisionId: null,
    };
  const admitted = await admitCustomer(w, {
    values: company.values,
    contacts: [company.contact],
    features: company.features,
    source: { kind: 'create' },
    confirmReason,
    reason: 'partner',
  });
  if (admitted.outcome !== 'created') throw new Error(`partner admitted as ${admitted.outcome}`);
  return {
    outcome: 'admitted',
    accountId: admitted.account.id,
    evidence: [evidence('partner.new_account', { accountId: admitted.account.id })],
    admissionDecisionId: admitted.decisionId,
  };
}

async function insertApplicant(
  w: Work,
  input: Company,
  admitted: Extract<Admitted, { outcome: 'admitted' }>,
  extra: { tierId: string; managerId: string | null; source: 'staff' | 'application'; reason: string },
) {
  const id = await repo.insertPartner(w.tx, {
    account_id: admitted.accountId,
    name: input.legalName,
    tier_id: extra.tierId,
    manager_id: extra.managerId,
    contact_name: input.contactName,
    contact_email: input.contactEmail.toLowerCase(),
    contact_phone: input.contactPhone ? (normalizePhone(input.contactPhone).e164 ?? null) : null,
    source: extra.source,
    created_by: w.actor.id,
  });
  const decisionId = w.decide({
    kind: 'partner.admission',
    subject: { type: 'partner', id },
    verdict: 'applicant',
    rule: { id: ADMISSION_RULE, version: 1, params: { source: extra.source } },
    evidence: [
      ...admitted.evidence,
      ...(admitted.admissionDecisionId
        ? [evidence('partner.admission_decision', { decisionId: admitted.admissionDecisionId })]
        : []),
    ],
  });
  await repo.insertStatusChange(w.tx, {
    partner_id: id,
    from_status: null,
    to_status: 'applicant',
    reason: extra.reason,
    decision_id: decisionId,
    changed_by: w.actor.id,
  });
  const row = (await repo.findPartner(w.tx, id))!;
  w.audit({
    action: extra.source === 'staff' ? 'partner.created' : 'partner.applied',
    entityType: 'partner',
    entityId: id,
    after: toPartner(row),
    reason: extra.reason,
    decisionId,
  });
  w.emit('partner.status_changed', { partnerId: id, from: null, to: 'applicant', decisionId });
  return row;
}

const partnerExists = (partner: repo.PartnerRow, actor: Actor) =>
  new AppError('PARTNER_EXISTS', 'This company is already a partner', {
    ...(actor.scope === 'all' || partner.manager_id === actor.id ? { partnerId: partner.id } : {}),
    fields: [{ field: 'legalName', problem: 'partner_exists', message: 'is already a partner' }],
  });

/** A channel manager enters a partner: it starts as an applicant, admitted through the identity engine. */
export async function createPartner(
  db: Db,
  ctx: RequestContext,
  input: CreatePartnerInput,
): Promise<PartnerDetail> {
  const company = companyValues(input);
  try {
    return await runWork(db, ctx, async (w) => {
      const problems: FieldProblem[] = [];
      const tier = input.tierId ? await repo.findTier(w.tx, input.tierId) : await repo.lowestTier(w.tx);
      if (!tier) problems.push({ field: 'tierId', problem: 'not_found', message: 'no such tier' });
      const managerId = input.managerId === undefined ? w.actor.id : input.managerId;
      if (managerId && !(await repo.internalUserExists(w.tx, managerId)))
        problems.push({ field: 'managerId', problem: 'not_found', message: 'no such user' });
      if (problems.length) throw invalid(problems);
      const admitted = await admitCompany(w, company, input.confirm?.reason);
      if (admitted.outcome === 'exists') throw partnerExists(admitted.partner, w.actor);
      const row = await insertApplicant(w, input, admitted, {
        tierId: tier!.id,
        managerId,
        source: 'staff',
        reason: input.confirm?.reason ?? 'entered by a channel manager',
      });
      return detail(w.tx, row);
    });
  } catch (error) {
    // Two racing creates of one company: the unique account link (or the valid-USCC index) decides.
    if (isUniqueViolation(error))
      throw fieldError('PARTNER_EXISTS', 'This company is already a partner', {
        field: 'legalName',
        problem: 'partner_exists',
        message: 'is already a partner',
      });
    throw error;
  }
}

/**
 * The public recruitment form. Whatever the company — new, a customer already, a partner already, a
 * look-alike, a twin racing in — the answer is the same `received`: the form must not tell a stranger who
 * is a partner or a customer. A repeated application is recorded on the existing partner for the channel
 * manager; nothing else changes.
 */
export async function applyAsPartner(db: Db, requestId: string, input: ApplicationInput) {
  const company = companyValues(input);
  const ctx: RequestContext = { actor: systemActor('partner-application'), requestId };
  try {
    await runWork(db, ctx, async (w) => {
      const admitted = await admitCompany(w, company, 'partner application');
      if (admitted.outcome === 'exists') {
        w.audit({
          action: 'partner.applied',
          entityType: 'partner',
          entityId: admitted.partner.id,
          after: { repeated: true, contactEmail: input.contactEmail.toLowerCase() },
          reason: input.message ?? 'application repeated',
        });
        return;
      }
      const tier = await repo.lowestTier(w.tx);
      await insertApplicant(w, input, admitted, {
        tierId: tier.id,
        managerId: null,
        source: 'application',
        reason: input.message ?? 'applied through the public form',
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { status: 'received' as const };
}

/**
 * Moves a partner along its lifecycle: one decision, one history row, one audit entry and an event; the
 * partner's people and manager are told. Terminating hands every customer it holds over, each with its own
 * decision, in the same unit of work.
 */
export async function changePartnerStatus(db: Db, ctx: RequestContext, id: string, input: StatusInput) {
  return runWork(db, ctx, async (w) => {
    if (!(await repo.findVisiblePartner(w.tx, w.actor, id))) throw notFound('partner', id);
    await repo.lockPartner(w.tx, id);
    const current = (await repo.findPartner(w.tx, id))!;
    const checklist = await repo.partnerChecklist(w.tx, id);
    const verdict = checkTransition(
      current.status,
      input.to,
      checklist.map((c) => ({ code: c.code, required: c.required, done: c.done_at !== null })),
    );
    if (!verdict.ok) {
      if (verdict.code === 'PARTNER_TRANSITION_INVALID')
        throw new AppError(
          'PARTNER_TRANSITION_INVALID',
          `A partner cannot go from ${current.status} to ${input.to}`,
          {
            from: current.status,
            to: input.to,
            allowed: verdict.allowed,
          },
        );
      throw new AppError('PARTNER_CHECKLIST_INCOMPLETE', 'Required onboarding items are not done', {
        missing: verdict.missing,
      });
    }
    let handedOver = 0;
    const facts: Evidence[] = [evidence('partner.transition', { from: current.status, to: input.to })];
    if (input.to === 'terminated') {
      const holds = await partnerHoldings(w, id);
      if (holds > 0 && !input.handover)
        throw fieldError(
          'VALIDATION_FAILED',
          'handover: the partner holds customers',
          { field: 'handover', problem: 'required', message: `the partner holds ${holds} customers` },
          { count: holds },
        );
      if (input.handover?.type === 'partner' && input.handover.partnerId !== id) {
        const target = await repo.findVisiblePartner(w.tx, w.actor, input.handover.partnerId);
        if (!target || target.status !== 'active')
          throw fieldError('VALIDATION_FAILED', 'handover.partnerId: not an active partner', {
            field: 'handover.partnerId',
            problem: target ? 'not_active' : 'unknown',
            message: target ? 'is not active' : 'is no such partner',
          });
      }
      if (input.handover) {
        const { moved } = await handOverPartnerCustomers(w, id, input.handover, input.reason);
        handedOver = moved;
        facts.push(evidence('partner.handover', { to: input.handover.type, moved }));
      }
    }
    const decisionId = w.decide({
      kind: 'partner.status',
      subject: { type: 'partner', id },
      verdict: input.to,
      rule: { id: 'partner.lifecycle', version: 1, params: { from: current.status, to: input.to } },
      evidence: facts,
    });
    const now = new Date().toISOString();
    await repo.updatePartner(w.tx, id, { status: input.to, status_changed_at: now });
    await repo.insertStatusChange(w.tx, {
      partner_id: id,
      from_status: current.status,
      to_status: input.to,
      reason: input.reason,
      decision_id: decisionId,
      changed_by: w.actor.id,
    });
    const after = (await repo.findPartner(w.tx, id))!;
    w.audit({
      action: 'partner.status_changed',
      entityType: 'partner',
      entityId: id,
      before: toPartner(current),
      after: { ...toPartner(after), handedOver },
      reason: input.reason,
      decisionId,
    });
    w.emit('partner.status_changed', { partnerId: id, from: current.status, to: input.to, decisionId });
    const recipients = (await repo.partnerRecipients(w.tx, id, after.manager_id)).filter(
      (u) => u !== w.actor.id,
    );
    await notify(
      w.tx,
      recipients.map((userId) => ({
        userId,
        kind: 'partner.status_changed' as const,
        params: { partnerId: id, partnerName: after.name, from: current.status, to: input.to, decisionId },
        accountId: null,
      })),
    );
    return { ...(await detail(w.tx, after)), handedOver };
  });
}

/** Tier, channel manager and contact; a tier change needs a reason and is audited as its own action. */
export async function updatePartner(db: Db, ctx: RequestContext, id: string, input: UpdatePartnerInput) {
  return runWork(db, ctx, async (w) => {
    if (!(await repo.findVisiblePartner(w.tx, w.actor, id))) throw notFound('partner', id);
    await repo.lockPartner(w.tx, id);
    const current = (await repo.findPartner(w.tx, id))!;
    const problems: FieldProblem[] = [];
    const tierChanges = input.tierId !== undefined && input.tierId !== current.tier_id;
    if (tierChanges && !(await repo.findTier(w.tx, input.tierId!)))
      problems.push({ field: 'tierId', problem: 'not_found', message: 'no such tier' });
    if (tierChanges && !input.reason)
      problems.push({ field: 'reason', problem: 'required', message: 'is required to change the tier' });
    if (input.managerId && !(await repo.internalUserExists(w.tx, input.managerId)))
      problems.push({ field: 'managerId', problem: 'not_found', message: 'no such user' });
    if (input.contactPhone && !normalizePhone(input.contactPhone).e164)
      problems.push({ field: 'contactPhone', problem: 'invalid_phone', message: 'is not a phone number' });
    if (current.status === 'terminated')
      throw new AppError('PARTNER_NOT_ACTIVE', 'A terminated partner cannot change', {
        partnerId: id,
        status: current.status,
      });
    if (problems.length) throw invalid(problems);
    await repo.updatePartner(w.tx, id, {
      ...(input.tierId !== undefined && { tier_id: input.tierId }),
      ...(input.managerId !== undefined && { manager_id: input.managerId }),
      ...(input.contactName !== undefined && { contact_name: input.contactName }),
      ...(input.contactEmail !== undefined && { contact_email: input.contactEmail?.toLowerCase() ?? null }),
      ...(input.contactPhone !== undefined && {
        contact_phone: input.contactPhone ? (normalizePhone(input.contactPhone).e164 ?? null) : null,
      }),
    });
    const after = (await repo.findPartner(w.tx, id))!;
    w.audit({
      action: tierChanges ? 'partner.tier_changed' : 'partner.updated',
      entityType: 'partner',
      entityId: id,
      before: toPartner(current),
      after: toPartner(after),
      reason: input.reason,
    });
    return detail(w.tx, after);
  });
}

/** Ticks (or unticks) an onboarding checklist item, recording who and when. */
export async function setChecklistItem(
  db: Db,
  ctx: RequestContext,
  id: string,
  itemId: string,
  input: { done: boolean; note?: string | undefined },
) {
  return runWork(db, ctx, async (w) => {
    if (!(await repo.findVisiblePartner(w.tx, w.actor, id))) throw notFound('partner', id);
    await repo.lockPartner(w.tx, id);
    const current = (await repo.findPartner(w.tx, id))!;
    const item = await repo.findChecklistItem(w.tx, itemId);
    if (!item) throw notFound('checklist item', itemId);
    if (current.status === 'terminated')
      throw new AppError('PARTNER_NOT_ACTIVE', 'A terminated partner cannot change', {
        partnerId: id,
        status: current.status,
      });
    if (input.done)
      await repo.tick(w.tx, {
        partner_id: id,
        item_id: itemId,
        done_by: w.actor.id,
        note: input.note ?? null,
      });
    else await repo.untick(w.tx, id, itemId);
    w.audit({
      action: input.done ? 'partner.checklist_ticked' : 'partner.checklist_unticked',
      entityType: 'partner',
      entityId: id,
      after: { item: item.code, done: input.done },
      reason: input.note,
    });
    return detail(w.tx, (await repo.findPartner(w.tx, id))!);
  });
}

export async function addCertification(db: Db, ctx: RequestContext, id: string, input: CertificationInput) {
  return runWork(db, ctx, async (w) => {
    if (!(await repo.findVisiblePartner(w.tx, w.actor, id))) throw notFound('partner', id);
    await repo.lockPartner(w.tx, id);
    const type = await repo.findCertificationType(w.tx, input.typeId);
    const problems: FieldProblem[] = [];
    if (!type)
      problems.push({ field: 'typeId', problem: 'not_found', message: 'no such certification type' });
    if (input.issuedOn && input.issuedOn > input.expiresOn)
      problems.push({ field: 'expiresOn', problem: 'before_issued', message: 'is before issuedOn' });
    if (problems.length) throw invalid(problems);
    const cert = await repo.insertCertification(w.tx, {
      partner_id: id,
      type_id: input.typeId,
      reference: input.reference ?? null,
      issued_on: input.issuedOn ?? null,
      expires_on: input.expiresOn,
      created_by: w.actor.id,
    });
    w.audit({
      action: 'partner.certification_added',
      entityType: 'partner',
      entityId: id,
      after: { certificationId: cert.id, type: type!.code, expiresOn: input.expiresOn },
    });
    await reviewRegistrationRights(w, id);
    return detail(w.tx, (await repo.findPartner(w.tx, id))!);
  });
}

/**
 * Registration rights follow the required certifications: a partner missing a valid one of any required
 * type loses them (with a decision, a notice and an event); once every required type is valid again, they
 * come back the same way. Nothing changes while the facts agree with the flag.
 */
export async function reviewRegistrationRights(
  w: Work,
  partnerId: string,
  lapsedIds: readonly string[] = [],
) {
  const partner = (await repo.findPartner(w.tx, partnerId))!;
  const today = await repo.localToday(w.tx);
  const missing = await repo.missingRequiredTypes(w.tx, partnerId, today);
  const suspended = partner.registration_suspended_at !== null;
  // Rights are only taken for what lapsed: a partner never certified keeps the state it was given.
  const lapsedNow = missing.length > 0 && lapsedIds.length > 0;
  if (!suspended && !lapsedNow) return;
  if (suspended && missing.length > 0) return;
  const verdict = suspended ? 'restored' : 'suspended';
  const decisionId = w.decide({
    kind: 'partner.registration_rights',
    subject: { type: 'partner', id: partnerId },
    verdict,
    rule: { id: 'partner.certifications', version: 1, params: { today } },
    evidence: suspended
      ? [evidence('partner.certifications_valid', { today })]
      : missing.map((code) =>
          evidence('partner.certification_lapsed', { type: code, certificationIds: [...lapsedIds] }),
        ),
  });
  const reason = suspended ? null : 'certification_lapsed';
  await repo.updatePartner(w.tx, partnerId, {
    registration_suspended_at: suspended ? null : new Date().toISOString(),
    registration_suspended_reason: reason,
  });
  w.audit({
    action: suspended ? 'partner.registration_restored' : 'partner.registration_suspended',
    entityType: 'partner',
    entityId: partnerId,
    before: { registrationSuspended: suspended },
    after: { registrationSuspended: !suspended, missing },
    decisionId,
  });
  if (suspended) w.emit('partner.registration_restored', { partnerId, decisionId });
  else w.emit('partner.registration_suspended', { partnerId, reason: 'certification_lapsed', decisionId });
  const recipients = await repo.partnerRecipients(w.tx, partnerId, partner.manager_id);
  await notify(
    w.tx,
    recipients.map((userId) => ({
      userId,
      kind: suspended
        ? ('partner.registration_restored' as const)
        : ('partner.registration_suspended' as const),
      params: { partnerId, partnerName: partner.name, missing, decisionId },
      accountId: null,
    })),
  );
}

/**
 * Invites a person of this partner: a channel manager for any partner in sight, a partner admin for its
 * own only (another partner's id is not found). The password is shown once and must be changed.
 */
export async function invitePartnerUser(db: Db, ctx: RequestContext, id: string, input: InviteInput) {
  const partner = await repo.findVisiblePartner(db, ctx.actor, id);
  if (!partner) throw notFound('partner', id);
  if (!INVITING_STATUSES.includes(partner.status))
    throw new AppError('PARTNER_NOT_ACTIVE', 'People are invited once onboarding starts', {
      partnerId: id,
      status: partner.status,
    });
  const prepared = await prepareUser(db, ctx, {
    login: input.login,
    displayName: input.displayName,
    email: input.email ?? null,
    role: input.role,
    status: 'active',
    partnerId: id,
  });
  return runWork(db, ctx, async (w) => {
    await repo.lockPartner(w.tx, id);
    const now = (await repo.findPartner(w.tx, id))!;
    if (!INVITING_STATUSES.includes(now.status))
      throw new AppError('PARTNER_NOT_ACTIVE', 'People are invited once onboarding starts', {
        partnerId: id,
        status: now.status,
      });
    const user = await insertNewUser(w, prepared);
    w.audit({
      action: 'partner.user_invited',
      entityType: 'partner',
      entityId: id,
      after: { userId: user.id, login: user.login, role: input.role },
    });
    return {
      id: user.id,
      login: user.login,
      role: input.role,
      partnerId: id,
      generatedPassword: 'generatedPassword' in user ? user.generatedPassword : '',
    };
  });
}

export type { PartnerStatus };
