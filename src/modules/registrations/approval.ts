import { AppError } from '../../errors.js';
import { evidence, type Work } from '../../kernel/index.js';
import {
  admissionKeys,
  admitCustomer,
  findDuplicates,
  prepareCustomer,
  type Duplicates,
} from '../accounts/index.js';
import { fromMinor, openOpportunity } from '../activities/index.js';
import type { OpportunityStage } from '../activities/opportunities.schema.js';
import type { Features } from '../matching/index.js';
import { addDays, holdForPartner, releasePartnerHold, startOfLocalDate } from '../ownership/index.js';
import * as repo from './registrations.repo.js';
import type { RegistrationCustomer } from './registrations.schema.js';
import type { ScreenContext } from './screening.js';

export async function settingsContext(w: Work): Promise<ScreenContext> {
  return { ...(await repo.settingsAndTimeZone(w.tx)), now: new Date() };
}

/** The instant protection ends: the start of the organisation-local day after the last protected date. */
export const protectionEnd = (until: string, timeZone: string) =>
  startOfLocalDate(addDays(until, 1), timeZone);

/**
 * What approving does, in the approver's unit of work: the customer is admitted (or the matched account
 * linked) straight to the partner, the partner's hold written to the ownership ledger until the protection
 * ends, and the deal opened as an opportunity owned by the partner user who registered it.
 *
 * The duplicate check runs once, under the customer's admission keys, and admission reuses it; `checked` is
 * that check when the caller (submission's screening) has just run it in this unit of work under those keys.
 * Callers take the keys before any row (the lock order), so taking them here again sends nothing.
 */
export async function approveNow(
  w: Work,
  reg: repo.RegistrationRow,
  c: ScreenContext,
  decisionId: string,
  checked?: Duplicates,
): Promise<repo.RegistrationRow> {
  const features = reg.features as Features[];
  const endsAt = protectionEnd(reg.protected_until!, c.timeZone);
  let accountId = reg.account_id;
  const holderEvidence = evidence('owner.registration', {
    registrationId: reg.id,
    partnerId: reg.partner_id,
  });
  // A customer this approval admits is the partner's from the start: no one else's hold to look for.
  let admitted = false;
  if (!accountId) {
    let found = checked;
    if (!found) {
      await w.lockKeys(admissionKeys(features));
      found = await findDuplicates(w.tx, features);
    }
    const same = found.candidates.find((x) => x.result.verdict === 'same');
    if (same) accountId = same.accountId;
    else {
      const prepared = prepareCustomer(reg.customer as RegistrationCustomer);
      const admission = await admitCustomer(w, {
        values: prepared.values,
        contacts: prepared.contacts,
        features,
        source: { kind: 'create' },
        confirmReason: found.candidates.length > 0 ? `registration ${reg.id}` : undefined,
        reason: `registration ${reg.id}`,
        // The partner's hold, dated to the protection's end, is the new customer's first claim.
        holder: { ownerId: null, partnerId: reg.partner_id, evidence: holderEvidence, endsAt },
        checked: found,
      });
      if (admission.outcome !== 'created') throw new Error(`registration admitted as ${admission.outcome}`);
      accountId = admission.account.id;
      admitted = true;
    }
  }
  if (!admitted) {
    const holder = await repo.accountHolder(w.tx, accountId);
    if (holder && ((holder.owner_id !== null && holder.partner_id === null) || holder.queue_team_id !== null))
      throw new AppError('UNPROCESSABLE', 'A direct rep holds this customer now; reject the registration', {
        reason: 'DIRECT_CUSTOMER',
      });
    await holdForPartner(w, { accountId, partnerId: reg.partner_id, endsAt, decisionId });
  }
  const lines = reg.lines as { productId: string; quantity: number }[];
  const opportunity = await openOpportunity(w, {
    accountId,
    name: reg.name,
    stage: reg.stage as OpportunityStage,
    amount: fromMinor(reg.amount_minor, reg.currency),
    currency: reg.currency,
    expectedClose: reg.expected_close,
    ownerId: reg.submitted_by,
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
  });
  const after = await repo.approveRegistration(w.tx, reg.id, `a:${accountId}`, {
    status: 'approved',
    account_id: accountId,
    opportunity_id: opportunity.id,
    decided_at: new Date().toISOString(),
  });
  w.audit({
    action: 'registration.approved',
    entityType: 'registration',
    entityId: reg.id,
    before: { status: reg.status },
    after: {
      status: 'approved',
      accountId,
      opportunityId: opportunity.id,
      protectedUntil: reg.protected_until,
    },
    decisionId,
  });
  return after;
}

/** Lets go of everything a registration held: its protection rows and keys, and the partner's hold. */
export async function letGo(w: Work, reg: repo.RegistrationRow, decisionId: string, reason: string) {
  await repo.releaseHold(w.tx, reg.id);
  if (reg.account_id && (reg.status === 'approved' || reg.status === 'won'))
    await releasePartnerHold(w, { accountId: reg.account_id, partnerId: reg.partner_id, decisionId, reason });
}
