import type { Db, Executor } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { findVisibleUser } from '../users/index.js';
import * as repo from './teams.repo.js';
import type { CreateTeamInput, Team, UpdateTeamInput } from './teams.schema.js';

function toTeam(row: repo.TeamRow, memberCount = 0): Team {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    managerId: row.manager_id,
    memberCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listTeams(db: Db, ctx: RequestContext): Promise<Team[]> {
  const rows = await repo.listTeamsWithCounts(db, ctx.actor);
  return rows.map((r) => toTeam(r, Number(r.member_count ?? 0)));
}

async function checkRefs(
  db: Executor,
  actor: Actor,
  teamId: string | null,
  input: { parentId?: string | null; managerId?: string | null },
) {
  const problems: FieldProblem[] = [];
  if (input.parentId) {
    if (!(await repo.findVisibleTeam(db, actor, input.parentId))) {
      problems.push({ field: 'parentId', problem: 'not_found', message: 'no such team' });
    } else if (teamId && (await repo.isInSubtree(db, teamId, input.parentId))) {
      problems.push({ field: 'parentId', problem: 'cycle', message: 'would put the team inside itself' });
    }
  }
  if (input.managerId && !(await findVisibleUser(db, actor, input.managerId))) {
    problems.push({ field: 'managerId', problem: 'not_found', message: 'no such user' });
  }
  if (problems.length) throw invalid(problems);
}

const nameConflict = (name: string) =>
  fieldError(
    'TEAM_NAME_TAKEN',
    `A team named ${name} already exists here`,
    { field: 'name', problem: 'taken', message: 'is already used by a team here' },
    { name },
  );

async function uniqueName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(name ?? '');
    throw error;
  }
}

export async function createTeam(db: Db, ctx: RequestContext, input: CreateTeamInput): Promise<Team> {
  return uniqueName(input.name, () =>
    runWork(db, ctx, async (w) => {
      await checkRefs(w.tx, w.actor, null, input);
      const row = await repo.insertTeam(w.tx, {
        name: input.name,
        parent_id: input.parentId ?? null,
        manager_id: input.managerId ?? null,
      });
      const team = toTeam(row);
      w.audit({
        action: 'team.created',
        entityType: 'team',
        entityId: team.id,
        after: team,
      });
      return team;
    }),
  );
}

export async function updateTeam(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: UpdateTeamInput,
): Promise<Team> {
  return uniqueName(input.name, () =>
    runWork(db, ctx, async (w) => {
      if (!(await repo.findVisibleTeam(w.tx, w.actor, id))) throw notFound('team', id);
      const current = await repo.lockTeam(w.tx, id);
      if (!current) throw notFound('team', id);
      await checkRefs(w.tx, w.actor, id, input);
      const row = await repo.updateTeam(w.tx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.parentId !== undefined && { parent_id: input.parentId }),
        ...(input.managerId !== undefined && { manager_id: input.managerId }),
      });
      const { members } = await repo.teamHasDependants(w.tx, id);
      const team = toTeam(row, members);
      w.audit({
        action: 'team.updated',
        entityType: 'team',
        entityId: id,
        before: toTeam(current, members),
        after: team,
      });
      return team;
    }),
  );
}

export async function deleteTeam(db: Db, ctx: RequestContext, id: string): Promise<void> {
  await runWork(db, ctx, async (w) => {
    if (!(await repo.findVisibleTeam(w.tx, w.actor, id))) throw notFound('team', id);
    const current = await repo.lockTeam(w.tx, id);
    if (!current) throw notFound('team', id);
    const { members, children } = await repo.teamHasDependants(w.tx, id);
    if (members > 0 || children > 0) {
      throw new AppError('TEAM_NOT_EMPTY', 'Move the team’s members and sub-teams first', {
        members,
        children,
      });
    }
    await repo.deleteTeam(w.tx, id);
    w.audit({
      action: 'team.deleted',
      entityType: 'team',
      entityId: id,
      before: toTeam(current),
    });
  });
}
