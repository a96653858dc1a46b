export { createUser, getOwnUser, setOwnLanguage, toUser } from './users.service.js';
export { countUsers, findVisibleUser } from './users.repo.js';
