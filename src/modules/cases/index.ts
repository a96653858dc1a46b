import type { JobHandler } from '../../kernel/index.js';
import { escalateDue } from './cases.service.js';

export { caseRoutes } from './cases.routes.js';
export { openCollisionCase } from './cases.service.js';

/** Open cases past their SLA escalate to the channel manager's manager or sales ops (every 5 minutes). */
export const caseEscalationJob: JobHandler = {
  kind: 'cases.escalate',
  lane: 'system',
  leaseSeconds: 300,
  run: async (job) =>
    (await job.work((w) => escalateDue(w))) >= 200 && !job.signal.aborted ? 'again' : 'done',
};
