import type { AccountStatus } from '../../api/types.js';

export const ACCOUNT_STATUS_COLORS: Record<AccountStatus, string> = {
  active: 'green',
  archived: 'default',
  merged: 'purple',
};

/** Verdicts of the entry check ('different') and of import clusters ('unique') share one scale. */
export const VERDICT_COLORS: Record<string, string> = {
  same: 'red',
  possible: 'orange',
  different: 'default',
  unique: 'default',
};
