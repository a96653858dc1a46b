export { admitCustomer, type Admission, type AdmissionRequest, type CustomerValues } from './admission.js';
export {
  accountFeatures,
  findDuplicates,
  viewMatches,
  type MatchInput,
  type MatchView,
} from './duplicates.js';
export {
  findVisibleAccount,
  iterateVisibleAccounts,
  iterateVisibleContacts,
  visibleAccountIds,
  type AccountFilter,
} from './accounts.repo.js';
export { accountSearch } from './accounts.service.js';
export { admissionKeys } from './admission.js';
export { placeCustomer } from './places.js';
