import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import {
  approveBody,
  availabilityBody,
  availabilitySchema,
  createRegistrationBody,
  decideExtensionBody,
  extensionBody,
  listRegistrationsQuery,
  reasonBody,
  rejectBody,
  registrationSchema,
  registrationSettingsSchema,
  timelineSchema,
  updateRegistrationBody,
  updateSettingsBody,
} from './registrations.schema.js';
import * as service from './registrations.service.js';
import * as review from './review.service.js';
import { getTimeline } from './timeline.service.js';

export function registrationRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registrations'];
  const one = { params: idParams, response: responses({ 200: registrationSchema }) };

  r.get(
    '/api/v1/registrations',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Deal registrations in sight: a partner’s own, or every one for the channel; queue=true is the review queue',
        querystring: listRegistrationsQuery,
        response: responses({ 200: pageOf(registrationSchema) }),
      },
    },
    async (request) => service.listRegistrations(db, request.ctx, request.query),
  );
  r.post(
    '/api/v1/registrations',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary: 'Draft a deal registration: the end customer and the deal',
        body: createRegistrationBody,
        response: responses({ 201: registrationSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createRegistration(db, request.ctx, request.body)),
  );
  r.post(
    '/api/v1/registrations/availability',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary:
          'Is this customer available to me? A code and a date at most, never who holds it; rate-limited per user',
        body: availabilityBody,
        response: responses({ 200: availabilitySchema }),
      },
    },
    async (request) => review.checkAvailability(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/registrations/settings',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'The organisation’s registration rules',
        response: responses({ 200: registrationSettingsSchema }),
      },
    },
    async () => review.getSettings(db),
  );
  r.patch(
    '/api/v1/registrations/settings',
    {
      config: { access: 'registrations:review' },
      schema: {
        tags,
        summary: 'Change the registration rules (until partner tiers carry their own)',
        body: updateSettingsBody,
        response: responses({ 200: registrationSettingsSchema }),
      },
    },
    async (request) => review.updateSettings(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/registrations/:id',
    { config: { access: 'accounts:read' }, schema: { tags, summary: 'One registration', ...one } },
    async (request) => service.getRegistration(db, request.ctx, request.params.id),
  );
  r.get(
    '/api/v1/registrations/:id/timeline',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'What happened to one registration, oldest first: each step’s status, protection and reason; decisions for the channel only',
        params: idParams,
        response: responses({ 200: timelineSchema }),
      },
    },
    async (request) => getTimeline(db, request.ctx, request.params.id),
  );
  r.patch(
    '/api/v1/registrations/:id',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary: 'Edit a draft or a registration returned for information',
        body: updateRegistrationBody,
        ...one,
      },
    },
    async (request) => service.updateRegistration(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/registrations/:id/submit',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary:
          'Submit (or resubmit) for matching: refused with a reason, approved, or waiting for a reviewer',
        ...one,
      },
    },
    async (request) => service.submitRegistration(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/registrations/:id/withdraw',
    {
      config: { access: 'registrations:submit' },
      schema: { tags, summary: 'Withdraw; an approved one returns the customer', body: reasonBody, ...one },
    },
    async (request) => review.withdrawRegistration(db, request.ctx, request.params.id, request.body.reason),
  );
  r.post(
    '/api/v1/registrations/:id/extension',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary: 'Ask for more protected days before the protection ends',
        body: extensionBody,
        ...one,
      },
    },
    async (request) => review.requestExtension(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/registrations/:id/extension/decide',
    {
      config: { access: 'registrations:review' },
      schema: {
        tags,
        summary: 'Grant or decline the extension asked for',
        body: decideExtensionBody,
        ...one,
      },
    },
    async (request) => review.decideExtension(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/registrations/:id/approve',
    {
      config: { access: 'registrations:review' },
      schema: {
        tags,
        summary: 'Approve one step; the last admits the customer to the partner and opens the deal',
        body: approveBody,
        ...one,
      },
    },
    async (request) => review.approveRegistration(db, request.ctx, request.params.id, request.body.note),
  );
  r.post(
    '/api/v1/registrations/:id/return',
    {
      config: { access: 'registrations:review' },
      schema: { tags, summary: 'Return to the partner for information', body: reasonBody, ...one },
    },
    async (request) => review.returnRegistration(db, request.ctx, request.params.id, request.body.reason),
  );
  r.post(
    '/api/v1/registrations/:id/reject',
    {
      config: { access: 'registrations:review' },
      schema: {
        tags,
        summary: 'Reject with a reason code and a note the partner reads',
        body: rejectBody,
        ...one,
      },
    },
    async (request) =>
      review.rejectRegistration(db, request.ctx, request.params.id, request.body.reason, request.body.code),
  );
  r.post(
    '/api/v1/registrations/:id/won',
    {
      config: { access: 'registrations:review' },
      schema: {
        tags,
        summary: 'The deal was won: the partner keeps the customer',
        body: approveBody,
        ...one,
      },
    },
    async (request) => review.closeRegistration(db, request.ctx, request.params.id, { status: 'won' }),
  );
  r.post(
    '/api/v1/registrations/:id/lost',
    {
      config: { access: 'registrations:review' },
      schema: { tags, summary: 'The deal was lost: the customer returns', body: reasonBody, ...one },
    },
    async (request) =>
      review.closeRegistration(db, request.ctx, request.params.id, {
        status: 'lost',
        reason: request.body.reason,
      }),
  );
}
