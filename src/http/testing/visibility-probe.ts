import type { Role } from '../../modules/access/index.js';
import type { Caller, World } from './visibility-world.js';

/**
 * How the visibility matrix calls a route: a probe is one request, aimed at an object outside the
 * scope-limited callers' sight, and what a caller who may see that object must get back.
 *
 * Mutating probes are chosen so that a caller who may act gets an answer without changing the world the
 * other cells read (an already merged account to archive, an already undone merge to undo, a value set to
 * what it is): the matrix then checks that every refused call changed nothing at all.
 */

export interface ProbeContext {
  world: World;
  role: Role;
  caller: Caller;
  /** A fresh number per call, for names that must be unique. */
  n: number;
}

export interface ProbeRequest {
  method: string;
  path: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/** Which rows a list's `total` (or a team's memberCount, or the token list) must count. */
export type Count =
  | { of: 'accounts'; where: (row: AccountTruth, w: World) => boolean }
  | { of: 'users'; where: (row: UserTruth, w: World) => boolean }
  | { of: 'imports' }
  | { of: 'audit'; entityId: (w: World) => string }
  | { of: 'decisions'; accountId: (w: World) => string }
  | { of: 'clusters'; importId: (w: World) => string }
  | { of: 'team members' }
  | { of: 'own tokens' }
  | { of: 'access requests' }
  | { of: 'opportunities' }
  | { of: 'quotes' }
  | { of: 'overlap alerts' }
  | { of: 'registrations' }
  | { of: 'partners' }
  | { of: 'cases' };

export interface AccountTruth {
  id: string;
  ownerId: string | null;
  partnerId: string | null;
  status: string;
  /** Legal, English and alias names: what `q` searches. */
  names: string[];
}

export interface UserTruth {
  id: string;
  teamId: string | null;
  partnerId: string | null;
  /** Login, display name and e-mail: what `q` searches. */
  texts: string[];
}

export interface Probe {
  label: string;
  /** The object aimed at: whether the caller may see it decides what the route may answer. */
  target?: (w: World) => string;
  request: (c: ProbeContext) => ProbeRequest;
  /** The answer for a caller who holds the permission and may see the target. */
  allowed: number | ((c: ProbeContext & { permissions: ReadonlySet<string> }) => number);
  /** The answer for a target out of sight; it must equal the answer for a random id. */
  hidden?: number;
  /** The duplicate check: an invisible match is told as `{ verdict, visible: false, owned }`, nothing more. */
  tellsExistence?: true;
  counts?: Count;
  /**
   * Objects the route publishes to every caller it answers, whatever their scope (the distribution report
   * names every internal rep: 公开透明). Their ids and markers may show; nothing else out of sight may.
   */
  publishes?: (w: World) => string[];
  /** Ends the session it is called with: called with a session of its own. */
  endsSession?: true;
}

export const json = (method: string, path: string, body: unknown): ProbeRequest => ({
  method,
  path,
  json: body,
});
export const get = (path: string): ProbeRequest => ({ method: 'GET', path });
/** Rows found by `q=<prefix>`: the whole world, by its markers. */
export const mentions = (texts: string[], w: World) => texts.some((t) => t.toLowerCase().includes(w.prefix));
export const isPartner = (role: Role) => role === 'partner_admin' || role === 'partner_user';
