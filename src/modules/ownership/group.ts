import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../access/index.js';
import type { GroupView } from './ownership.schema.js';
import * as repo from './ownership.repo.js';

/**
 * A group customer (集团客户) as one picture: the parent and its subsidiaries, who holds each, and whether
 * different teams hold parts of it. Members the caller may not see are shown by their holder's team only
 * (the organisation chart, which internal users see anyway) — never their names; partners see only theirs.
 */
export async function groupView(db: Db, ctx: RequestContext, accountId: string): Promise<GroupView> {
  if (!(await repo.visibleAccount(db, ctx.actor, accountId))) throw notFound('account', accountId);
  const rows = await repo.groupOf(db, accountId);
  const seen = await repo.visibleAccountIds(
    db,
    ctx.actor,
    rows.map((r) => r.id),
  );
  const partner = ctx.actor.scope === 'partner';
  const members = rows.flatMap((r): GroupView['members'] => {
    const visible = seen.has(r.id);
    if (!visible && partner) return [];
    return [
      {
        id: visible ? r.id : null,
        legalName: visible ? r.legal_name : null,
        depth: r.depth,
        holder: r.owner_id ? 'user' : r.pool_id ? 'pool' : r.partner_id ? 'partner' : 'none',
        ownerName: visible ? r.owner_name : null,
        teamId: r.team_id,
        teamName: r.team_name,
      },
    ];
  });
  const teams = new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])));
  return {
    accountId,
    members,
    hidden: rows.length - members.filter((m) => m.id).length,
    teamsHolding: teams.size,
    split: teams.size > 1,
  };
}
