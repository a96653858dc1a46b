export { admitCustomer, type Admission, type AdmissionRequest, type CustomerValues } from './admission.js';
export {
  accountFeatures,
  findDuplicates,
  viewMatches,
  type Duplicates,
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
export { accountSearch, prepareCustomer } from './accounts.service.js';
export { admissionKeys } from './admission.js';
export { placeCustomer } from './places.js';
export { openAccessRef } from './access-ref.js';
export { accessRefKey } from './accounts.repo.js';
