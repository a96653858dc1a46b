import type { Work } from '../../kernel/index.js';
import * as repo from './assignment.repo.js';
import { NO_CONDITIONS, type AssignTrigger, type Rule } from './assignment.schema.js';
import { localDate } from './dates.js';
import {
  conditionMisses,
  decideAssignment,
  effectiveTriggers,
  isGroupCustomer,
  ROTATING,
  runsOn,
  type AccountFacts,
  type Assignment,
  type RuleSetForEngine,
} from './engine.js';
import { candidateOf, candidatesByRule, loadPeople } from './people.js';

/**
 * A stored set as the engine reads it: rules are stored as validated JSON (conditions added later read as
 * their defaults in rules stored before them), a draft runs as version 0.
 */
export function engineSet(row: repo.RuleSetRow): RuleSetForEngine {
  return {
    id: row.id,
    version: row.version ?? 0,
    rules: (row.rules as Rule[]).map((r) => ({ ...r, conditions: { ...NO_CONDITIONS, ...r.conditions } })),
    keyAccountManagerFirst: row.key_account_manager_first,
  };
}

export interface AccountToAssign extends AccountFacts {
  /** An account already stored; a new one has none (its group is found from `parentId`). */
  id?: string;
}

export interface AssignOptions {
  /** People the account must not go to (the former owner of a released or transferred customer). */
  exclude?: readonly string[];
}

/**
 * Who should hold an account by the published rules, inside the caller's unit of work; null when no set is
 * published or nothing applies. The caller records the decision and the claim (the ownership module).
 * A set with the key-account manager's first right tries the group's KAM first (see engine.ts).
 *
 * Locks: the cursors of every rule that matches and rotates, in key order, `for update` — rows, so take
 * any advisory keys and account rows before calling this. Loads and absences are read after the lock, so
 * the next create on the same rule, on any node, waits for this one's claim and counts it. The firing
 * rule's cursor moves with the caller's commit, or not at all. A caller assigning several accounts in one
 * unit of work writes each claim before asking for the next (loads are read from the database), and takes
 * every cursor first with `lockCursorsFor`, so two such callers cannot lock them in opposite orders.
 */
export async function assignAccount(
  w: Work,
  account: AccountToAssign,
  trigger: AssignTrigger,
  options: AssignOptions = {},
): Promise<Assignment | null> {
  const row = await repo.publishedRuleSet(w.tx);
  if (!row) return null;
  const set = engineSet(row);
  if (!runsOn(set, trigger)) return null;
  const facts: AccountFacts = {
    ...account,
    tags: account.tags ?? [],
    productLine: account.productLine ?? null,
    trigger,
  };
  const exclude = new Set(options.exclude ?? []);
  const matching = set.rules.filter((r) => conditionMisses(r, facts).length === 0);
  const start = account.id ?? account.parentId;
  const kam =
    set.keyAccountManagerFirst && isGroupCustomer(facts) && start
      ? (await repo.groupKeyAccountManagers(w.tx, [start])).get(start)
      : undefined;
  if (matching.length === 0 && !kam)
    return decideAssignment(set, facts, new Map(), new Map(), '', { exclude }).assignment;
  const cursors = await repo.lockCursors(
    w.tx,
    matching.filter((r) => ROTATING.has(r.target.type)).map((r) => r.key),
  );
  const timeZone = await repo.orgTimeZone(w.tx);
  const date = localDate(new Date(), timeZone);
  const people = await loadPeople(w.tx, matching, date, timeZone, kam ? [kam.userId] : []);
  const kamCandidate = kam && candidateOf(people, kam.userId);
  const { assignment, cursor } = decideAssignment(set, facts, candidatesByRule(people), cursors, date, {
    exclude,
    keyAccountManager: kam && kamCandidate ? { groupId: kam.groupId, candidate: kamCandidate } : null,
  });
  if (cursor) await repo.saveCursor(w.tx, cursor.ruleKey, cursor.cursor);
  if (!assignment) return null;
  return {
    ...assignment,
    rule: { ...assignment.rule, params: { ...assignment.rule.params, trigger, date } },
  };
}

/** The facts rules read of stored accounts, by id (active ones only). */
export async function storedAccounts(w: Work, ids: readonly string[]): Promise<Map<string, AccountToAssign>> {
  const rows = await repo.accountsWithHolders(w.tx, { ids });
  return new Map(rows.map((a) => [a.id, { id: a.id, ...accountFacts(a) }]));
}

export const accountFacts = (a: repo.AccountWithHolder): AccountFacts => ({
  regionCode: a.region_code,
  industryCode: a.industry_code,
  size: a.size,
  source: a.source,
  tags: a.tags,
  parentId: a.parent_id,
  isGroup: Boolean(a.is_group),
});

/**
 * Locks, in key order, the cursors of every rotating rule of the published set that may run on `trigger`;
 * false when no published rule runs on it (then nothing is locked, and the caller need not ask per account).
 */
export async function lockCursorsFor(w: Work, trigger: AssignTrigger): Promise<boolean> {
  const row = await repo.publishedRuleSet(w.tx);
  if (!row) return false;
  const set = engineSet(row);
  if (!runsOn(set, trigger)) return false;
  await repo.lockCursors(
    w.tx,
    set.rules
      .filter((r) => ROTATING.has(r.target.type) && effectiveTriggers(r).includes(trigger))
      .map((r) => r.key),
  );
  return true;
}
