import { permissionsOf, scopeOf, type Permission, type Role } from '../../modules/access/index.js';

/**
 * The visibility rules of `src/kernel/visibility.ts` and `src/modules/access/permissions.ts`, written a
 * second time in plain TypeScript over plain facts. The matrix test computes what each caller should see
 * from this model and compares it with what the routes answer, so a repository that forgets its policy,
 * or applies the wrong one, disagrees with the model instead of with itself.
 */

export interface CallerFacts {
  id: string;
  role: Role;
  teamId: string | null;
  partnerId: string | null;
}

export interface UserFacts {
  id: string;
  teamId: string | null;
  partnerId: string | null;
}

export interface TeamFacts {
  id: string;
  parentId: string | null;
}

export interface AccountFacts {
  ownerId: string | null;
  partnerId: string | null;
}

/** What one caller may see, given every user and team there is. */
export class Sight {
  readonly scope;
  private readonly subtree: Set<string>;
  private readonly usersInScope: Set<string>;

  constructor(
    readonly caller: CallerFacts,
    users: readonly UserFacts[],
    teams: readonly TeamFacts[],
  ) {
    this.scope = scopeOf(caller.role);
    this.subtree = new Set(caller.teamId ? subtreeOf(caller.teamId, teams) : []);
    this.usersInScope = new Set(users.filter((u) => this.inUserScope(u)).map((u) => u.id));
  }

  private inUserScope(user: UserFacts): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'team':
        return user.id === this.caller.id || (user.teamId !== null && this.subtree.has(user.teamId));
      case 'own':
        return user.id === this.caller.id;
      case 'partner':
        return this.caller.partnerId !== null && user.partnerId === this.caller.partnerId;
    }
  }

  user(id: string): boolean {
    return this.scope === 'all' || this.usersInScope.has(id);
  }

  account(account: AccountFacts): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'partner':
        return this.caller.partnerId !== null && account.partnerId === this.caller.partnerId;
      case 'team':
      case 'own':
        return account.ownerId !== null && this.usersInScope.has(account.ownerId);
    }
  }

  import(createdBy: string): boolean {
    return this.user(createdBy);
  }

  /** The trail of what people in scope did (system entries only for scope all). */
  audit(actorId: string | null): boolean {
    return this.scope === 'all' || (actorId !== null && this.usersInScope.has(actorId));
  }

  team(): boolean {
    return this.scope !== 'partner';
  }

  token(ownerId: string): boolean {
    return this.caller.role === 'admin' || ownerId === this.caller.id;
  }

  /** Access requests: one's own; a manager's on customers in its scope; everything for admins and sales ops. */
  accessRequest(request: { requesterId: string; decidedBy?: string | null; account: AccountFacts }): boolean {
    const role = this.caller.role;
    if (role === 'admin' || role === 'sales_ops') return true;
    if (request.requesterId === this.caller.id || request.decidedBy === this.caller.id) return true;
    return role === 'manager' && this.account(request.account);
  }

  /** An opportunity (and its quotes): with its customer, or by its owner in the caller's user scope. */
  opportunity(opportunity: { account: AccountFacts; ownerId: string | null }): boolean {
    return (
      this.account(opportunity.account) || (opportunity.ownerId !== null && this.user(opportunity.ownerId))
    );
  }

  /** A deal registration: the channel (scope all) sees every one, a partner's people their partner's. */
  registration(partnerId: string): boolean {
    if (this.scope === 'all') return true;
    return this.scope === 'partner' && this.caller.partnerId !== null && partnerId === this.caller.partnerId;
  }

  /** An overlap alert: seen by whoever sees either customer it names. */
  overlapAlert(alert: { accounts: readonly AccountFacts[] }): boolean {
    return alert.accounts.some((a) => this.account(a));
  }

  /** A partner: its own people; channel staff by scope — all, or its channel manager in their user scope. */
  partner(partner: { id: string; managerId: string | null }): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'partner':
        return partner.id === this.caller.partnerId;
      case 'team':
      case 'own':
        return partner.managerId !== null && this.usersInScope.has(partner.managerId);
    }
  }

  /** A direct team's territory authorisation: its team's people (a manager's subtree), or scope all. */
  teamAuthorisation(teamId: string): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'team':
        return this.subtree.has(teamId);
      case 'own':
        return this.caller.teamId === teamId;
      case 'partner':
        return false;
    }
  }

  /**
   * A conflict case: the channel (scope all) sees every one; a partner's people the cases their partner is
   * party to; direct staff those whose direct owner is in their user scope.
   */
  case(c: { partnerId: string; otherPartnerId: string | null; directOwnerId: string | null }): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'partner':
        return (
          this.caller.partnerId !== null &&
          (c.partnerId === this.caller.partnerId || c.otherPartnerId === this.caller.partnerId)
        );
      case 'team':
      case 'own':
        return c.directOwnerId !== null && this.usersInScope.has(c.directOwnerId);
    }
  }

  /** A payee on a commission plan: a user payee in the caller's user scope, a partner payee its partner's people. */
  commissionPayee(payee: { userId: string | null; partnerId: string | null }): boolean {
    switch (this.scope) {
      case 'all':
        return true;
      case 'partner':
        return this.caller.partnerId !== null && payee.partnerId === this.caller.partnerId;
      case 'team':
      case 'own':
        return payee.userId !== null && this.usersInScope.has(payee.userId);
    }
  }

  /** A commission plan: every one for scope all and managers; a rep or a partner the plans it sees a payee of. */
  commissionPlan(payees: readonly { userId: string | null; partnerId: string | null }[]): boolean {
    if (this.scope === 'all' || this.scope === 'team') return true;
    return payees.some((p) => this.commissionPayee(p));
  }

  /** A partner's territory authorisation or fence exception: that partner's people, or scope all. */
  partnerAuthorisation(partnerId: string): boolean {
    return this.scope === 'all' || partnerId === this.caller.partnerId;
  }
}

function subtreeOf(root: string, teams: readonly TeamFacts[]): string[] {
  const found = [root];
  for (let i = 0; i < found.length; i++)
    for (const team of teams) if (team.parentId === found[i] && !found.includes(team.id)) found.push(team.id);
  return found;
}

/** The permissions a request carries: the role's, narrowed to a token's scopes when it uses one. */
export function effectivePermissions(role: Role, tokenScopes?: readonly Permission[]): Set<Permission> {
  const granted = permissionsOf(role);
  // A token never acts as the person: profile:write (password, preferences) stays with signed-in sessions.
  return tokenScopes
    ? new Set([...granted].filter((p) => tokenScopes.includes(p) && p !== 'profile:write'))
    : granted;
}
