import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';

/** Filters of the audit trail, for browsing and exporting. */
export const auditQuery = z.strictObject({
  ...pageQuery,
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO-8601'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive, ISO-8601'),
});
