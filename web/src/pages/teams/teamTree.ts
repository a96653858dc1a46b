/** Team hierarchy helpers: the API lists teams flat, each with its parentId. */

export interface TeamLike {
  id: string;
  name: string;
  parentId: string | null;
}

export interface TeamNode<T extends TeamLike> {
  team: T;
  children: TeamNode<T>[];
}

const byName = <T extends TeamLike>(a: TeamNode<T>, b: TeamNode<T>) =>
  a.team.name.localeCompare(b.team.name) || a.team.id.localeCompare(b.team.id);

/**
 * Builds the forest, children sorted by name. A team whose parent is missing (not visible, or deleted
 * meanwhile) becomes a root, and a parent loop — which the server forbids — is broken rather than dropped,
 * so every team shows up exactly once.
 */
export function buildTeamTree<T extends TeamLike>(teams: readonly T[]): TeamNode<T>[] {
  const nodes = new Map(teams.map((team) => [team.id, { team, children: [] as TeamNode<T>[] }]));
  const roots: TeamNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.team.parentId ? nodes.get(node.team.parentId) : undefined;
    if (parent && !isAncestor(nodes, node.team.id, parent.team.id)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TeamNode<T>[]) => {
    list.sort(byName);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** True when `ancestorId` is reached by walking up from `id` (a loop counts). */
function isAncestor<T extends TeamLike>(
  nodes: Map<string, TeamNode<T>>,
  ancestorId: string,
  id: string,
): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = id;
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = nodes.get(current)?.team.parentId;
  }
  return false;
}

/** The team and everything below it: the places it cannot be moved to. */
export function subtreeIds(teams: readonly TeamLike[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const team of teams) {
    if (team.parentId) children.set(team.parentId, [...(children.get(team.parentId) ?? []), team.id]);
  }
  const result = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

/** "Sales / East / Shanghai": the names from the top down to the team. */
export function teamPath(teams: readonly TeamLike[], id: string): string[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const path: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}
