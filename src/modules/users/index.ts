export {
  createUser,
  getOwnUser,
  insertNewUser,
  prepareUser,
  setOwnLanguage,
  toUser,
} from './users.service.js';
export { countUsers, findVisibleUser } from './users.repo.js';
