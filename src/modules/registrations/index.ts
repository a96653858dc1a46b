import type { JobHandler } from '../../kernel/index.js';
import { remindExpiring } from './reminders.js';
import { expireDue } from './review.service.js';

export { attachmentRoutes } from './attachments.routes.js';
export { registrationRoutes } from './registrations.routes.js';
export { channelPolicy, type RegistrationPolicy } from './registration-policy.js';
export {
  lockRegistrationCustomer,
  protectRegistrationByCase,
  refuseRegistrationByCase,
  registrationFacts,
  type CaseRef,
  type RegistrationFacts,
} from './arbitration.js';

/** Registrations past their protection without a win lapse and return their customers (every 15 minutes). */
export const registrationExpiryJob: JobHandler = {
  kind: 'registrations.expire',
  lane: 'system',
  leaseSeconds: 600,
  run: async (job) =>
    (await job.work((w) => expireDue(w))) >= 500 && !job.signal.aborted ? 'again' : 'done',
};

/** Warns partners before their protections end (hourly: thresholds are days, a warning goes out once). */
export const registrationReminderJob: JobHandler = {
  kind: 'registrations.remind',
  lane: 'system',
  leaseSeconds: 600,
  run: async (job) =>
    (await job.work((w) => remindExpiring(w))) >= 500 && !job.signal.aborted ? 'again' : 'done',
};
