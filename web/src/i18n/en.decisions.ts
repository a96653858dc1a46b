import type { DecisionKind } from '../api/types.js';
import type {
  AdmissionSource,
  DecisionEvidenceCode,
  DecisionRuleId,
  DecisionVerdictTexts,
} from '../pages/decisions/decisionCodes.js';

/** English texts of decisions: why a customer got in, why values were merged into it. */
export const decisionsEn = {
  decisions: {
    title: 'Decisions',
    intro: 'How this customer got in and what was merged into it: the rule that decided and its evidence.',
    none: 'No decisions recorded',
    openTitle: 'Decision',
    at: 'When',
    by: 'By',
    you: 'you',
    someone: 'another user',
    system: 'the system, or someone you may not see',
    rule: 'Rule',
    ruleVersion: 'version {{version}}',
    evidence: 'Evidence',
    effective: 'Holds',
    effectiveRange: '{{from}} – {{until}}',
    notApplied: 'Rules consulted first, and why they did not apply',
    kinds: {
      'account.admission': 'Admission',
      'account.merge': 'Merge',
      'import.cluster': 'Import group',
      access_request: 'Access request',
    } satisfies Record<DecisionKind, string>,
    verdicts: {
      'account.admission': {
        created: 'Created: no similar customer',
        created_despite_possible: 'Created despite similar customers',
        readmitted: 'Changed: still no similar customer',
        readmitted_despite_possible: 'Changed despite similar customers',
      },
      'account.merge': {
        merged: 'A duplicate was merged in',
        folded: 'Values from an import were merged in',
      },
      'import.cluster': { needs_review: 'Left for a person to review' },
      access_request: { granted: 'Granted', denied: 'Denied' },
    } satisfies DecisionVerdictTexts,
    rules: {
      'account.admission': 'Duplicate check',
      'account.merge.manual': 'Merge by hand',
      'import.row': 'Import of a group of rows',
      'access_request.manual': 'Decided by a manager',
    } satisfies Record<DecisionRuleId, string>,
    params: {
      same: 'same customer from {{value}}',
      possible: 'possibly the same from {{value}}',
      source: 'on {{value}}',
    },
    sources: {
      create: 'creation',
      import: 'import',
      update: 'a change',
      restore: 'restoring from the archive',
    } satisfies Record<AdmissionSource, string>,
    labels: {
      'match.same': 'Same customer',
      'match.possible': 'Possibly the same',
      'match.different': 'Different',
      'match.none': 'No look-alike',
      'match.same_not_visible': 'Exists out of sight',
      'admission.confirmed': 'Confirmed',
      'owner.creator': 'Owner',
      'owner.from_file': 'Owner',
      'import.rows': 'Source',
      'import.row_failed': 'Import failed',
      'import.resolved': 'Settled by a person',
      'merge.requested': 'Merge asked for',
      'access.requested': 'Asked for',
      'access.decided': 'Decision',
      'access.ownership_unchanged': 'Owner',
    } satisfies Record<DecisionEvidenceCode, string>,
    texts: {
      none: 'The duplicate check found no similar customer.',
      sameNotVisible:
        'The same customer is already here, where the importer may not see it; a person has to decide.',
      confirmed: 'Confirmed, with the reason: “{{reason}}”',
      ownerCreator: 'The person who brought it in:',
      ownerPartner: 'with their partner',
      resolvedMerge: 'Rows left for review, merged by a person into:',
      resolvedCreate: 'Rows left for review, created by a person as a new customer.',
      ownerFromFile: 'Named in the imported file (owner column “{{login}}”):',
      rowFailed: 'These rows could not be imported: {{error}}',
      mergeRequested: 'with the reason: “{{reason}}”',
      ownershipUnchanged:
        'Unchanged: a grant is recorded; moving the customer comes with the ownership rules.',
    },
    hidden: 'Concerns a record you may not see; the details are withheld.',
  },
  imported: {
    fromImport: 'from the import {{name}}',
    fromAnImport: 'from an import',
    rows_one: 'row {{rows}}',
    rows_other: 'rows {{rows}}',
  },
};
