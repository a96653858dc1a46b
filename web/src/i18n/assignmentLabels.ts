import { ASSIGNMENT_EVIDENCE_CODES, type AssignmentEvidenceCode } from '../pages/decisions/decisionCodes.js';

/** The tag of each assignment evidence code, by what it says: one text per group, in each language. */
export interface AssignmentLabelGroups {
  matched: string;
  notApplied: string;
  nobody: string;
  passedBy: string;
  assigned: string;
  rules: string;
  retired: string;
}

function groupOf(code: AssignmentEvidenceCode): keyof AssignmentLabelGroups {
  if (code === 'rule.matched') return 'matched';
  if (code === 'rule.no_eligible_candidate') return 'nobody';
  if (code === 'assignment.rules') return 'rules';
  if (code === 'assignment.retired') return 'retired';
  if (code.startsWith('rep.')) return 'passedBy';
  if (code.startsWith('assign.')) return 'assigned';
  return 'notApplied';
}

export function assignmentEvidenceLabels(groups: AssignmentLabelGroups) {
  return Object.fromEntries(ASSIGNMENT_EVIDENCE_CODES.map((c) => [c, groups[groupOf(c)]])) as Record<
    AssignmentEvidenceCode,
    string
  >;
}
