export { accessRequestRoutes } from './access-requests.routes.js';
