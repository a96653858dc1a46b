import type { Work } from '../../kernel/index.js';
import { localDate } from './deadline.js';
import * as ledger from './ledger.repo.js';
import * as repo from './overlap.repo.js';

/**
 * A party other than the holder met a held customer at entry: its duplicate check (or a create refused or
 * confirmed over a look-alike) found it. Kept for the overlap report (reason `duplicate_check`), once per
 * customer, person and organisation-local day — the report counts customers, so a rep re-checking the same
 * name all afternoon adds nothing. Nothing of it goes back to the checker: the caller answers as before.
 */
export interface DuplicateHit {
  accountId: string;
  /** The customer's owner when the check ran; the checker is someone else. */
  holderId: string;
}

export async function recordDuplicateTouches(w: Work, hits: readonly DuplicateHit[]): Promise<void> {
  const userId = w.actor.id;
  if (!userId || hits.length === 0) return;
  const org = await ledger.orgSettings(w.tx);
  const day = localDate(new Date(), org.time_zone);
  const inserted = await repo.insertDuplicateTouches(w.tx, userId, day, hits);
  for (const row of inserted)
    w.audit({
      action: 'overlap.duplicate_check',
      entityType: 'account',
      entityId: row.account_id,
      after: { touchId: row.id, checkedBy: userId, holderId: row.holder_id, day },
    });
}
