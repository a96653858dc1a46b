export { auditKeyFile, auditSetup, type AuditSetup } from './audit.config.js';
export { iterateNamedAuditRows, verifyAuditTrail } from './audit.service.js';
export type { AuditFilter } from './audit.repo.js';
export { entityHistory } from './audit.repo.js';
