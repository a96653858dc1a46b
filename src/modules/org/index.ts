export { getOrganization } from './org.service.js';
export { readOrganization } from './org.repo.js';
