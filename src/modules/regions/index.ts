export {
  findRegion,
  parseRegion,
  REGION_TREE,
  regionFromNames,
  regionNames,
  regionPrefix,
} from './regions.js';
