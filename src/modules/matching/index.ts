/**
 * Customer matching, pure: normalisation, blocking keys, scoring, bulk de-duplication, reading lists. The
 * accounts and imports modules store and query what this computes.
 */
export { clusterFileInThread, type ClusterThreadOptions } from './cluster-file-thread.js';
export type { ClusteredFile, ClusteredRow, ClusterFileOptions } from './cluster-file.js';
export { dedupeFeatures } from './dedupe.js';
export { EVIDENCE_CODES, type EvidenceCode, type MatchEvidence } from './evidence.js';
export { refusalProblem } from './file-refusal.js';
export { blockingKeys, keyKind } from './keys.js';
export { normalizeRecord, type Features, type RecordInput } from './normalize.js';
export { formatPhone } from './phone-format.js';
export { normalizePhone } from './phone.js';
export { websiteDomain } from './domain.js';
export { SPELLINGS as COLUMN_SPELLINGS, type InputField } from './input-columns.js';
export { FILE_NOTES, readRecords, type InputProblem, type InputProblemCode } from './read-records.js';
export {
  DEFAULT_THRESHOLDS,
  scoreConfig,
  scorePair,
  type MatchResult,
  type MatchThresholds,
  type Verdict,
} from './score.js';
export { searchKeys, searchText } from './search.js';
export { normalizeUscc, usccCheckChar } from './uscc.js';
export { ARCHIVE_LIMITS, type ArchiveLimits } from './xlsx-archive.js';
export { readRawRows, type RawRow } from './read-records.js';
