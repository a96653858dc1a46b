import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { TeamTable } from '../../db/types.js';
import { teamSubtree, visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';

export type TeamRow = Selectable<TeamTable>;

export async function findVisibleTeam(db: Executor, actor: Actor, id: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where(visible('team', actor))
    .where('teams.id', '=', id)
    .executeTakeFirst();
}

export async function lockTeam(db: Executor, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Every team the actor sees, with how many of its members the actor sees (the team page lists them; a
 * count of people the caller may not see would tell what the user policy withholds). Parents before
 * children is left to the caller.
 */
export async function listTeamsWithCounts(db: Executor, actor: Actor) {
  return db
    .selectFrom('teams')
    .where(visible('team', actor))
    .selectAll('teams')
    .select((eb) => [
      eb
        .selectFrom('users')
        .whereRef('users.team_id', '=', 'teams.id')
        .where(visible('user', actor))
        .select(eb.fn.countAll<string>().as('n'))
        .as('member_count'),
    ])
    .orderBy('name')
    .execute();
}

export async function isInSubtree(db: Executor, rootId: string, candidateId: string): Promise<boolean> {
  const row = await db
    .selectFrom('teams')
    .select('id')
    .where('id', '=', candidateId)
    .where('id', 'in', teamSubtree(rootId))
    .executeTakeFirst();
  return !!row;
}

export async function insertTeam(
  db: Executor,
  team: { name: string; parent_id: string | null; manager_id: string | null },
) {
  return db.insertInto('teams').values(team).returningAll().executeTakeFirstOrThrow();
}

export async function updateTeam(
  db: Executor,
  id: string,
  patch: Partial<{ name: string; parent_id: string | null; manager_id: string | null }>,
) {
  return db
    .updateTable('teams')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function teamHasDependants(
  db: Executor,
  id: string,
): Promise<{ members: number; children: number }> {
  const [members, children] = await Promise.all([
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('team_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { members: Number(members.n), children: Number(children.n) };
}

export async function deleteTeam(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}
