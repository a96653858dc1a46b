import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { responses } from '../../http/schemas.js';
import * as org from './org.service.js';
import { orgSchema, updateOrgBody } from './org.schema.js';

export function orgRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organization'];

  r.get(
    '/api/v1/organization',
    {
      config: { access: 'org:read' },
      schema: { tags, summary: 'Organisation settings', response: responses({ 200: orgSchema }) },
    },
    async () => org.getOrganization(db),
  );

  r.patch(
    '/api/v1/organization',
    {
      config: { access: 'org:write' },
      schema: {
        tags,
        summary: 'Change name, time zone, currency or default language',
        body: updateOrgBody,
        response: responses({ 200: orgSchema }),
      },
    },
    async (request) => org.updateOrganization(db, request.ctx, request.body),
  );
}
