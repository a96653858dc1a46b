export { createTeam } from './teams.service.js';
export { findVisibleTeam } from './teams.repo.js';
