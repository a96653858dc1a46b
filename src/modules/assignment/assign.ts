import type { Work } from '../../kernel/index.js';
import * as repo from './assignment.repo.js';
import type { AssignTrigger, Rule } from './assignment.schema.js';
import { localDate } from './dates.js';
import {
  conditionMisses,
  decideAssignment,
  ROTATING,
  type AccountFacts,
  type Assignment,
  type RuleSetForEngine,
} from './engine.js';
import { candidatesByRule, loadPeople } from './people.js';

/** A stored set as the engine reads it: rules are stored as validated JSON, a draft runs as version 0. */
export function engineSet(row: repo.RuleSetRow): RuleSetForEngine {
  return { id: row.id, version: row.version ?? 0, rules: row.rules as Rule[] };
}

export interface AccountToAssign extends AccountFacts {
  id?: string;
}

/**
 * Who should hold an account by the published rules, inside the caller's unit of work; null when no set is
 * published or no rule applies. The caller records the decision and the claim (the ownership module).
 *
 * Locks: the cursors of every rule that matches and rotates, in key order, `for update` — rows, so take
 * any advisory keys before calling this. Loads and absences are read after the lock, so the next create on
 * the same rule, on any node, waits for this one's claim and counts it. The firing rule's cursor moves
 * with the caller's commit, or not at all.
 */
export async function assignAccount(
  w: Work,
  account: AccountToAssign,
  trigger: AssignTrigger,
): Promise<Assignment | null> {
  const row = await repo.publishedRuleSet(w.tx);
  if (!row) return null;
  const set = engineSet(row);
  const facts: AccountFacts = {
    ...account,
    tags: account.tags ?? [],
    productLine: account.productLine ?? null,
  };
  const matching = set.rules.filter((r) => conditionMisses(r, facts).length === 0);
  if (matching.length === 0) return decideAssignment(set, facts, new Map(), new Map(), '').assignment;
  const cursors = await repo.lockCursors(
    w.tx,
    matching.filter((r) => ROTATING.has(r.target.type)).map((r) => r.key),
  );
  const timeZone = await repo.orgTimeZone(w.tx);
  const date = localDate(new Date(), timeZone);
  const people = await loadPeople(w.tx, matching, date, timeZone);
  const { assignment, cursor } = decideAssignment(set, facts, candidatesByRule(people), cursors, date);
  if (cursor) await repo.saveCursor(w.tx, cursor.ruleKey, cursor.cursor);
  if (!assignment) return null;
  return {
    ...assignment,
    rule: { ...assignment.rule, params: { ...assignment.rule.params, trigger, date } },
  };
}
