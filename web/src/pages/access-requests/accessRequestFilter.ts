import type { AccessRequest, AccessRequestStatus } from '../../api/types.js';

export const ACCESS_REQUEST_FILTERS = ['open', 'all', 'mine'] as const;
export type AccessRequestFilter = (typeof ACCESS_REQUEST_FILTERS)[number];

/** The list query a filter tab stands for. */
export function filterQuery(filter: AccessRequestFilter): {
  status?: AccessRequestStatus;
  mine?: boolean;
} {
  switch (filter) {
    case 'open':
      return { status: 'open' };
    case 'mine':
      return { mine: true };
    case 'all':
      return {};
  }
}

/** What the caller may do with a request: decide it (not its own), or withdraw it (its own). */
export function requestActions(request: AccessRequest, canDecide: boolean) {
  const open = request.status === 'open';
  return { decide: open && canDecide && !request.mine, withdraw: open && request.mine };
}
