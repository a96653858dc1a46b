/**
 * Transactions (orders, invoices, payments, returns, credit notes), exchange rates, and the credit each
 * transaction earns from the ownership ledger or a manual split. Commission plans build on `credit_lines`.
 */
export { transactionRoutes } from './transactions.routes.js';
export { convertMinor, rateOn } from './exchange.js';
