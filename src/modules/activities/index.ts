import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import { followUpRoutes } from './follow-ups.routes.js';
import { opportunityRoutes } from './opportunities.routes.js';
import { priceRoutes } from './prices.routes.js';
import { productRoutes } from './products.routes.js';
import { quoteRoutes } from './quotes.routes.js';

/** Follow-ups, the product catalogue, opportunities and quotes (with the concurrent-quote alert). */
export function activityRoutes(app: FastifyInstance, db: Db) {
  followUpRoutes(app, db);
  productRoutes(app, db);
  priceRoutes(app, db);
  opportunityRoutes(app, db);
  quoteRoutes(app, db);
}

export { logFollowUp } from './follow-ups.service.js';
export { createProduct, createProductLine } from './products.service.js';
export { addPrice, priceFor } from './prices.service.js';
export type { PricedView } from './prices.schema.js';
export { closeOpportunity, createOpportunity, openOpportunity } from './opportunities.service.js';
export { checkedMinor, fromMinor } from './money.js';
export { productsByIds } from './products.repo.js';
export { createQuote, sendQuote } from './quotes.service.js';
export { minorDigits, toBasisPoints, fromBasisPoints, toMinor } from './money.js';
