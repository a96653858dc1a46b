import { sql, type RawBuilder } from 'kysely';

/** The ids of a team and every team below it, as a subquery. */
export function teamSubtree(teamId: string): RawBuilder<string> {
  return sql<string>`(
    with recursive subtree as (
      select id from teams where id = ${teamId}
      union all
      select child.id from teams child join subtree on child.parent_id = subtree.id
    ) select id from subtree
  )`;
}
