import type { AccountToAssign } from './assign.js';

/** An account as a create in Guangzhou (天河区) would pass it to the rules. For tests. */
export const GUANGZHOU: AccountToAssign = {
  regionCode: '440106',
  industryCode: '65',
  size: 'small',
  source: 'web',
  tags: [],
  parentId: null,
};
