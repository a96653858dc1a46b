import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { assertEditable, runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { normalizePhone } from '../matching/index.js';
import { inSight, notActive, saveAccount, toAccount, toContact } from './account-store.js';
import { readmitCustomer } from './admission.js';
import * as repo from './accounts.repo.js';
import type { ContactInput } from './accounts.schema.js';
import { accountFeatures, lockKeys, matchKeys } from './duplicates.js';

type ContactValues = { name: string; mobile: string | null; email: string | null; title: string | null };

/**
 * The account, locked, if the caller may see it and it is active. Contacts are evidence for matching (a
 * person's mobile and e-mail point at their company), so the keys the account will hold once `change` is
 * applied to its contacts are locked first — keys before rows, the kernel's lock order.
 */
async function activeAccount(
  w: Work,
  id: string,
  change: (contacts: ContactValues[]) => ContactValues[] = (c) => c,
) {
  const seen = await repo.findVisibleAccount(w.tx, w.actor, id);
  if (!seen) throw notFound('account', id);
  await assertEditable(w.tx, 'account', w.actor, id);
  const contacts = change(await repo.listContacts(w.tx, id));
  await w.lockKeys(lockKeys(matchKeys(accountFeatures({ ...toAccount(seen), contacts }))));
  const row = await repo.findAccount(w.tx, id, true);
  if (!row || row.status !== 'active') throw notActive(id, row?.status);
  return toAccount(row);
}

function cleanMobile(mobile: string | null | undefined) {
  if (!mobile) return mobile ?? null;
  const phone = normalizePhone(mobile);
  if (!phone.e164)
    throw invalid([{ field: 'mobile', problem: 'invalid_phone', message: 'is not a phone number' }]);
  return phone.e164;
}

// Changes are audited under the account, so its history shows them.

export async function addContact(db: Db, ctx: RequestContext, accountId: string, input: ContactInput) {
  const values: ContactValues = {
    name: input.name,
    mobile: cleanMobile(input.mobile),
    email: input.email?.toLowerCase() ?? null,
    title: input.title ?? null,
  };
  return runWork(db, ctx, async (w) => {
    const account = await activeAccount(w, accountId, (contacts) => [...contacts, values]);
    const [row] = await repo.insertContacts(w.tx, [{ account_id: accountId, ...values }]);
    await saveAccount(w.tx, account);
    const contact = toContact(row!);
    w.audit({ action: 'contact.created', entityType: 'account', entityId: accountId, after: contact });
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
  const email = patch.email === undefined ? undefined : (patch.email?.toLowerCase() ?? null);
  return runWork(db, ctx, async (w) => {
    const account = await activeAccount(w, accountId, (contacts) => [
      ...contacts,
      { name: '', mobile: mobile ?? null, email: email ?? null, title: null },
    ]);
    const current = await repo.findContact(w.tx, accountId, contactId);
    if (!current) throw notFound('contact', contactId);
    const row = await repo.updateContact(w.tx, contactId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(mobile !== undefined && { mobile }),
      ...(email !== undefined && { email }),
      ...(patch.title !== undefined && { title: patch.title }),
    });
    await saveAccount(w.tx, account);
    const after = toContact(row);
    w.audit({
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
  await runWork(db, ctx, async (w) => {
    const account = await activeAccount(w, accountId);
    const current = await repo.findContact(w.tx, accountId, contactId);
    if (!current) throw notFound('contact', contactId);
    await repo.updateContact(w.tx, contactId, { archived_at: new Date().toISOString() });
    await saveAccount(w.tx, account);
    w.audit({
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
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findVisibleAccount(w.tx, w.actor, id);
    if (!seen) throw notFound('account', id);
    await assertEditable(w.tx, 'account', w.actor, id);
    let decisionId: string | undefined;
    if (!archived) {
      // While it was archived someone may have created the same customer again: refuse to make two.
      const contacts = await repo.listContacts(w.tx, id);
      const features = accountFeatures({ ...toAccount(seen), contacts });
      decisionId = await readmitCustomer(w, id, features, { occasion: 'restore', confirmReason: reason });
    }
    const row = await repo.findAccount(w.tx, id, true);
    if (!row) throw notFound('account', id);
    const from = archived ? 'active' : 'archived';
    if (row.status !== from) {
      throw new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${row.status}, not ${from}`, {
        id,
        status: row.status,
        expected: from,
      });
    }
    const after = await storeArchived(w, row, archived, reason, decisionId);
    return (await inSight(w.tx, w.actor, [after]))[0]!;
  });
}

/** An account, locked and checked by the caller, archived or restored: stored, audited and announced. */
export async function storeArchived(
  w: Work,
  row: repo.AccountRow,
  archived: boolean,
  reason: string,
  decisionId?: string,
) {
  const before = toAccount(row);
  const after = await saveAccount(w.tx, before, { status: archived ? 'archived' : 'active' });
  w.audit({
    action: archived ? 'account.archived' : 'account.restored',
    entityType: 'account',
    entityId: row.id,
    before: { status: before.status },
    after: { status: after.status },
    reason,
    decisionId,
  });
  w.emit(archived ? 'account.archived' : 'account.restored', { accountId: row.id });
  return after;
}
