/**
 * Decisions as data: what was decided about what, by which rule, on which evidence. Pure types and helpers;
 * the unit of work stores them (`w.decide`) in the same transaction as the change they explain, and the UI
 * renders every code in the reader's language. Nothing here is prose: a sentence is the web's job.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * One piece of evidence: a stable code (`phone.shared`, `name.equal`, `region.conflict`,
 * `rep.absent`, …), its parameters (the compared values, counts, dates, amounts as strings of minor units),
 * how much it weighed where weighing applies, and, for composite evidence, what it is made of.
 */
export interface Evidence {
  code: string;
  params: JsonObject;
  points?: number;
  evidence?: Evidence[];
}

/** The rule that decided: its id, its version, and the parameters it ran with. */
export interface RuleRef {
  id: string;
  version: number;
  params: JsonObject;
}

export const DECISION_KINDS = [
  'account.admission',
  'account.merge',
  'import.cluster',
  'access_request',
  'ownership.assign',
  'ownership.claim',
  'ownership.release',
  'ownership.transfer',
  'ownership.lock',
  'ownership.convert',
  'assignment.publish',
  'registration.verdict',
  'registration.review',
  'registration.extension',
  'registration.expiry',
  'partner.admission',
  'partner.status',
  'partner.registration_rights',
  'territory.activate',
  'case.decision',
  'credit.assign',
  'commission.plan',
  'commission.calculate',
  'commission.adjust',
  'commission.dispute',
  // Ownership, registration and commission decisions join this list as their modules arrive.
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface Decision {
  kind: DecisionKind;
  subject: { type: string; id: string };
  verdict: string;
  rule: RuleRef;
  evidence: Evidence[];
  /** Rules consulted before the one that decided, and why each did not apply. */
  notApplied?: { rule: RuleRef; evidence: Evidence[] }[];
  /** When what was decided holds (a protection period, a plan's validity): ISO dates or timestamps. */
  effective?: { from?: string; until?: string };
}

export const evidence = (code: string, params: JsonObject = {}, points?: number): Evidence =>
  points === undefined ? { code, params } : { code, params, points };
