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
  registration: 'registrations',
  partner: 'partners',
  territory_authorisation: 'territory_authorisations',
  territory_exception: 'territory_exceptions',
  transaction: 'transactions',
  credit_line: 'credit_lines',
  case: 'cases',
  commission_plan: 'commission_plans',
  commission_payee: 'commission_payees',
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

/**
 * The holder's side of a customer: whoever holds it by scope (the owner, its managers, its partner). This
 * side may change the customer and its contacts; the account team beside it only sees them.
 */
const accountHolderPolicy: Policy = (actor) => {
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

/** A membership counts while its `until` is unset or still ahead: an expired collaborator sees nothing. */
const activeMembership = (eb: Eb) =>
  eb.or([eb('account_team.until', 'is', null), eb('account_team.until', '>', sql<string>`now()`)]);

/** Customers on whose account team `members` sit, active (and, for `writable`, not read-only). */
function onAccountTeam(
  eb: Eb,
  members: ReturnType<typeof usersInScope> | string,
  options: { writable?: boolean } = {},
) {
  let team = eb
    .selectFrom('account_team')
    .select('account_team.account_id')
    .where((inner) =>
      typeof members === 'string'
        ? inner('account_team.user_id', '=', members)
        : inner('account_team.user_id', 'in', members),
    )
    .where(activeMembership);
  // The former owner kept after a transfer is on the team to look, not to act.
  if (options.writable) team = team.where('account_team.role', '<>', 'former_owner');
  return eb('accounts.id', 'in', team);
}

/**
 * Who sees a customer: its holder's side, and its account team — collaborators (and whoever has them in
 * scope) while their membership lasts. Seeing is not changing: `editable` says who may change it.
 */
const accountPolicy: Policy = (actor) => {
  if (actor.scope === 'all') return everything;
  const holder = accountHolderPolicy(actor);
  if (!actor.id) return holder;
  return (eb) => eb.or([holder(eb), onAccountTeam(eb, usersInScope(eb, actor))]);
};

/**
 * What the actor may change, where it is less than what it sees. `account`: the customer itself and its
 * contacts (edit, archive, merge) — its holder's side only. `follow_up`: logging activity on the customer —
 * the holder's side and the actor's own active collaborations that are not read-only.
 */
const EDIT_POLICIES = {
  account: accountHolderPolicy,
  follow_up: (actor) =>
    actor.scope === 'all' || !actor.id
      ? accountHolderPolicy(actor)
      : (eb) => eb.or([accountHolderPolicy(actor)(eb), onAccountTeam(eb, actor.id!, { writable: true })]),
} satisfies Record<string, Policy>;

/** The condition `accounts` rows must meet for `actor` to change them (or log `follow_up`s on them). */
export function editable(what: keyof typeof EDIT_POLICIES, actor: Actor): Condition {
  return EDIT_POLICIES[what](actor);
}

const importPolicy = byUser('import_jobs.created_by');

/**
 * Access requests: the requester sees its own; whoever settles them sees the rest — admins and sales ops
 * all of them, a manager those on customers its team scope holds (its people's customers; a collaboration
 * does not put a request on its desk). By role, like tokens: a narrowed token does not change whose desk a request lands on. The
 * owner itself is not shown requests for its customer: its manager arbitrates.
 */
const accessRequestPolicy: Policy = (actor) => {
  if (actor.role === 'admin' || actor.role === 'sales_ops') return everything;
  // Its requester, and whoever decided it: a grant moves the customer off the decider's desk, not the request.
  const own = (eb: Eb) =>
    eb.or([
      eb('access_requests.requester_id', '=', actor.id),
      eb('access_requests.decided_by', '=', actor.id),
    ]);
  if (actor.scope !== 'team' || actor.role !== 'manager') return actor.id ? own : nothing;
  return (eb) =>
    eb.or([
      own(eb),
      eb(
        'access_requests.account_id',
        'in',
        eb.selectFrom('accounts').select('accounts.id').where(accountHolderPolicy(actor)),
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

/**
 * Deal registrations: a partner's people see their partner's, the channel (scope all) sees every one. Direct
 * reps and managers see none — what partners register is not the direct team's to read. A registration's
 * decisions (verdicts naming who else holds a customer) are not partners' to read either: the decision
 * policy shows registration subjects to scope all only, and the registration itself carries what a partner
 * may learn (the refusal's code and date).
 */
const registrationPolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId ? (eb) => eb('registrations.partner_id', '=', actor.partnerId) : nothing;
    case 'own':
    case 'team':
      return nothing;
  }
};

/**
 * A partner company: its own people see it and nothing else; channel staff see the partners their scope
 * covers — all of them for scope all, otherwise those whose channel manager (`manager_id`) is in their
 * user scope (a manager the partners its people manage, a rep the ones it manages itself).
 */
const partnerPolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId ? (eb) => eb('partners.id', '=', actor.partnerId) : nothing;
    case 'own':
    case 'team':
      return (eb) => eb('partners.manager_id', 'in', usersInScope(eb, actor));
  }
};

/**
 * Territory authorisations: a partner's people see their partner's; staff see those of the teams in their
 * scope (a rep its own team's, a manager its subtree's); scope all sees every one.
 */
const territoryAuthorisationPolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId
        ? (eb) => eb('territory_authorisations.partner_id', '=', actor.partnerId)
        : nothing;
    case 'team':
      return actor.teamId
        ? (eb) => eb('territory_authorisations.team_id', 'in', teamSubtree(actor.teamId!))
        : nothing;
    case 'own':
      return actor.teamId ? (eb) => eb('territory_authorisations.team_id', '=', actor.teamId) : nothing;
  }
};

/**
 * Conflict cases: the channel (scope all) sees every one; a partner's people the cases its registrations
 * are party to (claiming, or holding the customer); direct staff the cases about customers whose direct
 * owner is in their user scope. What each party reads of a case is its own side (the service shapes it).
 */
const casePolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId
        ? (eb) =>
            eb.or([
              eb('cases.partner_id', '=', actor.partnerId),
              eb('cases.other_partner_id', '=', actor.partnerId),
            ])
        : nothing;
    case 'own':
    case 'team':
      return (eb) => eb('cases.direct_owner_id', 'in', usersInScope(eb, actor));
  }
};

/**
 * Credit lines: a person sees the lines crediting the people in its scope (a rep its own, a manager its
 * team's), a partner's people their partner's, scope all every one. Unassigned lines are scope all's.
 */
const creditLinePolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId ? (eb) => eb('credit_lines.partner_id', '=', actor.partnerId) : nothing;
    case 'own':
    case 'team':
      return (eb) => eb('credit_lines.user_id', 'in', usersInScope(eb, actor));
  }
};

/**
 * Commission payees (and through them plans, statements, disputes and attainment): a person sees itself as
 * a payee, a manager its team's people, a partner's people their partner, scope all every payee.
 */
const commissionPayeePolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
      return everything;
    case 'partner':
      return actor.partnerId ? (eb) => eb('commission_payees.partner_id', '=', actor.partnerId) : nothing;
    case 'own':
    case 'team':
      return (eb) => eb('commission_payees.user_id', 'in', usersInScope(eb, actor));
  }
};

/**
 * Commission plans are the company's: scope all and managers see every plan (a manager sees only its
 * people among the payees); a rep or a partner's people only the plans they are paid by.
 */
const commissionPlanPolicy: Policy = (actor) => {
  switch (actor.scope) {
    case 'all':
    case 'team':
      return everything;
    case 'own':
    case 'partner':
      return (eb) =>
        eb(
          'commission_plans.id',
          'in',
          eb
            .selectFrom('commission_payees')
            .select('commission_payees.plan_id')
            .where(commissionPayeePolicy(actor)),
        );
  }
};

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
  registration: registrationPolicy,
  partner: partnerPolicy,
  territory_authorisation: territoryAuthorisationPolicy,
  // Fence exceptions are the channel's: a partner sees those granted to it, scope all every one.
  territory_exception: (actor) =>
    actor.scope === 'all'
      ? everything
      : actor.scope === 'partner' && actor.partnerId
        ? (eb) => eb('territory_exceptions.partner_id', '=', actor.partnerId)
        : nothing,
  case: casePolicy,
  // Transactions are finance's and sales ops' books: scope all only; others read their credit lines.
  transaction: (actor) => (actor.scope === 'all' ? everything : nothing),
  credit_line: creditLinePolicy,
  commission_plan: commissionPlanPolicy,
  commission_payee: commissionPayeePolicy,
};

/** The condition `entity` rows must meet for `actor` to see them. */
export function visible(entity: Entity, actor: Actor): Condition {
  const policy = POLICIES[entity] as Policy | undefined;
  if (!policy) return nothing;
  return policy(actor) ?? nothing;
}

export const POLICY_ENTITIES = Object.keys(POLICIES) as Entity[];
