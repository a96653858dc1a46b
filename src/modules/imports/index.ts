export { importJob } from './imports.job.js';
export { findVisibleImport, iterateVisibleClusters } from './imports.repo.js';
export type { ImportRecord } from './imports.schema.js';
