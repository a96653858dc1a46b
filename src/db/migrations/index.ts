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
import * as m0014 from './0014_assignrun.js';
import * as m0015 from './0015_pool_priority.js';
import * as m0018 from './0018_ownership_sweep_index.js';
import * as m0020 from './0020_registrations.js';
import * as m0016 from './0016_partners.js';
import * as m0017 from './0017_territories.js';
import * as m0021 from './0021_cases.js';
import * as m0022 from './0022_registration_reminders.js';
import * as m0023 from './0023_transactions.js';
import * as m0024 from './0024_commission.js';
import * as m0025 from './0025_commission_alerts.js';
import * as m0026 from './0026_audit_xact.js';
import * as m0027 from './0027_registration_attachments.js';
import * as m0028 from './0028_attachment_quota.js';

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
  '0014_assignrun': m0014,
  '0015_pool_priority': m0015,
  '0018_ownership_sweep_index': m0018,
  '0020_registrations': m0020,
  '0016_partners': m0016,
  '0017_territories': m0017,
  '0021_cases': m0021,
  '0022_registration_reminders': m0022,
  '0023_transactions': m0023,
  '0024_commission': m0024,
  '0025_commission_alerts': m0025,
  '0026_audit_xact': m0026,
  '0027_registration_attachments': m0027,
  '0028_attachment_quota': m0028,
};
