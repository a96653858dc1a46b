import type { PartnerStatus } from './partners.schema.js';

/**
 * A partner's lifecycle, as data: where each status may go. Terminated is final — a company that comes back
 * is readmitted as a new application only after a person reopens that decision, which is not a transition.
 */
export const TRANSITIONS: Record<PartnerStatus, readonly PartnerStatus[]> = {
  applicant: ['onboarding', 'terminated'],
  onboarding: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

/** Statuses whose people may act (sign in and work); the rest are refused centrally with PARTNER_INACTIVE. */
export const ACTING_STATUSES: readonly PartnerStatus[] = ['onboarding', 'active'];

/** Statuses in which a partner's people may be invited: it is being onboarded or it works. */
export const INVITING_STATUSES: readonly PartnerStatus[] = ['onboarding', 'active'];

export interface ChecklistState {
  code: string;
  required: boolean;
  done: boolean;
}

export type TransitionVerdict =
  | { ok: true }
  | { ok: false; code: 'PARTNER_TRANSITION_INVALID'; allowed: readonly PartnerStatus[] }
  | { ok: false; code: 'PARTNER_CHECKLIST_INCOMPLETE'; missing: string[] };

/**
 * Whether a partner may move from `from` to `to`: the move must be one the lifecycle has, and becoming
 * active from onboarding needs every required checklist item done (reinstating a suspended partner does
 * not: it was onboarded already).
 */
export function checkTransition(
  from: PartnerStatus,
  to: PartnerStatus,
  checklist: readonly ChecklistState[],
): TransitionVerdict {
  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) return { ok: false, code: 'PARTNER_TRANSITION_INVALID', allowed };
  if (from === 'onboarding' && to === 'active') {
    const missing = checklist.filter((c) => c.required && !c.done).map((c) => c.code);
    if (missing.length > 0) return { ok: false, code: 'PARTNER_CHECKLIST_INCOMPLETE', missing };
  }
  return { ok: true };
}

/** Whether a partner's people may act: only while onboarding or active. */
export const mayAct = (status: PartnerStatus) => ACTING_STATUSES.includes(status);
