import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Evidence, RuleRef } from '../../kernel/index.js';
import { accountFacts, engineSet } from './assign.js';
import * as repo from './assignment.repo.js';
import { localDate } from './dates.js';
import {
  decideAssignment,
  isGroupCustomer,
  ROTATING,
  type Assignment,
  type AssignmentTarget,
  type Cursor,
  type RuleSetForEngine,
} from './engine.js';
import { addPeople, candidateOf, candidatesByRule, loadPeople, type People } from './people.js';

export interface Move {
  accountId: string;
  accountName: string;
  from: AssignmentTarget | null;
  to: AssignmentTarget;
  rule: RuleRef;
  evidence: Evidence[];
  notApplied: Assignment['notApplied'];
}

/** Why an account the set would move stays where it is. */
export const SKIP_REASONS = ['locked', 'partner'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface WhatIf {
  ruleSetId: string;
  accounts: number;
  moves: Move[];
  /** Accounts the set would move but that stay (a lock, a partner holds them), with why. */
  skipped: { move: Move; reason: SkipReason }[];
  /** Users whose load changes: open accounts held before and after the moves. */
  loads: { userId: string; before: number; after: number }[];
}

/**
 * A rule set run over accounts page by page, as if each were entered afresh, oldest first: the rotations
 * start where `cursors` stand and advance in memory, and each decision sees the loads the moves before it
 * made (`held`). Nothing is written here; the what-if reports, the apply job (`apply.ts`) writes.
 */
export interface Simulation {
  set: RuleSetForEngine;
  date: string;
  people: People;
  cursors: Map<string, Cursor>;
  held: Map<string, number>;
}

export async function startSimulation(
  db: Executor,
  set: RuleSetForEngine,
  state: { cursors: ReadonlyMap<string, Cursor>; held?: ReadonlyMap<string, number> },
): Promise<Simulation> {
  const timeZone = await repo.orgTimeZone(db);
  const date = localDate(new Date(), timeZone);
  const people = await loadPeople(db, set.rules, date, timeZone);
  return {
    set,
    date,
    people,
    cursors: new Map(state.cursors),
    held: new Map(state.held ?? people.held),
  };
}

export const rotatingKeys = (set: RuleSetForEngine) =>
  set.rules.filter((r) => ROTATING.has(r.target.type)).map((r) => r.key);

const same = (a: AssignmentTarget | null, b: AssignmentTarget) => JSON.stringify(a) === JSON.stringify(b);

export function holderTarget(a: repo.AccountWithHolder): AssignmentTarget | null {
  return a.owner_id
    ? { type: 'user', userId: a.owner_id }
    : a.queue_team_id
      ? { type: 'team', teamId: a.queue_team_id }
      : a.pool_id
        ? { type: 'pool', poolId: a.pool_id }
        : null;
}

/**
 * Decides one page of accounts, in order. Locked and partner-held accounts stay where they are: they are
 * decided (to report that the set would move them) but move no cursor and no load. An account no rule takes
 * keeps its holder.
 */
export async function simulatePage(
  db: Executor,
  sim: Simulation,
  accounts: readonly repo.AccountWithHolder[],
): Promise<{ moves: Move[]; skipped: { move: Move; reason: SkipReason }[] }> {
  const kams = sim.set.keyAccountManagerFirst
    ? await repo.groupKeyAccountManagers(
        db,
        accounts.filter((a) => isGroupCustomer(accountFacts(a))).map((a) => a.id),
      )
    : new Map<string, { groupId: string; userId: string }>();
  const kamIds = [...kams.values()].map((k) => k.userId);
  await addPeople(db, sim.people, kamIds, sim.date);
  for (const id of kamIds) if (!sim.held.has(id)) sim.held.set(id, sim.people.held.get(id) ?? 0);
  const bump = (userId: string | null | undefined, by: number) => {
    if (userId) sim.held.set(userId, (sim.held.get(userId) ?? 0) + by);
  };
  const moves: Move[] = [];
  const skipped: { move: Move; reason: SkipReason }[] = [];
  for (const a of accounts) {
    const stays: SkipReason | null = a.kind === 'locked' ? 'locked' : a.partner_id ? 'partner' : null;
    const from = holderTarget(a);
    // Decided afresh: the account's present holder does not count it against their capacity.
    if (!stays) bump(a.owner_id, -1);
    const kam = kams.get(a.id);
    const kamCandidate = kam && candidateOf(sim.people, kam.userId, sim.held);
    const { assignment, cursor } = decideAssignment(
      sim.set,
      { ...accountFacts(a), trigger: 'create' },
      candidatesByRule(sim.people, sim.held),
      sim.cursors,
      sim.date,
      { keyAccountManager: kam && kamCandidate ? { groupId: kam.groupId, candidate: kamCandidate } : null },
    );
    const move: Move | null =
      assignment && !same(from, assignment.target)
        ? {
            accountId: a.id,
            accountName: a.legal_name,
            from,
            to: assignment.target,
            rule: assignment.rule,
            evidence: assignment.evidence,
            notApplied: assignment.notApplied,
          }
        : null;
    if (stays) {
      if (move) skipped.push({ move, reason: stays });
      continue;
    }
    if (cursor) sim.cursors.set(cursor.ruleKey, cursor.cursor);
    const to = move?.to ?? from;
    bump(to?.type === 'user' ? to.userId : null, 1);
    if (move) moves.push(move);
  }
  return { moves, skipped };
}

const PAGE = 1000;

/**
 * Runs a rule set (a draft, usually) over every active account and reports the accounts whose holder
 * would change, those it would move that stay (locked, partner-held), and every changed load. Accounts are
 * read a page at a time; only the moves are kept. Nothing is written and no cursor moves.
 */
export async function whatIf(db: Executor, ruleSetId: string): Promise<WhatIf> {
  const row = await repo.findRuleSet(db, ruleSetId);
  if (!row) throw notFound('assignment_rule_set', ruleSetId);
  const set = engineSet(row);
  const [cursors, before] = await Promise.all([repo.readCursors(db, rotatingKeys(set)), repo.heldCounts(db)]);
  const sim = await startSimulation(db, set, { cursors, held: before });
  const result: WhatIf = { ruleSetId, accounts: 0, moves: [], skipped: [], loads: [] };
  for (let after: { createdAt: string; id: string } | null = null; ;) {
    const page = await repo.accountsWithHolders(db, { after, limit: PAGE });
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.created_at, id: last.id };
    const { moves, skipped } = await simulatePage(db, sim, page);
    result.accounts += page.length;
    result.moves.push(...moves);
    result.skipped.push(...skipped);
  }
  const held = sim.held;
  const users = new Set([...before.keys(), ...held.keys()]);
  result.loads = [...users]
    .map((userId) => ({ userId, before: before.get(userId) ?? 0, after: held.get(userId) ?? 0 }))
    .filter((l) => l.before !== l.after)
    .sort((x, y) => y.after - y.before - (x.after - x.before) || (x.userId < y.userId ? -1 : 1));
  return result;
}
