export { importJob } from './imports.job.js';
