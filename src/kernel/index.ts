/**
 * The kernel every module stands on: the unit of work (one transaction with its audit entries, decisions and
 * events), decisions as data, typed events, leased jobs, the audit chain, and visibility policies.
 */
export {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type AuditAction,
  type AuditEntityType,
} from './audit-actions.js';
export { runWork, isRetryable, LockOrderError, RetryWork, type AuditEntry, type Work } from './work.js';
export {
  DECISION_KINDS,
  evidence,
  type Decision,
  type DecisionKind,
  type Evidence,
  type Json,
  type JsonObject,
  type RuleRef,
} from './decision.js';
export { EVENT_NAMES, EVENT_SCHEMAS, type EventName, type EventPayload } from './events.js';
export {
  backoffSeconds,
  enqueueJob,
  findJob,
  runNextJob,
  startWorker,
  type JobContext,
  type JobFailure,
  type JobHandler,
  type JobMessage,
  type JobProgress,
  type JobRow,
  type Recurring,
  type Worker,
} from './jobs.js';
export {
  auditCheckpointJob,
  auditSealJob,
  eventDispatchJob,
  eventPurgeJob,
  type EventSubscriber,
} from './sweeps.js';
export {
  AUDIT_PROBLEM_CODES,
  GENESIS_HASH,
  sealAudit,
  verifyAudit,
  type AuditProblem,
  type AuditReport,
  type SealOptions,
} from './audit-chain.js';
export { loadAuditSigner, newAuditKeyPem, trustedKeys, type AuditSigner } from './audit-key.js';
export { canonicalize, normalizeJson } from './canonical-json.js';
export {
  writeSheets,
  writeTable,
  type CellValue,
  type Column,
  type Sheet,
  type TableFormat,
} from './table-writer.js';
export { csvField, csvQuote, neutralizeCell } from './spreadsheet.js';
export { storableText, unstorableAt } from './storable-text.js';
export {
  editable,
  POLICY_ENTITIES,
  teamSubtree,
  visible,
  type Condition,
  type Entity,
} from './visibility.js';
export { assertEditable, visibleIds, type NamedEntity } from './visibility.repo.js';
export { allocate, shareOf } from './allocate.js';
