import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { actorFromUser } from '../../modules/auth/auth.service.js';
import { findUserById } from '../../modules/auth/auth.repo.js';
import { systemContext, type RequestContext, type Role } from '../../modules/access/index.js';
import { createAccount } from '../../modules/accounts/accounts.service.js';
import type { CreateAccountInput } from '../../modules/accounts/accounts.schema.js';
import { createImport } from '../../modules/imports/imports.service.js';
import { createTeam } from '../../modules/teams/teams.service.js';
import { createUser } from '../../modules/users/users.service.js';
import type { CreateUserInput } from '../../modules/users/users.schema.js';
import type { PartnerStatus } from '../../modules/partners/partners.schema.js';
import {
  changePartnerStatus,
  createPartner,
  setChecklistItem,
} from '../../modules/partners/partners.service.js';

/**
 * Factories build valid records with sensible defaults and create the parents they need, so that no test
 * depends on another's leftovers: `makeAccount()` makes its owner, `makeImport()` its importer.
 */
export const TEST_PASSWORD = 'test-password-1';
const ctx = systemContext('test');
const unique = () => randomBytes(4).toString('hex');

export type TestUser = Awaited<ReturnType<typeof makeUser>>;

/** A valid user with sensible defaults; every field can be overridden. */
export async function makeUser(db: Db, overrides: Partial<CreateUserInput> & { role?: Role } = {}) {
  const login = overrides.login ?? `u${unique()}`;
  return createUser(db, ctx, {
    login,
    displayName: `User ${login}`,
    role: 'rep',
    status: 'active',
    password: TEST_PASSWORD,
    ...overrides,
  });
}

export async function makeTeam(db: Db, overrides: { name?: string; parentId?: string | null } = {}) {
  return createTeam(db, ctx, {
    name: overrides.name ?? `Team ${unique()}`,
    parentId: overrides.parentId ?? null,
  });
}

/**
 * A partner, admitted through the identity engine like any, walked to `status` (default active: its people
 * may act) with its checklist ticked on the way.
 */
export async function makePartner(
  db: Db,
  options: { status?: PartnerStatus; name?: string; managerId?: string | null; ctx?: RequestContext } = {},
) {
  const by = options.ctx ?? ctx;
  const partner = await createPartner(db, by, {
    legalName: options.name ?? `测试${unique()}${unique()}渠道有限公司`,
    contactName: 'Contact',
    contactEmail: `p${unique()}@example.com`,
    managerId: options.managerId ?? null,
    confirm: { reason: 'test partner' },
  });
  const path: PartnerStatus[] = {
    applicant: [],
    onboarding: ['onboarding'],
    active: ['onboarding', 'active'],
    suspended: ['onboarding', 'active', 'suspended'],
    terminated: ['terminated'],
  }[options.status ?? 'active'] as PartnerStatus[];
  let current = partner;
  for (const to of path) {
    if (to === 'active')
      for (const item of current.checklist)
        await setChecklistItem(db, by, partner.id, item.itemId, { done: true });
    current = await changePartnerStatus(db, by, partner.id, { to, reason: 'test' });
  }
  return current;
}

export const makePartnerId = async (db: Db, options: Parameters<typeof makePartner>[1] = {}) =>
  (await makePartner(db, options)).id;

/** The request context of a user, as if signed in. */
export async function contextOf(db: Db, user: { id: string }): Promise<RequestContext> {
  const row = await findUserById(db, user.id);
  if (!row) throw new Error(`no user ${user.id}`);
  return { actor: actorFromUser(row), requestId: `test:${unique()}` };
}

/**
 * A customer held by `owner` (a new rep when none is given), with a name nobody else has. `heldForDays`
 * backdates the owner's claim, as an older installation's ledger has it (credit for past sales is theirs).
 */
export async function makeAccount(
  db: Db,
  options: { owner?: { id: string }; heldForDays?: number } & Partial<CreateAccountInput> = {},
) {
  const { owner: given, heldForDays, ...input } = options;
  const owner = given ?? (await makeUser(db));
  const account = await createAccount(db, await contextOf(db, owner), {
    legalName: `测试${unique()}${unique()}贸易有限公司`,
    ...input,
  });
  if (heldForDays !== undefined)
    await db
      .updateTable('ownership_claims')
      .set({ started_at: new Date(Date.now() - heldForDays * 86_400_000).toISOString() })
      .where('account_id', '=', account.id)
      .execute();
  return account;
}

/** An uploaded customer list, analysing; its importer is a new sales-ops user unless one is given. */
export async function makeImport(
  db: Db,
  options: { creator?: { id: string }; csv?: string; filename?: string } = {},
) {
  const creator = options.creator ?? (await makeUser(db, { role: 'sales_ops' }));
  const csv = options.csv ?? `名称,电话\n测试${unique()}物流有限公司,021-5555 0000\n`;
  return createImport(db, await contextOf(db, creator), options.filename ?? 'list.csv', Buffer.from(csv));
}
