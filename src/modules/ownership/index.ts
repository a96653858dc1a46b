export { fileOwnerProblem, type NamedOwner } from './file-owner.js';
export { FILE_OWNER_PROBLEMS, type FileOwnerProblem } from './ownership.schema.js';
export { initialOwner, openInitialClaim, type InitialOwner, type OwnerFromFile } from './initial-owner.js';
export { refreshProtection } from './protection.js';
