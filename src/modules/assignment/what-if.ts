import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Evidence, RuleRef } from '../../kernel/index.js';
import { engineSet } from './assign.js';
import * as repo from './assignment.repo.js';
import { localDate } from './dates.js';
import { decideAssignment, ROTATING, type AssignmentTarget, type Cursor } from './engine.js';
import { candidatesByRule, loadPeople } from './people.js';

export interface Move {
  accountId: string;
  accountName: string;
  from: AssignmentTarget | null;
  to: AssignmentTarget;
  rule: RuleRef;
  evidence: Evidence[];
}

export interface WhatIf {
  ruleSetId: string;
  accounts: number;
  moves: Move[];
  /** Users whose load changes: open accounts held before and after the moves. */
  loads: { userId: string; before: number; after: number }[];
}

const same = (a: AssignmentTarget | null, b: AssignmentTarget) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs a rule set (a draft, usually) over every active account as if each were assigned afresh, oldest
 * first, and reports the accounts whose holder would change. Nothing is written and no cursor moves: the
 * rotations start where the stored cursors stand and advance in memory, and each decision sees the loads
 * the moves before it made. Locked and partner-held accounts stay where they are; an account no rule takes
 * keeps its holder. Loads are open claims per user (what capacity counts). The ownership module applies the moves when a set is published with `reassign`.
 */
export async function whatIf(db: Executor, ruleSetId: string): Promise<WhatIf> {
  const row = await repo.findRuleSet(db, ruleSetId);
  if (!row) throw notFound('assignment_rule_set', ruleSetId);
  const set = engineSet(row);
  const timeZone = await repo.orgTimeZone(db);
  const date = localDate(new Date(), timeZone);
  const [people, accounts, allHeld] = await Promise.all([
    loadPeople(db, set.rules, date, timeZone),
    repo.activeAccountsWithHolders(db),
    repo.heldCounts(db),
  ]);
  const cursors = new Map<string, Cursor>(
    await repo.readCursors(
      db,
      set.rules.filter((r) => ROTATING.has(r.target.type)).map((r) => r.key),
    ),
  );
  const held = new Map(allHeld);
  const before = new Map(allHeld);
  const bump = (userId: string | null | undefined, by: number) => {
    if (userId) held.set(userId, (held.get(userId) ?? 0) + by);
  };
  const moves: Move[] = [];
  for (const a of accounts) {
    if (a.kind === 'locked' || a.partner_id) continue;
    const from: AssignmentTarget | null = a.owner_id
      ? { type: 'user', userId: a.owner_id }
      : a.queue_team_id
        ? { type: 'team', teamId: a.queue_team_id }
        : a.pool_id
          ? { type: 'pool', poolId: a.pool_id }
          : null;
    // Decided afresh: the account's present holder does not count it against their capacity.
    bump(a.owner_id, -1);
    const facts = {
      regionCode: a.region_code,
      industryCode: a.industry_code,
      size: a.size,
      source: a.source,
      tags: a.tags,
      parentId: a.parent_id,
      isGroup: Boolean(a.is_group),
    };
    const { assignment, cursor } = decideAssignment(
      set,
      facts,
      candidatesByRule(people, held),
      cursors,
      date,
    );
    if (cursor) cursors.set(cursor.ruleKey, cursor.cursor);
    const to = assignment?.target ?? from;
    bump(to?.type === 'user' ? to.userId : null, 1);
    if (assignment && !same(from, assignment.target))
      moves.push({
        accountId: a.id,
        accountName: a.legal_name,
        from,
        to: assignment.target,
        rule: assignment.rule,
        evidence: assignment.evidence,
      });
  }
  const users = new Set([...before.keys(), ...held.keys()]);
  const loads = [...users]
    .map((userId) => ({ userId, before: before.get(userId) ?? 0, after: held.get(userId) ?? 0 }))
    .filter((l) => l.before !== l.after)
    .sort((x, y) => y.after - y.before - (x.after - x.before) || (x.userId < y.userId ? -1 : 1));
  return { ruleSetId, accounts: accounts.length, moves, loads };
}
