export { auditKeyFile, auditSetup, type AuditSetup } from './audit.config.js';
export { verifyAuditTrail } from './audit.service.js';
export { iterateAuditRows, type AuditFilter } from './audit.repo.js';
