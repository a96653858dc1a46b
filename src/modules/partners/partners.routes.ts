import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import * as settings from './partner-settings.service.js';
import * as partners from './partners.service.js';
import {
  applicationBody,
  applicationReply,
  certificationBody,
  certificationTypeSchema,
  checklistBody,
  checklistItemSchema,
  createChecklistItemBody,
  createPartnerBody,
  inviteBody,
  inviteReply,
  listPartnersQuery,
  partnerDetailSchema,
  partnerSchema,
  statusBody,
  statusReply,
  tierSchema,
  updatePartnerBody,
  updateTierBody,
} from './partners.schema.js';

/** Applications per minute per client address: enough for a person, too few to enumerate with. */
const APPLICATIONS_PER_MINUTE = 5;

export function partnerRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];

  r.post(
    '/api/v1/partner-applications',
    {
      config: { access: 'public', rateLimit: { max: APPLICATIONS_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Apply to become a partner (public; the answer is the same whatever the company)',
        body: applicationBody,
        response: responses({ 202: applicationReply }),
      },
    },
    async (request, reply) =>
      reply.status(202).send(await partners.applyAsPartner(db, request.id, request.body)),
  );

  r.get(
    '/api/v1/partners',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary: 'Partners in the caller’s sight (a partner’s people: their own)',
        querystring: listPartnersQuery,
        response: responses({ 200: pageOf(partnerSchema) }),
      },
    },
    async (request) => partners.listPartners(db, request.ctx, request.query),
  );

  r.post(
    '/api/v1/partners',
    {
      config: { access: 'partners:manage' },
      schema: {
        tags,
        summary: 'Enter a partner (an applicant, admitted through the identity engine)',
        body: createPartnerBody,
        response: responses({ 201: partnerDetailSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await partners.createPartner(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/partners/:id',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary: 'A partner with its checklist, certifications and lifecycle history',
        params: idParams,
        response: responses({ 200: partnerDetailSchema }),
      },
    },
    async (request) => partners.getPartnerDetail(db, request.ctx, request.params.id),
  );

  r.patch(
    '/api/v1/partners/:id',
    {
      config: { access: 'partners:manage' },
      schema: {
        tags,
        summary: 'Change the tier (with a reason), the channel manager or the contact',
        params: idParams,
        body: updatePartnerBody,
        response: responses({ 200: partnerDetailSchema }),
      },
    },
    async (request) => partners.updatePartner(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/partners/:id/status',
    {
      config: { access: 'partners:manage' },
      schema: {
        tags,
        summary: 'Move a partner along its lifecycle; terminating hands its customers over',
        params: idParams,
        body: statusBody,
        response: responses({ 200: statusReply }),
      },
    },
    async (request) => partners.changePartnerStatus(db, request.ctx, request.params.id, request.body),
  );

  r.put(
    '/api/v1/partners/:id/checklist/:itemId',
    {
      config: { access: 'partners:manage' },
      schema: {
        tags,
        summary: 'Tick or untick an onboarding checklist item',
        params: z.strictObject({ id: z.uuid(), itemId: z.uuid() }),
        body: checklistBody,
        response: responses({ 200: partnerDetailSchema }),
      },
    },
    async (request) =>
      partners.setChecklistItem(db, request.ctx, request.params.id, request.params.itemId, request.body),
  );

  r.post(
    '/api/v1/partners/:id/certifications',
    {
      config: { access: 'partners:manage' },
      schema: {
        tags,
        summary: 'Record a certification with its expiry',
        params: idParams,
        body: certificationBody,
        response: responses({ 201: partnerDetailSchema }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await partners.addCertification(db, request.ctx, request.params.id, request.body)),
  );

  r.post(
    '/api/v1/partners/:id/users',
    {
      config: { access: 'partners:invite' },
      schema: {
        tags,
        summary: 'Invite a person of this partner (partner_admin or partner_user)',
        params: idParams,
        body: inviteBody,
        response: responses({ 201: inviteReply }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await partners.invitePartnerUser(db, request.ctx, request.params.id, request.body)),
  );

  r.get(
    '/api/v1/partner-tiers',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary: 'Partner tiers',
        response: responses({ 200: z.object({ items: z.array(tierSchema) }) }),
      },
    },
    async () => settings.listTiers(db),
  );

  r.patch(
    '/api/v1/partner-tiers/:id',
    {
      config: { access: 'partners:configure' },
      schema: {
        tags,
        summary: 'Change a tier’s protection period or auto-approval rules',
        params: idParams,
        body: updateTierBody,
        response: responses({ 200: tierSchema }),
      },
    },
    async (request) => settings.updateTier(db, request.ctx, request.params.id, request.body),
  );

  r.get(
    '/api/v1/partner-checklist-items',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary: 'The onboarding checklist',
        response: responses({ 200: z.object({ items: z.array(checklistItemSchema) }) }),
      },
    },
    async () => settings.listChecklistItems(db),
  );

  r.post(
    '/api/v1/partner-checklist-items',
    {
      config: { access: 'partners:configure' },
      schema: {
        tags,
        summary: 'Add an item to the onboarding checklist',
        body: createChecklistItemBody,
        response: responses({ 201: checklistItemSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await settings.createChecklistItem(db, request.ctx, request.body)),
  );

  r.get(
    '/api/v1/partner-certification-types',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary: 'Certification types (required ones suspend registration rights when they lapse)',
        response: responses({ 200: z.object({ items: z.array(certificationTypeSchema) }) }),
      },
    },
    async () => settings.listCertificationTypes(db),
  );
}
