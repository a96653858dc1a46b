import type { JsonObject, Work } from '../../kernel/index.js';
import { permissionsOf, ROLES } from '../access/index.js';
import { notify, notifyPartnerPeople, type NotificationKind } from '../ownership/index.js';
import * as repo from './registrations.repo.js';
import type { Refusal } from './registrations.schema.js';

/**
 * Who hears of a registration, written in the unit of work of what they hear of. A partner's people (the
 * submitter and the partner's admins) are told about their own registration only, in its own words: the
 * deal and customer as they typed them, the verdict's code, a date — never another party's registration,
 * partner or account (a refusal's account may be someone else's customer, so partner notices carry none
 * until the customer is theirs). Reviewers are told what waits for them and what the partner asked for.
 */

const REVIEW_ROLES = ROLES.filter((role) => permissionsOf(role).has('registrations:review'));

type Row = Pick<
  repo.RegistrationRow,
  'id' | 'partner_id' | 'submitted_by' | 'name' | 'legal_name' | 'status' | 'account_id'
>;

/** What a notice about this registration may say to anyone: the registration, its deal and its customer. */
const about = (row: Row): JsonObject => ({
  registrationId: row.id,
  deal: row.name,
  customer: row.legal_name,
});

/** The partner's people hear of it; the one who just did it does not (`except`). */
export async function tellPartner(
  w: Work,
  row: Row,
  kind: NotificationKind,
  params: JsonObject,
  except: string | null = w.actor.id,
) {
  // The customer is the partner's own only while the registration holds it.
  const accountId = row.status === 'approved' || row.status === 'won' ? row.account_id : null;
  await notifyPartnerPeople(w.tx, {
    partnerId: row.partner_id,
    alsoUserId: row.submitted_by,
    except,
    kind,
    params: { ...about(row), ...params },
    accountId,
  });
}

/** The reviewers hear of it (the partner's channel manager, or everyone who reviews); never the actor. */
export async function tellReviewers(w: Work, row: Row, kind: NotificationKind, params: JsonObject) {
  const { partnerName, userIds } = await repo.reviewersOf(w.tx, row.partner_id, REVIEW_ROLES);
  await notify(
    w.tx,
    userIds
      .filter((userId) => userId !== w.actor.id)
      .map((userId) => ({
        userId,
        kind,
        params: { ...about(row), partnerId: row.partner_id, partnerName, ...params },
        accountId: row.account_id,
      })),
  );
}

/**
 * A submission's outcome: the event that it was submitted, then what screening decided — refused (the
 * partner hears why), approved at once (the partner hears until when), or waiting for a reviewer (the
 * reviewers hear of it). `automatic`: no person decided.
 */
export async function announceSubmission(
  w: Work,
  after: repo.RegistrationRow,
  decisionId: string,
  resubmitted: boolean,
) {
  w.emit('registration.submitted', {
    registrationId: after.id,
    partnerId: after.partner_id,
    resubmitted,
    decisionId,
  });
  if (after.status === 'rejected') {
    const refusal = after.refusal as Refusal;
    await announceDecision(w, after, 'rejected', decisionId, { automatic: true, refusal, except: null });
  } else if (after.status === 'approved') {
    await announceDecision(w, after, 'approved', decisionId, { automatic: true, except: null });
  } else {
    await tellReviewers(w, after, 'registration.pending_review', {
      resubmitted,
      amountMinor: after.amount_minor,
      currency: after.currency,
      steps: after.steps_required,
    });
  }
}

export async function announceDecision(
  w: Work,
  row: repo.RegistrationRow,
  verdict: 'approved' | 'step_approved' | 'rejected' | 'returned',
  decisionId: string,
  options: { automatic?: boolean; refusal?: Refusal; reason?: string | null; except?: string | null } = {},
) {
  const refusal = options.refusal ?? null;
  w.emit('registration.decided', {
    registrationId: row.id,
    partnerId: row.partner_id,
    verdict,
    automatic: options.automatic ?? false,
    code: refusal?.code ?? null,
    protectedUntil: verdict === 'rejected' ? null : row.protected_until,
    decisionId,
  });
  const reason = options.reason ?? null;
  const except = options.except === undefined ? w.actor.id : options.except;
  switch (verdict) {
    case 'approved':
      return tellPartner(w, row, 'registration.approved', { until: row.protected_until }, except);
    case 'rejected':
      return tellPartner(
        w,
        row,
        'registration.rejected',
        // What the partner's own registration shows: the code, its date and its parameters (never who).
        { code: refusal?.code ?? null, until: refusal?.until ?? null, refusal: refusal?.params ?? {} },
        except,
      );
    case 'returned':
      return tellPartner(w, row, 'registration.returned', { reason }, except);
    case 'step_approved': {
      const approvals = row.approvals as unknown[];
      return tellReviewers(w, row, 'registration.step_approved', {
        step: approvals.length,
        of: row.steps_required,
      });
    }
  }
}
