/**
 * Assignment rules: who should hold an account, by the published rule set (`assignAccount`, inside the
 * caller's unit of work), and what a rule set would change (`whatIf`). The ownership module records the
 * claims and decisions; this module decides and explains.
 */
export {
  assignAccount,
  lockCursorsFor,
  storedAccounts,
  type AccountToAssign,
  type AssignOptions,
} from './assign.js';
export { applyJob, type MoveAccounts } from './apply.js';
export { whatIf, type Move, type WhatIf } from './what-if.js';
export { assignmentRoutes } from './assignment.routes.js';
export type { Assignment, AssignmentTarget } from './engine.js';
export type { AssignTrigger } from './assignment.schema.js';
