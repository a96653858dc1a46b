export {
  actorForJob,
  actorFromUser,
  authenticateBearer,
  authenticateSession,
  createApiToken,
  resetPassword,
} from './auth.service.js';
export {
  deleteExpiredSessions,
  deleteUserSessions as endUserSessions,
  findUserByLogin,
} from './auth.repo.js';
export { generatePassword, hashPassword } from './password.js';
export { passwordProblem } from './password-policy.js';
