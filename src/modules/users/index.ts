export {
  createUser,
  getOwnUser,
  insertNewUser,
  prepareUser,
  setOwnLanguage,
  toUser,
} from './users.service.js';
export {
  countUsers,
  findUsersByLogin,
  findVisibleUser,
  iterateVisibleUsers,
  type UserFilter,
} from './users.repo.js';
