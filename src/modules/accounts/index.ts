export { admitCustomer, type Admission, type AdmissionRequest, type CustomerValues } from './admission.js';
export {
  accountFeatures,
  findDuplicates,
  viewMatches,
  type MatchInput,
  type MatchView,
} from './duplicates.js';
export { findVisibleAccount, visibleAccountIds } from './accounts.repo.js';
export { admissionKeys } from './admission.js';
