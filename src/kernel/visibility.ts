import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/types.js';
import type { Actor } from '../modules/access/index.js';

/**
 * Who sees which rows, in one place. Each entity has one policy: given the actor, the SQL condition its rows
 * must meet. Every scoped read in a repository applies it (`.where(visible('account', actor))`); the actor
 * is a required argument, so no caller can forget it. An entity without a policy, or an actor whose scope
 * no policy knows, sees nothing: visibility fails closed. `src/http/visibility.matrix.test.ts` walks every
 * route × role × out-of-scope object to prove the routes keep to these policies.
 */
export const ENTITY_TABLES = {
  account: 'accounts',
  contact: 'contacts',
  import: 'import_jobs',
  import_cluster: 'import_clusters',
  audit: 'audit_log',
  decision: 'decisions',
  user: 'users',
  team: 'teams',
  token: 'api_tokens',
  access_request: 'access_requests',
  follow_up: 'follow_ups',
  opportunity: 'opportunities',
  quote: 'quotes',
  overlap_alert: 'overlap_alerts',
} as const satisfies Record<string, keyof DB>;

export type Entity = keyof typeof ENTITY_TABLES;

// The builder is loosely typed here on purpose: policies qualify every column with its table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<DB, any>;
export type Condition = (eb: Eb) => Expression<SqlBool>;
type Policy = (actor: Actor) => Condition;

const nothing: Condition = () => sql<SqlBool>`false`;
const everything: Condition = () => sql<SqlBool>`true`;

/** The ids of a team and every team below it. */
export function teamSubtree(teamId: string): RawBuilder<string> {
  return sql<string>`(
    with recursive subtree as (
      select id from teams where id = ${teamId}
      union all
      select child.id from teams child join subtree on child.parent_id = subtree.id
    ) select id from subtree
  )`;
}

/** Users whose records the actor sees by its scope (itself; its team subtree; its partner's users). */
function usersInScope(eb: Eb, actor: Actor) {
  const users = eb.selectFrom('users as scope_users').select('scope_users.id');
  switch (actor.scope) {
    case 'own':
      return users.where('scope_users.id', '=', actor.id);
    case 'team':
      return users.where((inner) =>
        inner.or([
          inner('scope_users.id', '=', actor.id),
          ...(actor.teamId ? [inner('scope_users.team_id', 'in', teamSubtree(actor.teamId))] : []),
        ]),
      );
    case 'partner':
      return actor.partnerId
        ? users.where('scope_users.partner_id', '=', actor.partnerId)
        : users.where(sql<SqlBool>`false`);
    case 'all':
      return users;
  }
}

/** Rows whose `column` names a user in the actor's scope; everything for scope all. */
const byUser =
  (column: string): Policy =>
  (actor) =>
    actor.scope === 'all' ? everything : (eb) => eb(column, 'in', usersInScope(eb, actor));

const accountPolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      // A partner sees the customers it brought in, whoever of its people holds them.
      return actor.partnerId ? (eb) => eb('accounts.partner_id', '=', actor.partnerId) : nothing;
    case 'own':
    case 'team':
      return (eb) => eb('accounts.owner_id', 'in', usersInScope(eb, actor));
  }
};

const importPolicy = byUser('import_jobs.created_by');

/**
 * Access requests: the requester sees its own; whoever settles them sees the rest — admins and sales ops
 * all of them, a manager those on customers its team scope covers (its people's customers, as the account
 * policy says). By role, like tokens: a narrowed token does not change whose desk a request lands on. The
 * owner itself is not shown requests for its customer: its manager arbitrates.
 */
const accessRequestPolicy: Policy = (actor) => {
  if (actor.role === 'admin' || actor.role === 'sales_ops') return everything;
  const own = (eb: Eb) => eb('access_requests.requester_id', '=', actor.id);
  if (actor.scope !== 'team' || actor.role !== 'manager') return actor.id ? own : nothing;
  return (eb) =>
    eb.or([
      own(eb),
      eb(
        'access_requests.account_id',
        'in',
        eb.selectFrom('accounts').select('accounts.id').where(accountPolicy(actor)),
      ),
    ]);
};

/** Rows whose `column` names an account the actor sees. */
const byAccount =
  (column: string): Policy =>
  (actor) =>
    actor.scope === 'all'
      ? everything
      : (eb) => eb(column, 'in', eb.selectFrom('accounts').select('accounts.id').where(accountPolicy(actor)));

/**
 * An opportunity is seen with its customer, and by whoever has its owner in scope: a rep keeps sight of the
 * deal it works even where the customer's owner is someone else (a partner's people see their partner's).
 */
const opportunityPolicy: Policy = (actor) =>
  actor.scope === 'all'
    ? everything
    : (eb) =>
        eb.or([
          byAccount('opportunities.account_id')(actor)(eb),
          eb('opportunities.owner_id', 'in', usersInScope(eb, actor)),
        ]);

/**
 * An overlap alert names two customers (one group, or one customer quoted twice): it is seen by whoever
 * sees either of them — the reply names the other side only where it is in sight.
 */
const overlapAlertPolicy: Policy = (actor) =>
  actor.scope === 'all'
    ? everything
    : (eb) =>
        eb.or([
          byAccount('overlap_alerts.account_id')(actor)(eb),
          byAccount('overlap_alerts.other_account_id')(actor)(eb),
        ]);

const POLICIES: Record<Entity, Policy> = {
  account: accountPolicy,
  contact: (actor) => (eb) =>
    eb(
      'contacts.account_id',
      'in',
      eb.selectFrom('accounts').select('accounts.id').where(accountPolicy(actor)),
    ),
  import: importPolicy,
  import_cluster: (actor) => (eb) =>
    eb(
      'import_clusters.job_id',
      'in',
      eb.selectFrom('import_jobs').select('import_jobs.id').where(importPolicy(actor)),
    ),
  // The trail of what people in the actor's scope did; audit:read is held by scope-all roles today.
  audit: byUser('audit_log.actor_id'),
  decision: (actor) =>
    actor.scope === 'all'
      ? everything
      : (eb) =>
          eb.or([
            eb.and([
              eb('decisions.subject_type', '=', 'account'),
              eb(
                'decisions.subject_id',
                'in',
                eb
                  .selectFrom('accounts')
                  .select(sql<string>`accounts.id::text`.as('id'))
                  .where(accountPolicy(actor)),
              ),
            ]),
            eb.and([
              eb('decisions.subject_type', '=', 'import'),
              eb(
                'decisions.subject_id',
                'in',
                eb
                  .selectFrom('import_jobs')
                  .select(sql<string>`import_jobs.id::text`.as('id'))
                  .where(importPolicy(actor)),
              ),
            ]),
            eb.and([
              eb('decisions.subject_type', '=', 'access_request'),
              eb(
                'decisions.subject_id',
                'in',
                eb
                  .selectFrom('access_requests')
                  .select(sql<string>`access_requests.id::text`.as('id'))
                  .where(accessRequestPolicy(actor)),
              ),
            ]),
          ]),
  user: byUser('users.id'),
  // The organisation chart is shared inside the company; partners see none of it.
  team: (actor) => (actor.scope === 'partner' ? nothing : everything),
  // One's own tokens; an administrator may see (and revoke) anyone's.
  token: (actor) => (actor.role === 'admin' ? everything : (eb) => eb('api_tokens.user_id', '=', actor.id)),
  access_request: accessRequestPolicy,
  // The account's timeline: whoever sees the customer sees every follow-up on it, the owner included.
  follow_up: byAccount('follow_ups.account_id'),
  opportunity: opportunityPolicy,
  quote: (actor) => (eb) =>
    eb(
      'quotes.opportunity_id',
      'in',
      eb.selectFrom('opportunities').select('opportunities.id').where(opportunityPolicy(actor)),
    ),
  overlap_alert: overlapAlertPolicy,
};

/** The condition `entity` rows must meet for `actor` to see them. */
export function visible(entity: Entity, actor: Actor): Condition {
  const policy = POLICIES[entity] as Policy | undefined;
  if (!policy) return nothing;
  return policy(actor) ?? nothing;
}

export const POLICY_ENTITIES = Object.keys(POLICIES) as Entity[];
