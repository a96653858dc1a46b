import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responses } from '../../http/schemas.js';
import { REGION_TREE, type RegionNode } from './regions.js';

const regionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: z.string().describe('GB/T 2260 code: province XX0000, city XXYY00, district XXYYZZ'),
    name: z.string(),
    children: z.array(regionNode).optional(),
  }),
);

export function regionRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/regions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['reference'],
        summary: "China's administrative divisions (GB/T 2260): provinces, their cities and districts",
        response: responses({ 200: z.object({ items: z.array(regionNode) }) }),
      },
    },
    () => ({ items: REGION_TREE as RegionNode[] }),
  );
}
