import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responses } from '../../http/schemas.js';
import { INDUSTRY_TREE } from './industries.js';

const named = { code: z.string(), zh: z.string(), en: z.string() };

export function industryRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/industries',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['reference'],
        summary: 'The national industry classification (GB/T 4754-2017): sections A–T and divisions 01–97',
        response: responses({
          200: z.object({
            items: z.array(z.object({ ...named, divisions: z.array(z.object(named)) })),
          }),
        }),
      },
    },
    () => ({ items: INDUSTRY_TREE.map((s) => ({ ...s, divisions: [...s.divisions] })) }),
  );
}
