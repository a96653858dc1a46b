import type { Probe } from './visibility-probe.js';
import { ACCESS_REQUEST_PROBES } from './visibility-probes.access-requests.js';
import { ASSIGNMENT_PROBES } from './visibility-probes.assignment.js';
import { ACTIVITY_PROBES } from './visibility-probes.activities.js';
import { CUSTOMER_PROBES } from './visibility-probes.customers.js';
import { EXPORT_PROBES } from './visibility-probes.exports.js';
import { OWNERSHIP_PROBES } from './visibility-probes.ownership.js';
import { PEOPLE_PROBES } from './visibility-probes.people.js';
import { PARTNER_PROBES } from './visibility-probes.partners.js';
import { REPORT_PROBES } from './visibility-probes.reports.js';
import { REGISTRATION_PROBES } from './visibility-probes.registrations.js';
import { TERRITORY_PROBES } from './visibility-probes.territories.js';
import { CASE_PROBES } from './visibility-probes.cases.js';
import { TRANSACTION_PROBES } from './visibility-probes.transactions.js';
import { COMMISSION_EXTRA_PROBES } from './visibility-probes.commission-extras.js';
import { COMMISSION_PERIOD_PROBES } from './visibility-probes.commission-periods.js';
import { COMMISSION_PROBES } from './visibility-probes.commission-plans.js';

export type { Count, Probe, ProbeContext, ProbeRequest } from './visibility-probe.js';

/**
 * Every route the matrix walks, keyed by `METHOD url`, with the probes that call it. A registered route
 * without an entry fails the matrix, so a new route joins it in the same change.
 */
export const PROBES: Record<string, Probe[]> = {
  ...PEOPLE_PROBES,
  ...CUSTOMER_PROBES,
  ...EXPORT_PROBES,
  ...ACCESS_REQUEST_PROBES,
  ...OWNERSHIP_PROBES,
  ...ASSIGNMENT_PROBES,
  ...ACTIVITY_PROBES,
  ...REPORT_PROBES,
  ...REGISTRATION_PROBES,
  ...PARTNER_PROBES,
  ...TERRITORY_PROBES,
  ...CASE_PROBES,
  ...TRANSACTION_PROBES,
  ...COMMISSION_EXTRA_PROBES,
  ...COMMISSION_PERIOD_PROBES,
  ...COMMISSION_PROBES,
};
