import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import * as accounts from './accounts.service.js';
import { bulkAccountRoutes } from './accounts.bulk.js';
import { listAccountMerges, mergeAccounts, unmergeAccounts } from './merge.service.js';
import { addContact, archiveContact, setAccountArchived, updateContact } from './contacts.service.js';
import {
  accountDetailSchema,
  accountSchema,
  checkAccountBody,
  contactInput,
  contactSchema,
  createAccountBody,
  accountMergeSchema,
  checkResultSchema,
  createdAccountSchema,
  listAccountsQuery,
  mergeResultSchema,
  updateAccountBody,
} from './accounts.schema.js';

export function accountRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  bulkAccountRoutes(app, db);

  r.get(
    '/api/v1/accounts',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Customer accounts within the caller’s data scope',
        querystring: listAccountsQuery,
        response: responses({ 200: pageOf(accountSchema) }),
      },
    },
    async (request) => accounts.listAccounts(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/accounts/:id',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'One account with its contacts',
        params: idParams,
        response: responses({ 200: accountDetailSchema }),
      },
    },
    async (request) => accounts.getAccount(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/accounts/check',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Duplicate check: is this customer already here? Verdict, matches and reasons',
        body: checkAccountBody,
        response: responses({ 200: checkResultSchema }),
      },
    },
    async (request) => accounts.checkAccount(db, request.ctx, request.body),
  );

  r.post(
    '/api/v1/accounts',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary:
          'Create an account. A duplicate is refused (409 DUPLICATE_ACCOUNT); look-alikes need `confirm.reason` (409 POSSIBLE_DUPLICATE)',
        body: createAccountBody,
        response: responses({ 201: createdAccountSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await accounts.createAccount(db, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/accounts/:id',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Change an account; matching keys are recomputed',
        params: idParams,
        body: updateAccountBody,
        response: responses({ 200: accountSchema }),
      },
    },
    async (request) => accounts.updateAccount(db, request.ctx, request.params.id, request.body),
  );

  const mergeBody = z.strictObject({
    mergedId: z.uuid().describe('the duplicate to fold into this account'),
    reason: z.string().trim().min(1).max(500),
  });

  r.post(
    '/api/v1/accounts/:id/merge',
    {
      config: { access: 'accounts:merge' },
      schema: {
        tags,
        summary:
          'Merge a duplicate into this account: every value kept, contacts and references moved; reversible',
        params: idParams,
        body: mergeBody,
        response: responses({ 200: mergeResultSchema }),
      },
    },
    async (request) =>
      mergeAccounts(db, request.ctx, request.params.id, request.body.mergedId, request.body.reason),
  );

  r.post(
    '/api/v1/accounts/merges/:id/unmerge',
    {
      config: { access: 'accounts:merge' },
      schema: {
        tags,
        summary: 'Take a merge back; edits made to the survivor since are kept',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
        response: responses({
          200: z.object({ survivor: accountSchema, restored: accountSchema.nullable() }),
        }),
      },
    },
    async (request) => unmergeAccounts(db, request.ctx, request.params.id, request.body.reason),
  );

  r.get(
    '/api/v1/accounts/:id/merges',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Merges this account took part in',
        params: idParams,
        response: responses({ 200: z.object({ items: z.array(accountMergeSchema) }) }),
      },
    },
    async (request) => ({ items: await listAccountMerges(db, request.ctx, request.params.id) }),
  );

  const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
  for (const [path, archived, summary] of [
    ['archive', true, 'Archive an account: it leaves lists and duplicate checks'],
    ['restore', false, 'Bring an archived account back'],
  ] as const) {
    r.post(
      `/api/v1/accounts/:id/${path}`,
      {
        config: { access: 'accounts:write' },
        schema: {
          tags,
          summary,
          params: idParams,
          body: reasonBody,
          response: responses({ 200: accountSchema }),
        },
      },
      async (request) =>
        setAccountArchived(db, request.ctx, request.params.id, archived, request.body.reason),
    );
  }

  const contactParams = z.strictObject({ id: z.uuid(), contactId: z.uuid() });
  r.post(
    '/api/v1/accounts/:id/contacts',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Add a contact',
        params: idParams,
        body: contactInput,
        response: responses({ 201: contactSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addContact(db, request.ctx, request.params.id, request.body)),
  );
  r.patch(
    '/api/v1/accounts/:id/contacts/:contactId',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Change a contact',
        params: contactParams,
        body: contactInput.partial(),
        response: responses({ 200: contactSchema }),
      },
    },
    async (request) =>
      updateContact(db, request.ctx, request.params.id, request.params.contactId, request.body),
  );
  r.delete(
    '/api/v1/accounts/:id/contacts/:contactId',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags,
        summary: 'Archive a contact',
        params: contactParams,
        response: responses({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      await archiveContact(db, request.ctx, request.params.id, request.params.contactId);
      return reply.status(204).send(null);
    },
  );
}
