import type { Executor, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../access/index.js';
import type { Account } from './accounts.schema.js';
import * as repo from './accounts.repo.js';
import { accountFeatures, matchKeys } from './duplicates.js';

export function toAccount(row: repo.AccountRow): Account {
  return {
    id: row.id,
    legalName: row.legal_name,
    aliases: row.aliases,
    englishName: row.english_name,
    uscc: row.uscc,
    usccValid: row.uscc_valid,
    phones: row.phones,
    emails: row.emails,
    website: row.website,
    province: row.province,
    city: row.city,
    district: row.district,
    street: row.street,
    industry: row.industry,
    regionCode: row.region_code,
    regionSource: row.region_source as Account['regionSource'],
    industryCode: row.industry_code,
    industrySource: row.industry_source as Account['industrySource'],
    size: row.size as Account['size'],
    source: row.source,
    tags: row.tags,
    parentId: row.parent_id,
    isBranch: row.is_branch,
    ownerId: row.owner_id,
    partnerId: row.partner_id,
    status: row.status as Account['status'],
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Accounts as the actor may see them: a parent (集团 or head office) or the survivor of a merge that the
 * actor may not see is not named — the account is in the actor's scope, the one it points at is not. Merge
 * history leaves such accounts unnamed the same way.
 */
export async function inSight<T extends Account>(db: Executor, actor: Actor, accounts: T[]): Promise<T[]> {
  const refs = accounts.flatMap((a) => [a.parentId, a.mergedInto]).filter((id) => id !== null);
  if (refs.length === 0) return accounts;
  const seen = await repo.visibleAccountIds(db, actor, [...new Set(refs)]);
  const shown = (id: string | null) => (id !== null && seen.has(id) ? id : null);
  return accounts.map((a) => ({ ...a, parentId: shown(a.parentId), mergedInto: shown(a.mergedInto) }));
}

export type Contact = ReturnType<typeof toContact>;

export const toContact = (c: repo.ContactRow) => ({
  id: c.id,
  accountId: c.account_id,
  name: c.name,
  mobile: c.mobile,
  email: c.email,
  title: c.title,
});

/** The stored columns for an account's editable values. */
export function accountColumns(
  next: Omit<Account, 'id' | 'ownerId' | 'partnerId' | 'status' | 'mergedInto' | 'createdAt' | 'updatedAt'>,
) {
  return {
    legal_name: next.legalName,
    aliases: next.aliases,
    english_name: next.englishName,
    uscc: next.uscc,
    uscc_valid: next.usccValid,
    phones: next.phones,
    emails: next.emails.map((e) => e.toLowerCase()),
    website: next.website,
    province: next.province,
    city: next.city,
    district: next.district,
    street: next.street,
    industry: next.industry,
    region_code: next.regionCode,
    region_source: next.regionSource,
    industry_code: next.industryCode,
    industry_source: next.industrySource,
    size: next.size,
    source: next.source,
    tags: next.tags,
    parent_id: next.parentId,
    is_branch: next.isBranch,
  };
}

/** Stores an account's values and recomputes what matching knows about it (features and keys). */
export async function saveAccount(
  tx: Tx,
  next: Account,
  extra: { status?: string; merged_into?: string | null } = {},
): Promise<Account> {
  const contacts = await repo.listContacts(tx, next.id);
  const features = accountFeatures({ ...next, contacts });
  const row = await repo.updateAccount(tx, next.id, {
    ...accountColumns(next),
    ...extra,
    features: JSON.stringify(features),
  });
  await repo.replaceMatchKeys(tx, next.id, row.status === 'active' ? matchKeys(features) : []);
  return toAccount(row);
}

export const notActive = (id: string, status: string | undefined) =>
  new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${status ?? 'gone'}`, { id, status: status ?? null });
