import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import { payeeRoutes } from './payees.routes.js';
import { planRoutes } from './plans.routes.js';
import { targetRoutes } from './targets.routes.js';

/**
 * Commission: plans and their amendments, periods, statements, adjustments, disputes. Reads credit from the
 * transactions module; never writes it. See docs/commission.md.
 */
export { commissionPeriodRoutes } from './periods.routes.js';
export {
  calculatePeriod,
  earnings,
  trueUp,
  type Fact,
  type PayeeInput,
  type PayeeResult,
} from './calculate.js';
export { planRules, tierProblems, type PlanRules } from './rules.js';

/**
 * Plan configuration: plans with effective-dated versions (amendments, 补充协议), payees and their sign-off,
 * targets per payee and period (money in minor units, units as units) and index values for dynamic targets.
 */
export function commissionPlanRoutes(app: FastifyInstance, db: Db) {
  planRoutes(app, db);
  payeeRoutes(app, db);
  targetRoutes(app, db);
}

export { versionInForce } from './plans.repo.js';
export { targetFor } from './targets.repo.js';
