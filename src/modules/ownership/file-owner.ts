import type { Actor } from '../access/index.js';
import type { FileOwnerProblem } from './ownership.schema.js';

/** The user a file's owner column names, as the importer's scope sees them. */
export interface NamedOwner {
  id: string;
  status: string;
  /** Within the importer's data scope (for a manager: their team's subtree). */
  inScope: boolean;
}

/**
 * May this importer hand a customer to the user a file names? Whoever acts over everyone (admin, sales ops)
 * may name any active user; a manager only users within their team's scope; anyone else (a rep, a partner)
 * assigns no one — the column is then reported on each row rather than silently ignored.
 */
export function fileOwnerProblem(actor: Actor, named: NamedOwner | undefined): FileOwnerProblem | null {
  if (!named) return 'OWNER_UNKNOWN';
  if (named.status !== 'active') return 'OWNER_INACTIVE';
  switch (actor.scope) {
    case 'all':
      return null;
    case 'team':
      return named.inScope ? null : 'OWNER_NOT_ALLOWED';
    case 'own':
    case 'partner':
      return 'OWNER_NOT_ALLOWED';
  }
}
