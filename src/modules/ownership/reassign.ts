import type { Work } from '../../kernel/index.js';
import { applyJob, type MoveAccounts } from '../assignment/index.js';
import { assignedEvidence, assignedHolder } from './initial-owner.js';
import { recordHandovers, type Handover } from './handover.js';

/**
 * A published rule set applied to existing customers (the assignment module's apply job, which decides and
 * locks): each move recorded as the rules' other moves are — a decision naming the rule that fired with the
 * engine's evidence nested and the rules before it, an audit entry, the `ownership.changed` event — with the
 * former and the new holder told. Open opportunities of the former owner follow the customer, as in a
 * transfer.
 */
export const moveByRuleSet: MoveAccounts = async (w: Work, moves, ruleSet) => {
  const decisions = new Map<string, string>();
  const handovers: Handover[] = [];
  for (const m of moves) {
    const decisionId = w.decide({
      kind: 'ownership.assign',
      subject: { type: 'account', id: m.accountId },
      verdict: 'reassigned',
      rule: { ...m.rule, params: { ...m.rule.params, trigger: 'publish', publishedSet: ruleSet.id } },
      evidence: [assignedEvidence({ ...m, target: m.to }, 'publish')],
      notApplied: m.notApplied,
    });
    decisions.set(m.accountId, decisionId);
    handovers.push({
      accountId: m.accountId,
      fromUserId: m.from?.type === 'user' ? m.from.userId : null,
      to: assignedHolder(m.to),
      via: 'assignment',
      decisionId,
      audit: {
        action: 'ownership.reassigned',
        before: { holder: m.from },
        after: { ruleSetId: ruleSet.id, version: ruleSet.version },
        reason: null,
      },
      tell: {
        from: 'ownership.reassigned_away',
        to: 'ownership.assigned',
        params: { ruleSetId: ruleSet.id, version: ruleSet.version, decisionId },
      },
    });
  }
  await recordHandovers(w, handovers);
  return decisions;
};

export const reassignJob = applyJob(moveByRuleSet);
