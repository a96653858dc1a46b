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
export { reassignJob } from './reassign.js';
export { redateJob } from './rules.service.js';
export { handOverAllOf, type Handover } from './ownership.service.js';
export { recordDuplicateTouches, type DuplicateHit } from './overlap.js';
export {
  grantToRequester,
  lockForGrant,
  tellRequesterDenied,
  type GrantBasis,
  type GrantUnchanged,
} from './request-grant.js';
export { holdForPartner, releasePartnerHold, type PartnerHold } from './partner-claims.js';
export { addDays, localDate, startOfLocalDate } from './deadline.js';
export type { Holder } from './ledger.js';
export { handOverPartnerCustomers, partnerHoldings, type PartnerHandover } from './partner-handover.js';
export {
  notify,
  notifyPartnerPeople,
  NOTIFICATION_KINDS,
  type Notice,
  type NotificationKind,
} from './notifications.js';
