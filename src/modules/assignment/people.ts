import type { Executor } from '../../db/database.js';
import * as repo from './assignment.repo.js';
import type { Rule } from './assignment.schema.js';
import { previousMonth } from './dates.js';
import { needsCandidates, type Candidate } from './engine.js';

/**
 * Who each rule may choose from on a given day, read once for a set of rules: the named user, or the reps of
 * the team and its sub-teams (managers too where the rule says so), with their status, absences that day,
 * capacity, load, and — for weighted rules — weight: set by sales ops, or the deals each won last calendar
 * month in the organisation's time zone.
 */
export interface People {
  /** Per rule key: who, and their weight on that rule. */
  members: Map<string, { userId: string; weight: number }[]>;
  /** Everything but the load, which a what-if changes as it goes. */
  facts: Map<string, Omit<Candidate, 'held' | 'weight'>>;
  held: Map<string, number>;
}

export async function loadPeople(
  db: Executor,
  rules: readonly Rule[],
  date: string,
  timeZone: string,
  /** People no rule names whose facts are wanted too (a group's key-account manager). */
  extra: readonly string[] = [],
): Promise<People> {
  const members = new Map<string, { userId: string; weight: number }[]>();
  const lastPeriod = new Set<string>();
  for (const rule of rules.filter((r) => needsCandidates(r.target))) {
    const t = rule.target;
    if (t.type === 'user') {
      members.set(rule.key, [{ userId: t.userId, weight: 1 }]);
      continue;
    }
    if (t.type === 'pool' || t.type === 'team_queue') continue;
    const team = await repo.teamMembers(db, t.teamId, t.includeManagers);
    const manual = t.type === 'weighted' && t.weightSource === 'manual' ? t.weights : [];
    members.set(
      rule.key,
      team.map((u) => ({ userId: u.id, weight: manual.find((w) => w.userId === u.id)?.weight ?? 0 })),
    );
    if (t.type === 'weighted' && t.weightSource === 'last_period') lastPeriod.add(rule.key);
  }
  const ids = [...new Set([...[...members.values()].flat().map((m) => m.userId), ...extra])];
  const { facts, held } = await personFacts(db, ids, date);
  if (lastPeriod.size) {
    const winners = [...new Set([...lastPeriod].flatMap((k) => members.get(k)!.map((m) => m.userId)))];
    const won = await repo.wonBetween(db, winners, previousMonth(date), timeZone);
    for (const key of lastPeriod)
      members.set(
        key,
        members.get(key)!.map((m) => ({ ...m, weight: won.get(m.userId) ?? 0 })),
      );
  }
  return { members, facts, held };
}

async function personFacts(db: Executor, ids: readonly string[], date: string) {
  const [statuses, absences, caps, held] = await Promise.all([
    repo.userStatuses(db, ids),
    repo.absencesOf(db, ids, date),
    repo.capacities(db, ids),
    repo.heldCounts(db, ids),
  ]);
  const facts = new Map(
    statuses.map((u) => [
      u.id,
      {
        userId: u.id,
        status: u.status,
        absences: absences
          .filter((a) => a.user_id === u.id)
          .map((a) => ({ from: a.starts_on, to: a.ends_on })),
        capacity: caps.get(u.id) ?? null,
      },
    ]),
  );
  return { facts, held };
}

/** Adds the facts (and present loads) of people not read yet, such as key-account managers met page by page. */
export async function addPeople(db: Executor, people: People, ids: readonly string[], date: string) {
  const missing = [...new Set(ids)].filter((id) => !people.facts.has(id));
  if (missing.length === 0) return;
  const { facts, held } = await personFacts(db, missing, date);
  for (const [id, f] of facts) people.facts.set(id, f);
  for (const [id, n] of held) if (!people.held.has(id)) people.held.set(id, n);
}

/** One person as the engine weighs them, with the load `held` gives; undefined for an unknown user. */
export function candidateOf(
  people: People,
  userId: string,
  held: ReadonlyMap<string, number> = people.held,
): Candidate | undefined {
  const facts = people.facts.get(userId);
  return facts && { ...facts, held: held.get(userId) ?? 0 };
}

/** The candidates of every rule, with loads as `held` has them. */
export function candidatesByRule(people: People, held: ReadonlyMap<string, number> = people.held) {
  const byRule = new Map<string, Candidate[]>();
  for (const [key, list] of people.members)
    byRule.set(
      key,
      list.flatMap((m) => {
        const facts = people.facts.get(m.userId);
        return facts ? [{ ...facts, held: held.get(m.userId) ?? 0, weight: m.weight }] : [];
      }),
    );
  return byRule;
}
