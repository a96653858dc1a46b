import { notFound } from '../../errors.js';
import type { Work } from '../../kernel/index.js';
import { admissionKeys } from '../accounts/index.js';
import type { Features } from '../matching/index.js';
import { addDays, holdForPartner, localDate } from '../ownership/index.js';
import { approveNow, letGo, protectionEnd, settingsContext } from './approval.js';
import { channelPolicy } from './registration-policy.js';
import * as repo from './registrations.repo.js';
import type { Refusal } from './registrations.schema.js';
import { audit, wrongState } from './registrations.service.js';
import { screenRegistration } from './screening.js';

/**
 * What a conflict case's decision does to registrations, in the deciding unit of work (the cases module
 * calls these; it never writes registrations itself). `protectRegistrationByCase`: the claiming
 * registration wins — every other registration holding the customer is refused, a direct owner's (or
 * another partner's) hold moves to this partner, and the registration is approved with a fresh protection
 * period, as an approval would. `refuseRegistrationByCase`: the registration loses whatever it held.
 */

export interface CaseRef {
  caseId: string;
  decisionId: string;
}

/** The customer's identity keys, locked before any row, in the order every registration use case takes them. */
export async function lockRegistrationCustomer(w: Work, registrationId: string) {
  const row = await repo.findRegistration(w.tx, registrationId);
  if (!row) throw notFound('registration', registrationId);
  await w.lockKeys(admissionKeys(row.features as Features[]));
}

/** The facts a case records about a registration: its dates, deal size and latest decision. */
export async function registrationFacts(w: Work, registrationId: string) {
  const row = await repo.findRegistration(w.tx, registrationId);
  if (!row) return null;
  return {
    id: row.id,
    partnerId: row.partner_id,
    submittedBy: row.submitted_by,
    status: row.status,
    accountId: row.account_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    refusal: (row.refusal as Refusal | null) ?? null,
    protectedUntil: row.protected_until,
    decisionId: row.decision_id,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
  };
}
export type RegistrationFacts = NonNullable<Awaited<ReturnType<typeof registrationFacts>>>;

const HOLDING = repo.HOLDING as readonly string[];

export async function refuseRegistrationByCase(w: Work, registrationId: string, ref: CaseRef) {
  const row = await repo.findRegistration(w.tx, registrationId, true);
  if (!row) throw notFound('registration', registrationId);
  if (!HOLDING.includes(row.status)) return false;
  const { timeZone } = await settingsContext(w);
  await letGo(w, row, ref.decisionId, 'case_decided');
  const refusal: Refusal = { code: 'CASE_DECIDED', until: null, params: { caseId: ref.caseId } };
  const after = await repo.updateRegistration(w.tx, registrationId, {
    status: 'rejected',
    refusal: JSON.stringify(refusal),
    decision_id: ref.decisionId,
    decided_at: new Date().toISOString(),
    protected_until: null,
  });
  audit(w, 'registration.rejected', row, after, timeZone, ref.decisionId, 'CASE_DECIDED');
  return true;
}

export async function protectRegistrationByCase(w: Work, registrationId: string, ref: CaseRef) {
  const c = await settingsContext(w);
  const seen = await repo.findRegistration(w.tx, registrationId);
  if (!seen) throw notFound('registration', registrationId);
  // Matched again as it reads now, under the customer's keys: whoever holds the customer today loses it.
  const screening = await screenRegistration(w, seen, c);
  const row = await repo.findRegistration(w.tx, registrationId, true);
  if (!row) throw notFound('registration', registrationId);
  if (row.status === 'approved' || row.status === 'won') return { alreadyHeld: true, released: [] };
  const open = ['rejected', 'submitted', 'resubmitted', 'returned'];
  if (!open.includes(row.status)) throw wrongState(row.status, open);
  const others = [
    ...new Set(
      screening.evidence
        .filter((e) => e.code === 'registration.held')
        .map((e) => e.params.registrationId as string)
        .filter((other) => other !== registrationId),
    ),
  ].sort();
  for (const other of others) await refuseRegistrationByCase(w, other, ref);
  const today = localDate(c.now, c.timeZone);
  const terms = await channelPolicy(w.actor).terms(w.tx, row.partner_id);
  const protectedUntil = addDays(today, terms.protectionDays - 1);
  // A direct owner's (or another partner's) hold moves to this partner now; approval then finds it there.
  if (screening.accountId) {
    const holder = await repo.accountHolder(w.tx, screening.accountId);
    if (holder && (holder.owner_id !== null || holder.queue_team_id !== null || holder.partner_id !== null))
      await holdForPartner(w, {
        accountId: screening.accountId,
        partnerId: row.partner_id,
        endsAt: protectionEnd(protectedUntil, c.timeZone),
        decisionId: ref.decisionId,
      });
  }
  await repo.releaseHold(w.tx, registrationId);
  await repo.insertProtections(w.tx, registrationId, screening.customerKey, screening.lineKeys);
  await repo.insertMatchKeys(w.tx, registrationId, screening.keys);
  const ready = await repo.updateRegistration(w.tx, registrationId, {
    refusal: null,
    account_id: screening.accountId ?? row.account_id,
    protected_until: protectedUntil,
    approvals: JSON.stringify([]),
    decision_id: ref.decisionId,
    submitted_at: row.submitted_at ?? new Date().toISOString(),
  });
  await approveNow(w, ready, c, ref.decisionId);
  return { alreadyHeld: false, released: others };
}
