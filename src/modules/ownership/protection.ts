import type { Executor } from '../../db/database.js';
import { protectionDeadline, type Deadline, type ProtectionOutcome, type RecoveryRule } from './deadline.js';
import * as repo from './ledger.repo.js';
import { inPoolScope, teamChain } from './scope.js';

/** Everything the deadline of a batch of claims depends on that is not per account: rules, pools, teams. */
export type ContextRule = RecoveryRule & {
  scope: 'pool' | 'global';
  remindDays: readonly number[];
  escalateDays: number | null;
};

export interface RecoveryContext {
  timeZone: string;
  rules: readonly ContextRule[];
  pools: ReadonlyMap<string, repo.PoolRow>;
  teamParents: ReadonlyMap<string, string | null>;
}

export async function loadRecoveryContext(db: Executor): Promise<RecoveryContext> {
  return (
    (await recoveryContextIfRules(db)) ?? {
      timeZone: 'UTC',
      rules: [],
      pools: new Map(),
      teamParents: new Map(),
    }
  );
}

/**
 * The recovery context, or null when no recovery rule is active — then no claim has a deadline to set, and
 * a create or an import row pays one query for it, not four.
 */
export async function recoveryContextIfRules(db: Executor): Promise<RecoveryContext | null> {
  const rules = await repo.activeRecoveryRules(db);
  if (rules.length === 0) return null;
  const [org, pools, teamParents] = await Promise.all([
    repo.orgSettings(db),
    repo.activePools(db),
    repo.teamParents(db),
  ]);
  return {
    timeZone: org.time_zone,
    rules: rules.map(toRecoveryRule),
    pools: new Map(pools.map((p) => [p.id, p])),
    teamParents,
  };
}

export function toRecoveryRule(r: repo.RecoveryRuleRow): ContextRule {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    position: r.position,
    scope: r.scope,
    poolId: r.pool_id,
    trigger: r.trigger,
    days: r.days,
    grade: r.grade,
    followUpKinds: r.follow_up_kinds,
    minSpacingHours: r.min_spacing_hours,
    exemptWon: r.exempt_won,
    exemptOpenOpportunity: r.exempt_open_opportunity,
    remindDays: r.remind_days,
    escalateDays: r.escalate_days,
  };
}

export interface ProtectedClaim {
  claimId: string;
  accountId: string;
  userId: string;
  startedAt: string;
  regionCode: string | null;
  grade: 'A' | 'B' | 'C' | null;
  wonAt: string | null;
}

/**
 * The deadline of each protected claim: the recovery rules whose scope covers the customer (a global rule,
 * or a rule returning to a pool whose regions and team cover it and its holder), applied to its facts.
 */
export async function computeDeadlines(
  db: Executor,
  ctx: RecoveryContext,
  claims: readonly ProtectedClaim[],
): Promise<Map<string, ProtectionOutcome>> {
  const out = new Map<string, ProtectionOutcome>();
  if (claims.length === 0) return out;
  // The holders' teams matter only to a rule returning to a pool that serves one team.
  const byTeam = ctx.rules.some((r) => r.scope !== 'global' && !!ctx.pools.get(r.poolId)?.team_id);
  const [inputs, teams] = await Promise.all([
    repo.protectionInputs(
      db,
      claims.map((c) => ({ accountId: c.accountId, userId: c.userId, since: c.startedAt })),
    ),
    byTeam
      ? repo.usersTeams(db, [...new Set(claims.map((c) => c.userId))])
      : new Map<string, string | null>(),
  ]);
  for (const c of claims) {
    const chain = teamChain(teams.get(c.userId) ?? null, ctx.teamParents);
    const rules = ctx.rules.filter((r) => {
      if (r.scope === 'global') return true;
      const pool = ctx.pools.get(r.poolId);
      return (
        !!pool &&
        inPoolScope(
          {
            regionCodes: pool.region_prefixes,
            excludedRegionCodes: pool.excluded_region_prefixes,
            teamId: pool.team_id,
          },
          { regionCode: c.regionCode },
          chain,
        )
      );
    });
    const opp = inputs.opportunities.get(c.accountId);
    out.set(
      c.claimId,
      protectionDeadline(
        rules,
        {
          claimStartedAt: c.startedAt,
          grade: c.grade,
          wonAt: c.wonAt,
          openOpportunities: opp?.open ?? 0,
          followUps: inputs.followUps.get(c.accountId) ?? [],
          lastOpportunityAt: opp?.lastAt ?? null,
        },
        ctx.timeZone,
      ),
    );
  }
  return out;
}

export const deadlineRule = (d: Deadline | null) => (d ? JSON.stringify(d) : null);

/** Recomputes and stores the deadlines of the given accounts' open protected claims. */
export async function storeDeadlines(db: Executor, ctx: RecoveryContext, claims: readonly ProtectedClaim[]) {
  const outcomes = await computeDeadlines(db, ctx, claims);
  await repo.setDeadlines(
    db,
    claims.map((c) => {
      const d = outcomes.get(c.claimId)?.deadline ?? null;
      return { claimId: c.claimId, endsAt: d?.endsAt ?? null, rule: deadlineRule(d) };
    }),
  );
  return outcomes;
}
