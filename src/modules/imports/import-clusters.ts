import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../access/permissions.js';
import * as accountsRepo from '../accounts/accounts.repo.js';
import { insertNewAccount, saveAccount, toAccount } from '../accounts/accounts.service.js';
import type { Account } from '../accounts/accounts.schema.js';
import { accountFeatures, findDuplicates, lockKeys, matchKeys, viewMatches } from '../accounts/duplicates.js';
import { applyMerge, planMerge } from '../accounts/merge.js';
import { recordAudit } from '../audit/audit.service.js';
import { normalizeUscc } from '../matching/uscc.js';
import { clusterMatchInput } from './analyze.js';
import type { ImportRecord } from './imports.schema.js';

export type Outcome = 'created' | 'merged' | 'needs_review';

/**
 * Values for one account from rows that are one company, read as matching reads them: phones in E.164 and
 * e-mails normalised (a cell holding several is split), unreadable ones dropped.
 */
function accountValues(records: readonly ImportRecord[]) {
  const input = clusterMatchInput(records);
  const features = accountFeatures(input);
  const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
  return {
    features,
    values: {
      legalName: input.legalName,
      aliases: [...(input.aliases ?? [])],
      phones: [...(features[0]?.phones ?? [])],
      emails: [...(features[0]?.emails ?? [])],
      website: input.website ?? null,
      street: input.street ?? null,
      uscc: uscc?.code ?? null,
      usccValid: uscc?.valid ?? false,
    },
  };
}

/**
 * Imports rows that are one company, in the caller's transaction: a new account; or, when the company is
 * already here and the importer may see it, its new values folded into that account; otherwise (a look-alike,
 * or a customer the importer cannot see) nothing is written and a person decides.
 */
export async function importRecords(
  tx: Tx,
  ctx: RequestContext,
  records: readonly ImportRecord[],
  reason: string,
): Promise<{ outcome: Outcome; accountIds: string[] }> {
  const { features, values } = accountValues(records);
  const keys = matchKeys(features);
  await accountsRepo.lockMatchKeys(tx, lockKeys(keys));
  const matches = await viewMatches(tx, ctx.actor, await findDuplicates(tx, features));
  const same = matches.find((m) => m.verdict === 'same');
  if (same?.visible && same.accountId) {
    const current = await accountsRepo.findAccount(tx, same.accountId, true);
    if (!current || current.status !== 'active') return { outcome: 'needs_review', accountIds: [] };
    const before = toAccount(current);
    const incoming: Account = { ...before, ...values, id: before.id, englishName: null, tags: [] };
    const after = await saveAccount(tx, applyMerge(before, planMerge(before, incoming)));
    await recordAudit(tx, ctx, {
      action: 'account.updated',
      entityType: 'account',
      entityId: before.id,
      before,
      after,
      reason,
    });
    return { outcome: 'merged', accountIds: [before.id] };
  }
  if (matches.length > 0) return { outcome: 'needs_review', accountIds: [] };
  const { account } = await insertNewAccount(tx, ctx, { values, contacts: [], features, keys, reason });
  return { outcome: 'created', accountIds: [account.id] };
}
