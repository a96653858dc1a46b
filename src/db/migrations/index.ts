import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_accounts.js';
import * as m0003 from './0003_account_merges.js';
import * as m0004 from './0004_imports.js';
import * as m0005 from './0005_match_thresholds.js';
import * as m0006 from './0006_kernel.js';
import * as m0007 from './0007_security.js';
import * as m0008 from './0008_codes.js';
import * as m0009 from './0009_access_requests.js';
import * as m0010 from './0010_ownership.js';
import * as m0011 from './0011_assignment.js';
import * as m0012 from './0012_activities.js';

/** Every migration in order. Names are permanent once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_accounts': m0002,
  '0003_account_merges': m0003,
  '0004_imports': m0004,
  '0005_match_thresholds': m0005,
  '0006_kernel': m0006,
  '0007_security': m0007,
  '0008_codes': m0008,
  '0009_access_requests': m0009,
  '0010_ownership': m0010,
  '0011_assignment': m0011,
  '0012_activities': m0012,
};
