export { fileOwnerProblem, type NamedOwner } from './file-owner.js';
export { FILE_OWNER_PROBLEMS, type FileOwnerProblem } from './ownership.schema.js';
export {
  chooseInitialOwner,
  initialOwner,
  openInitialClaim,
  type InitialOwner,
  type OwnerFromFile,
} from './initial-owner.js';
export { refreshProtection } from './refresh.js';
export { ownershipRoutes } from './ownership.routes.js';
export { poolRoutes } from './pools.routes.js';
export { recoveryJob } from './recovery.js';
export { handOverAllOf, type Handover } from './ownership.service.js';
