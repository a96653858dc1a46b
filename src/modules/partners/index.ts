export {
  assertMayRegister,
  assertPartnerActive,
  getPartner,
  reviewRegistrationRights,
  tierRegistrationTerms,
  type RegistrationTerms,
} from './partners.service.js';
export { mayAct, TRANSITIONS } from './lifecycle.js';
export { certificationJob, lapseDue } from './certifications.js';
export { partnerRoutes } from './partners.routes.js';
export { PARTNER_STATUSES, type Partner, type PartnerStatus, type Tier } from './partners.schema.js';
