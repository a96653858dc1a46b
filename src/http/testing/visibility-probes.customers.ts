import type { Probe } from './visibility-probe.js';
import { get, json, mentions } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const q = (w: World) => encodeURIComponent(w.prefix);
/** B as someone else types it: the same registered name, USCC and phone. */
const likeB = (w: World) => ({ legalName: w.accounts.b.legalName, uscc: w.usccB, phones: [w.phoneB] });
const likeP2 = (w: World) => ({ legalName: w.accounts.p2.legalName, phones: w.accounts.p2.phones });

/** Probes of customers (accounts, contacts, merges), imports and decisions. */
export const CUSTOMER_PROBES: Record<string, Probe[]> = {
  // ---- accounts
  'GET /api/v1/accounts': [
    {
      label: 'search the world',
      request: ({ world }) => get(`/api/v1/accounts?q=${q(world)}&limit=200`),
      allowed: 200,
      counts: { of: 'accounts', where: (a, w) => a.status === 'active' && mentions(a.names, w) },
    },
    {
      label: 'owned by team B rep',
      request: ({ world }) => get(`/api/v1/accounts?ownerId=${world.users.repB.id}&status=merged`),
      allowed: 200,
      counts: { of: 'accounts', where: (a, w) => a.status === 'merged' && a.ownerId === w.users.repB.id },
    },
  ],
  'GET /api/v1/accounts/:id': [
    {
      label: 'B',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}`),
      allowed: 200,
    },
    {
      label: 'P2’s customer',
      target: (w) => w.accounts.p2.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.p2.id}`),
      allowed: 200,
    },
    {
      label: 'A1’s customer, a subsidiary of B',
      target: (w) => w.accounts.a1.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.a1.id}`),
      allowed: 200,
    },
    {
      label: 'the rep’s customer, merged into B',
      target: (w) => w.accounts.mergedIntoB.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.mergedIntoB.id}`),
      allowed: 200,
    },
  ],
  'POST /api/v1/accounts/check': [
    {
      label: 'B typed again',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => json('POST', '/api/v1/accounts/check', likeB(world)),
      allowed: 200,
      tellsExistence: true,
    },
    {
      label: 'P2’s customer typed again',
      target: (w) => w.accounts.p2.id,
      request: ({ world }) => json('POST', '/api/v1/accounts/check', likeP2(world)),
      allowed: 200,
      tellsExistence: true,
    },
  ],
  'POST /api/v1/accounts': [
    {
      label: 'B created again',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => json('POST', '/api/v1/accounts', likeB(world)),
      allowed: 409,
      tellsExistence: true,
    },
    {
      label: 'P2’s customer created again',
      target: (w) => w.accounts.p2.id,
      request: ({ world }) => json('POST', '/api/v1/accounts', likeP2(world)),
      allowed: 409,
      tellsExistence: true,
    },
    {
      label: 'a subsidiary of B',
      target: (w) => w.accounts.b.id,
      request: ({ world, n }) =>
        json('POST', '/api/v1/accounts', {
          legalName: `探针${n}号子公司有限公司`,
          parentId: world.accounts.b.id,
          confirm: { reason: 'probe' },
        }),
      allowed: 201,
      hidden: 400,
    },
  ],
  'PATCH /api/v1/accounts/:id': [
    {
      label: 'B',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => json('PATCH', `/api/v1/accounts/${world.accounts.b.id}`, { industry: 'probe' }),
      allowed: 200,
    },
    {
      label: 'P2’s customer',
      target: (w) => w.accounts.p2.id,
      request: ({ world }) =>
        json('PATCH', `/api/v1/accounts/${world.accounts.p2.id}`, { industry: 'probe' }),
      allowed: 200,
    },
    {
      label: 'one’s own renamed to be B',
      target: (w) => w.accounts.b.id,
      request: ({ world, role }) => json('PATCH', `/api/v1/accounts/${world.own[role].id}`, likeB(world)),
      allowed: 409,
      tellsExistence: true,
    },
  ],
  'POST /api/v1/accounts/:id/merge': [
    {
      label: 'into B, its merged duplicate',
      target: (w) => w.accounts.b.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.b.id}/merge`, {
          mergedId: world.accounts.duplicateB.id,
          reason: 'probe',
        }),
      allowed: 409,
    },
    {
      label: 'B’s merged duplicate into one’s own',
      target: (w) => w.accounts.duplicateB.id,
      request: ({ world, role }) =>
        json('POST', `/api/v1/accounts/${world.own[role].id}/merge`, {
          mergedId: world.accounts.duplicateB.id,
          reason: 'probe',
        }),
      allowed: 409,
    },
  ],
  'POST /api/v1/accounts/merges/:id/unmerge': [
    {
      label: 'B’s undone merge',
      target: (w) => w.merges.undone,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/merges/${world.merges.undone}/unmerge`, { reason: 'probe' }),
      allowed: 409,
    },
  ],
  'GET /api/v1/accounts/:id/merges': [
    {
      label: 'B',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}/merges`),
      allowed: 200,
    },
    {
      label: 'one’s own, folded from another’s import',
      target: (w) => w.own.rep.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.own.rep.id}/merges`),
      allowed: 200,
    },
    {
      label: 'the rep’s customer, merged into B',
      target: (w) => w.accounts.mergedIntoB.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.mergedIntoB.id}/merges`),
      allowed: 200,
    },
    {
      label: 'A1’s customer, B’s merged into it',
      target: (w) => w.accounts.survivorA1.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.survivorA1.id}/merges`),
      allowed: 200,
    },
  ],
  'POST /api/v1/accounts/:id/archive': [
    {
      label: 'B’s merged duplicate',
      target: (w) => w.accounts.duplicateB.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.duplicateB.id}/archive`, { reason: 'probe' }),
      allowed: 409,
    },
  ],
  // Refusals are answers (200, each id with its code): an id out of sight is told exactly as a missing one.
  'POST /api/v1/accounts/archive': [
    {
      label: 'B’s merged duplicate',
      target: (w) => w.accounts.duplicateB.id,
      request: ({ world }) =>
        json('POST', '/api/v1/accounts/archive', { ids: [world.accounts.duplicateB.id], reason: 'probe' }),
      allowed: 200,
      hidden: 200,
    },
  ],
  'POST /api/v1/accounts/:id/restore': [
    {
      label: 'B, active',
      target: (w) => w.accounts.b.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.b.id}/restore`, { reason: 'probe' }),
      allowed: 409,
    },
  ],
  'POST /api/v1/accounts/:id/contacts': [
    {
      label: 'B’s merged duplicate',
      target: (w) => w.accounts.duplicateB.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.duplicateB.id}/contacts`, { name: 'probe' }),
      allowed: 409,
    },
  ],
  'PATCH /api/v1/accounts/:id/contacts/:contactId': [
    {
      label: 'B’s contact',
      target: (w) => w.contactB.id,
      request: ({ world }) =>
        json('PATCH', `/api/v1/accounts/${world.accounts.b.id}/contacts/${world.contactB.id}`, {
          title: 'probe',
        }),
      allowed: 200,
    },
    {
      label: 'B’s contact under one’s own account',
      target: (w) => w.contactB.id,
      request: ({ world, role }) =>
        json('PATCH', `/api/v1/accounts/${world.own[role].id}/contacts/${world.contactB.id}`, { title: 'x' }),
      allowed: 404,
    },
  ],
  'DELETE /api/v1/accounts/:id/contacts/:contactId': [
    {
      label: 'B’s contact, under its merged duplicate',
      target: (w) => w.contactB.id,
      request: ({ world }) => ({
        method: 'DELETE',
        path: `/api/v1/accounts/${world.accounts.duplicateB.id}/contacts/${world.contactB.id}`,
      }),
      allowed: 409,
    },
    {
      label: 'B’s contact under one’s own account',
      target: (w) => w.contactB.id,
      request: ({ world, role }) => ({
        method: 'DELETE',
        path: `/api/v1/accounts/${world.own[role].id}/contacts/${world.contactB.id}`,
      }),
      allowed: 404,
    },
  ],

  // ---- imports
  'POST /api/v1/imports': [
    {
      label: 'upload',
      request: ({ n }) => ({
        method: 'POST',
        path: `/api/v1/imports?filename=probe-${n}.csv`,
        body: `名称\n探针${n}号有限公司\n`,
        headers: { 'content-type': 'text/csv' },
      }),
      allowed: 202,
    },
  ],
  'GET /api/v1/imports': [
    {
      label: 'list',
      request: () => get('/api/v1/imports?limit=200'),
      allowed: 200,
      counts: { of: 'imports' },
    },
  ],
  'GET /api/v1/imports/:id': [
    {
      label: 'another’s import',
      target: (w) => w.imports.review.id,
      request: ({ world }) => get(`/api/v1/imports/${world.imports.review.id}`),
      allowed: 200,
    },
  ],
  'GET /api/v1/imports/:id/clusters': [
    {
      label: 'another’s import',
      target: (w) => w.imports.review.id,
      request: ({ world }) => get(`/api/v1/imports/${world.imports.review.id}/clusters`),
      allowed: 200,
      counts: { of: 'clusters', importId: (w) => w.imports.review.id },
    },
  ],
  'PUT /api/v1/imports/:id/clusters/:clusterId': [
    {
      label: 'another’s import',
      target: (w) => w.imports.review.id,
      request: ({ world }) =>
        json('PUT', `/api/v1/imports/${world.imports.review.id}/clusters/${world.clusterId}`, {
          decision: 'accept',
        }),
      allowed: 204,
    },
  ],
  'POST /api/v1/imports/:id/clusters/:clusterId/resolve': [
    {
      label: 'another’s import, still in review',
      target: (w) => w.imports.review.id,
      request: ({ world }) =>
        json('POST', `/api/v1/imports/${world.imports.review.id}/clusters/${world.clusterId}/resolve`, {
          action: 'skip',
        }),
      // Rows are settled after the import ran; in review there is nothing to settle yet.
      allowed: 409,
    },
  ],
  'POST /api/v1/imports/:id/clusters/decide': [
    {
      label: 'another’s import',
      target: (w) => w.imports.review.id,
      request: ({ world }) =>
        json('POST', `/api/v1/imports/${world.imports.review.id}/clusters/decide`, {
          decision: 'accept',
          clusterIds: [world.clusterId],
        }),
      allowed: 200,
    },
  ],
  'POST /api/v1/imports/:id/clusters/resolve': [
    {
      label: 'another’s import, still in review',
      target: (w) => w.imports.review.id,
      request: ({ world }) =>
        json('POST', `/api/v1/imports/${world.imports.review.id}/clusters/resolve`, {
          items: [{ clusterId: world.clusterId, action: 'skip' }],
        }),
      // Rows are settled after the import ran; in review there is nothing to settle yet.
      allowed: 409,
    },
  ],
  'GET /api/v1/imports/template.csv': [
    { label: 'template', request: () => get('/api/v1/imports/template.csv'), allowed: 200 },
  ],
  'GET /api/v1/imports/template.xlsx': [
    { label: 'template', request: () => get('/api/v1/imports/template.xlsx'), allowed: 200 },
  ],
  'POST /api/v1/imports/:id/start': [
    {
      label: 'another’s import, still analysing',
      target: (w) => w.imports.analyzing.id,
      request: ({ world }) => json('POST', `/api/v1/imports/${world.imports.analyzing.id}/start`, undefined),
      allowed: 409,
    },
  ],

  // ---- decisions
  'GET /api/v1/decisions/:id': [
    {
      label: 'B’s admission',
      target: (w) => w.decisions.admissionB,
      request: ({ world }) => get(`/api/v1/decisions/${world.decisions.admissionB}`),
      allowed: 200,
    },
    {
      label: 'B’s merge',
      target: (w) => w.decisions.mergeB,
      request: ({ world }) => get(`/api/v1/decisions/${world.decisions.mergeB}`),
      allowed: 200,
    },
    {
      label: 'the rep’s customer let in beside B',
      target: (w) => w.accounts.lookalike.id,
      request: ({ world }) => get(`/api/v1/decisions/${world.decisions.lookalike}`),
      allowed: 200,
    },
  ],
  'GET /api/v1/accounts/:id/decisions': [
    {
      label: 'B',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}/decisions`),
      allowed: 200,
      counts: { of: 'decisions', accountId: (w) => w.accounts.b.id },
    },
    {
      label: 'one’s own, folded from another’s import',
      target: (w) => w.own.rep.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.own.rep.id}/decisions`),
      allowed: 200,
      counts: { of: 'decisions', accountId: (w) => w.own.rep.id },
    },
    {
      label: 'A1’s customer, B’s merged into it',
      target: (w) => w.accounts.survivorA1.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.survivorA1.id}/decisions`),
      allowed: 200,
      counts: { of: 'decisions', accountId: (w) => w.accounts.survivorA1.id },
    },
  ],
};
