import { regionPrefix } from '../regions/index.js';

/** Where a pool draws from: GB/T 2260 codes included and excluded, and a team whose subtree it serves. */
export interface PoolScope {
  regionCodes: readonly string[];
  excludedRegionCodes: readonly string[];
  teamId: string | null;
}

/**
 * Is a customer within a pool's scope? Its region code must fall under an included code (if any are set)
 * and under no excluded one; its holder must sit in the pool's team subtree (if one is set). A customer
 * with no region code is outside a pool that names regions — a guess would send it to the wrong pool.
 */
export function inPoolScope(
  scope: PoolScope,
  account: { regionCode: string | null },
  holderTeams: readonly string[],
): boolean {
  const code = account.regionCode;
  if (
    scope.regionCodes.length > 0 &&
    !(code && scope.regionCodes.some((c) => code.startsWith(regionPrefix(c))))
  )
    return false;
  if (code && scope.excludedRegionCodes.some((c) => code.startsWith(regionPrefix(c)))) return false;
  return !scope.teamId || holderTeams.includes(scope.teamId);
}

/** A team and every team above it. */
export function teamChain(teamId: string | null, parents: ReadonlyMap<string, string | null>): string[] {
  const chain: string[] = [];
  for (let t = teamId; t && !chain.includes(t); t = parents.get(t) ?? null) chain.push(t);
  return chain;
}
