import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { RequestContext } from '../access/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { normalizePhone } from '../matching/phone.js';
import * as repo from './accounts.repo.js';
import { saveAccount, toAccount, toContact } from './accounts.service.js';
import type { ContactInput } from './accounts.schema.js';
import { accountFeatures, findDuplicates, lockKeys, matchKeys, viewMatches } from './duplicates.js';

/** The account, locked, if the caller may see it and it is active. */
async function activeAccount(tx: Tx, ctx: RequestContext, id: string) {
  if (!(await repo.findVisibleAccount(tx, ctx.actor, id))) throw notFound('account', id);
  const row = await repo.findAccount(tx, id, true);
  if (!row || row.status !== 'active') {
    throw new AppError('CONFLICT', `The account is ${row?.status ?? 'gone'}`, { status: row?.status });
  }
  return toAccount(row);
}

function cleanMobile(mobile: string | null | undefined) {
  if (!mobile) return mobile ?? null;
  const phone = normalizePhone(mobile);
  if (!phone.e164)
    throw invalid([{ field: 'mobile', problem: 'invalid_phone', message: 'is not a phone number' }]);
  return phone.e164;
}

// A contact's mobile and e-mail are evidence for matching, so every change recomputes the account's keys.
// Changes are audited under the account, so its history shows them.

export async function addContact(db: Db, ctx: RequestContext, accountId: string, input: ContactInput) {
  const mobile = cleanMobile(input.mobile);
  return db.transaction().execute(async (tx) => {
    const account = await activeAccount(tx, ctx, accountId);
    const [row] = await repo.insertContacts(tx, [
      {
        account_id: accountId,
        name: input.name,
        mobile,
        email: input.email?.toLowerCase() ?? null,
        title: input.title ?? null,
      },
    ]);
    await saveAccount(tx, account);
    const contact = toContact(row!);
    await recordAudit(tx, ctx, {
      action: 'contact.created',
      entityType: 'account',
      entityId: accountId,
      after: contact,
    });
    return contact;
  });
}

export async function updateContact(
  db: Db,
  ctx: RequestContext,
  accountId: string,
  contactId: string,
  patch: Partial<ContactInput>,
) {
  const mobile = patch.mobile === undefined ? undefined : cleanMobile(patch.mobile);
  return db.transaction().execute(async (tx) => {
    const account = await activeAccount(tx, ctx, accountId);
    const current = await repo.findContact(tx, accountId, contactId);
    if (!current) throw notFound('contact', contactId);
    const row = await repo.updateContact(tx, contactId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(mobile !== undefined && { mobile }),
      ...(patch.email !== undefined && { email: patch.email?.toLowerCase() ?? null }),
      ...(patch.title !== undefined && { title: patch.title }),
    });
    await saveAccount(tx, account);
    const after = toContact(row);
    await recordAudit(tx, ctx, {
      action: 'contact.updated',
      entityType: 'account',
      entityId: accountId,
      before: toContact(current),
      after,
    });
    return after;
  });
}

export async function archiveContact(db: Db, ctx: RequestContext, accountId: string, contactId: string) {
  await db.transaction().execute(async (tx) => {
    const account = await activeAccount(tx, ctx, accountId);
    const current = await repo.findContact(tx, accountId, contactId);
    if (!current) throw notFound('contact', contactId);
    await repo.updateContact(tx, contactId, { archived_at: new Date().toISOString() });
    await saveAccount(tx, account);
    await recordAudit(tx, ctx, {
      action: 'contact.archived',
      entityType: 'account',
      entityId: accountId,
      before: toContact(current),
    });
  });
}

/** Archived accounts leave matching (their keys go); restoring brings them back, unless a twin now exists. */
export async function setAccountArchived(
  db: Db,
  ctx: RequestContext,
  id: string,
  archived: boolean,
  reason: string,
) {
  return db.transaction().execute(async (tx) => {
    if (!(await repo.findVisibleAccount(tx, ctx.actor, id))) throw notFound('account', id);
    const row = await repo.findAccount(tx, id, true);
    if (!row) throw notFound('account', id);
    const from = archived ? 'active' : 'archived';
    if (row.status !== from) {
      throw new AppError('CONFLICT', `The account is ${row.status}, not ${from}`, { status: row.status });
    }
    const before = toAccount(row);
    if (!archived) {
      // While it was archived someone may have created the same customer again: refuse to make two.
      const contacts = await repo.listContacts(tx, id);
      const features = accountFeatures({ ...before, contacts });
      await repo.lockMatchKeys(tx, lockKeys(matchKeys(features)));
      const matches = await viewMatches(tx, ctx.actor, await findDuplicates(tx, features, { excludeId: id }));
      if (matches.some((m) => m.verdict === 'same')) {
        throw new AppError('DUPLICATE_ACCOUNT', 'This customer exists again; merge instead of restoring', {
          matches,
        });
      }
    }
    const after = await saveAccount(tx, before, { status: archived ? 'archived' : 'active' });
    await recordAudit(tx, ctx, {
      action: archived ? 'account.archived' : 'account.restored',
      entityType: 'account',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status },
      reason,
    });
    return after;
  });
}
