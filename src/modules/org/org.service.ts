import type { Db } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './org.repo.js';
import type { Organization, UpdateOrgInput } from './org.schema.js';

function toOrganization(row: Awaited<ReturnType<typeof repo.readOrganization>>): Organization {
  return {
    name: row.name,
    timeZone: row.time_zone,
    currency: row.currency,
    defaultLanguage: row.default_language as Organization['defaultLanguage'],
    matchSameThreshold: row.match_same,
    matchPossibleThreshold: row.match_possible,
    revealOwnerOnConflict: row.reveal_owner_on_conflict,
    updatedAt: row.updated_at,
  };
}

export async function getOrganization(db: Db): Promise<Organization> {
  return toOrganization(await repo.readOrganization(db));
}

export async function updateOrganization(
  db: Db,
  ctx: RequestContext,
  input: UpdateOrgInput,
): Promise<Organization> {
  return runWork(db, ctx, async (w) => {
    const tx = w.tx;
    const before = toOrganization(await repo.readOrganization(tx, true));
    const same = input.matchSameThreshold ?? before.matchSameThreshold;
    const possible = input.matchPossibleThreshold ?? before.matchPossibleThreshold;
    if (possible > same) {
      throw invalid([
        {
          field: input.matchPossibleThreshold !== undefined ? 'matchPossibleThreshold' : 'matchSameThreshold',
          problem: 'thresholds_order',
          message: `"possible" (${possible}) must not be above "same" (${same})`,
        },
      ]);
    }
    const after = toOrganization(
      await repo.updateOrganization(tx, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.defaultLanguage !== undefined && { default_language: input.defaultLanguage }),
        ...(input.revealOwnerOnConflict !== undefined && {
          reveal_owner_on_conflict: input.revealOwnerOnConflict,
        }),
        match_same: same,
        match_possible: possible,
      }),
    );
    w.audit({
      action: 'organization.updated',
      entityType: 'organization',
      entityId: '1',
      before,
      after,
    });
    return after;
  });
}
