export {
  findRegion,
  parseRegion,
  REGION_TREE,
  regionFromNames,
  regionNames,
  regionPrefix,
} from './regions.js';
export { regionRoutes } from './regions.routes.js';
