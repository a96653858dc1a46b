export {
  createUser,
  getOwnUser,
  insertNewUser,
  prepareUser,
  setOwnLanguage,
  toUser,
} from './users.service.js';
export { countUsers, findVisibleUser, iterateVisibleUsers, type UserFilter } from './users.repo.js';
