export { findIndustry, industryCodesFor, industryFromText, INDUSTRY_TREE, isSection } from './industries.js';
export { industryRoutes } from './industries.routes.js';
