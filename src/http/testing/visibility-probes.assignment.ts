import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

/**
 * Assignment: rule sets are sales ops' and admins' (scope all), so those probes check the permission; a
 * user's absences and capacity are aimed at team B's rep, whom a manager of team A may not see.
 */
const base = '/api/v1/assignment';
const repB = (w: { users: { repB: { id: string } } }) => w.users.repB.id;

export const ASSIGNMENT_PROBES: Record<string, Probe[]> = {
  [`GET ${base}/rule-sets/:id/apply`]: [
    {
      label: 'the live set, published without applying: no run to show',
      request: ({ world }) => get(`${base}/rule-sets/${world.ruleSets.live}/apply`),
      allowed: 404,
    },
  ],
  [`GET ${base}/rule-sets`]: [
    { label: 'every version', request: () => get(`${base}/rule-sets`), allowed: 200 },
  ],
  [`POST ${base}/rule-sets`]: [
    {
      label: 'a new draft',
      request: ({ n }) => json('POST', `${base}/rule-sets`, { name: `probe ${n}` }),
      allowed: 201,
    },
  ],
  [`POST ${base}/rule-sets/validate`]: [
    {
      label: 'a rule sending to a pool that does not exist',
      request: () =>
        json('POST', `${base}/rule-sets/validate`, {
          rules: [
            { name: 'probe', target: { type: 'pool', poolId: '00000000-0000-4000-8000-000000000000' } },
          ],
        }),
      allowed: 400,
    },
  ],
  [`GET ${base}/rule-sets/:id`]: [
    {
      label: 'the draft',
      request: ({ world }) => get(`${base}/rule-sets/${world.ruleSets.draft}`),
      allowed: 200,
    },
  ],
  [`PUT ${base}/rule-sets/:id`]: [
    {
      label: 'the live version, which cannot change',
      request: ({ world }) =>
        json('PUT', `${base}/rule-sets/${world.ruleSets.live}`, { name: 'probe', rules: [] }),
      allowed: 409,
    },
  ],
  [`POST ${base}/rule-sets/:id/publish`]: [
    {
      label: 'the live version again',
      request: ({ world }) => json('POST', `${base}/rule-sets/${world.ruleSets.live}/publish`, {}),
      allowed: 409,
    },
  ],
  [`POST ${base}/rule-sets/:id/what-if`]: [
    {
      label: 'the draft over every account',
      request: ({ world }) => json('POST', `${base}/rule-sets/${world.ruleSets.draft}/what-if`, {}),
      allowed: 200,
    },
  ],
  [`GET ${base}/users/:id/eligibility`]: [
    {
      label: 'B’s rep',
      target: repB,
      request: ({ world }) => get(`${base}/users/${repB(world)}/eligibility`),
      allowed: 200,
    },
  ],
  [`POST ${base}/users/:id/absences`]: [
    {
      label: 'B’s rep away for a week',
      target: repB,
      request: ({ world }) =>
        json('POST', `${base}/users/${repB(world)}/absences`, { from: '2030-01-01', to: '2030-01-07' }),
      allowed: 201,
    },
  ],
  [`DELETE ${base}/users/:id/absences/:absenceId`]: [
    {
      label: 'an absence B’s rep does not have',
      target: repB,
      request: ({ world }) => ({
        method: 'DELETE',
        path: `${base}/users/${repB(world)}/absences/00000000-0000-4000-8000-000000000001`,
      }),
      allowed: 404,
    },
  ],
  [`PUT ${base}/users/:id/capacity`]: [
    {
      label: 'B’s rep without a limit',
      target: repB,
      request: ({ world }) => json('PUT', `${base}/users/${repB(world)}/capacity`, { maxAccounts: null }),
      allowed: 200,
    },
  ],
};
