/**
 * Territories and the electronic fence (电子围栏): territory models over region, country and industry codes,
 * authorisations of partners and direct teams, drafts compared before activation, and `checkFence` for deal
 * registration and ordering.
 */
export { territoryRoutes } from './territories.routes.js';
export { checkFence, fenceInForce, type FenceInput } from './fence.service.js';
export {
  decideFence,
  regionContains,
  industryContains,
  type AuthorisedScope,
  type FenceQuery,
  type FenceVerdict,
  type Grant,
} from './fence.js';
export { activateModel, addAuthorisation, createDraft, saveTerritory } from './territories.service.js';
export { grantException, revokeException } from './fence.service.js';
