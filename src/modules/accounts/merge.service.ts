import type { Db } from '../../db/database.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { assertEditable, evidence, runWork, visibleIds, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import type { Features } from '../matching/index.js';
import { scoreConfig, scorePair, type MatchResult } from '../matching/index.js';
import { inSight, notActive, saveAccount, toAccount } from './account-store.js';
import * as repo from './accounts.repo.js';
import { accountFeatures, lockKeys, matchKeys } from './duplicates.js';
import { applyMerge, planMerge, revertMerge, type MergeDelta } from './merge.js';

interface Moved {
  contacts: string[];
  children: string[];
}

interface ImportSource {
  importId: string;
  clusterId: string;
  lines: number[];
}

/** Both accounts, visible to the caller, locked in id order (rows after keys, one order for everyone). */
async function lockPair(w: Work, ids: [string, string], missing: () => AppError) {
  const rows: Record<string, repo.AccountRow> = {};
  for (const id of [...ids].sort()) {
    if (!(await repo.findVisibleAccount(w.tx, w.actor, id))) throw missing();
    await assertEditable(w.tx, 'account', w.actor, id);
    const row = await repo.findAccount(w.tx, id, true);
    if (!row) throw missing();
    rows[id] = row;
  }
  return [rows[ids[0]]!, rows[ids[1]]!] as const;
}

/** How alike the two are, on what each holds: the evidence a merge decision keeps. */
function pairEvidence(a: Features[], b: Features[]): MatchResult | undefined {
  const config = scoreConfig({});
  let best: MatchResult | undefined;
  for (const x of a)
    for (const y of b) {
      const result = scorePair(x, y, config);
      if (!best || result.score > best.score) best = result;
    }
  return best;
}

/** Folds `mergedId` into `survivorId`: values kept, contacts and references moved, reversible. */
export async function mergeAccounts(
  db: Db,
  ctx: RequestContext,
  survivorId: string,
  mergedId: string,
  reason: string,
) {
  if (survivorId === mergedId) {
    throw fieldError('UNPROCESSABLE', 'An account cannot be merged into itself', {
      field: 'mergedId',
      problem: 'self',
      message: 'is the account itself',
    });
  }
  return runWork(db, ctx, async (w) => {
    const [survivorRow, mergedRow] = await lockPair(w, [survivorId, mergedId], () =>
      notFound('account', survivorId),
    );
    for (const row of [survivorRow, mergedRow])
      if (row.status !== 'active') throw notActive(row.id, row.status);
    const survivor = toAccount(survivorRow);
    const merged = toAccount(mergedRow);
    const delta = planMerge(survivor, merged);
    const match = pairEvidence(survivorRow.features as Features[], mergedRow.features as Features[]);
    const decisionId = w.decide({
      kind: 'account.merge',
      subject: { type: 'account', id: survivorId },
      verdict: 'merged',
      rule: { id: 'account.merge.manual', version: 1, params: {} },
      evidence: [
        evidence('merge.requested', { mergedId, reason }),
        ...(match
          ? [
              {
                code: `match.${match.verdict}`,
                params: { accountId: mergedId, score: Math.round(match.score * 1000) / 1000 },
                evidence: match.reasons,
              },
            ]
          : []),
      ],
    });
    const moved: Moved = {
      contacts: await repo.moveContacts(w.tx, mergedId, survivorId),
      children: await repo.moveChildren(w.tx, mergedId, survivorId),
    };
    // Retire the merged account first: its valid USCC may pass to the survivor (one active per USCC).
    const mergedAfter = await saveAccount(w.tx, merged, { status: 'merged', merged_into: survivorId });
    const survivorAfter = await saveAccount(w.tx, applyMerge(survivor, delta));
    const record = await repo.insertMerge(w.tx, {
      survivor_id: survivorId,
      merged_id: mergedId,
      decision_id: decisionId,
      reason,
      added: JSON.stringify(delta),
      moved: JSON.stringify(moved),
      merged_by: w.actor.id,
    });
    w.audit({
      action: 'account.merged',
      entityType: 'account',
      entityId: survivorId,
      before: { survivor, merged },
      after: { survivor: survivorAfter, merged: mergedAfter, mergeId: record.id, delta, moved },
      reason,
      decisionId,
    });
    w.emit('account.merged', { survivorId, mergedId, mergeId: record.id });
    const [survivorShown] = await inSight(w.tx, w.actor, [survivorAfter]);
    return { mergeId: record.id, survivor: survivorShown!, delta, moved, decisionId };
  });
}

/**
 * Takes a merge back: the merged account returns with its contacts and references; later edits to the
 * survivor stay. Only while the survivor is itself still active: once it was merged on into another
 * account, that later merge must be taken back first (MERGE_NOT_REVERSIBLE names it). Both accounts are
 * locked, so a merge and an un-merge racing over one account happen one after the other.
 */
export async function unmergeAccounts(db: Db, ctx: RequestContext, mergeId: string, reason: string) {
  const missing = () => notFound('merge', mergeId);
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findMerge(w.tx, mergeId);
    // A merge is the survivor's history: one the caller cannot see is answered exactly like no merge.
    if (!seen || !(await repo.findVisibleAccount(w.tx, w.actor, seen.survivor_id))) throw missing();
    await assertEditable(w.tx, 'account', w.actor, seen.survivor_id);
    if (seen.merged_id) {
      const restoring = await repo.findAccount(w.tx, seen.merged_id);
      if (restoring) {
        const contacts = await repo.listContacts(w.tx, seen.merged_id);
        await w.lockKeys(lockKeys(matchKeys(accountFeatures({ ...toAccount(restoring), contacts }))));
      }
    }
    const [survivorRow, mergedRow] = seen.merged_id
      ? await lockPair(w, [seen.survivor_id, seen.merged_id], missing)
      : [(await repo.findAccount(w.tx, seen.survivor_id, true))!, undefined];
    const record = await repo.findMerge(w.tx, mergeId, true);
    if (!record || !survivorRow) throw missing();
    if (record.unmerged_at) {
      throw new AppError('MERGE_NOT_REVERSIBLE', 'This merge was already taken back', {
        reason: 'already_unmerged',
        unmergedAt: record.unmerged_at,
      });
    }
    if (survivorRow.status !== 'active') {
      const later = await repo.liveMergeOf(w.tx, survivorRow.id);
      throw new AppError(
        'MERGE_NOT_REVERSIBLE',
        `The surviving account is ${survivorRow.status}; take back what happened to it since first`,
        { reason: `survivor_${survivorRow.status}`, blockedBy: later?.id ?? null },
      );
    }
    if (mergedRow && (mergedRow.status !== 'merged' || mergedRow.merged_into !== survivorRow.id)) {
      throw new AppError('MERGE_NOT_REVERSIBLE', 'The merged account has changed since', {
        reason: 'merged_changed',
        blockedBy: null,
      });
    }
    const delta = record.added as MergeDelta;
    const moved = record.moved as Moved;
    const survivorAfter = await saveAccount(w.tx, revertMerge(toAccount(survivorRow), delta));
    let restored = null;
    if (mergedRow) {
      await repo.moveContacts(w.tx, record.survivor_id, mergedRow.id, moved.contacts);
      await repo.moveChildren(w.tx, record.survivor_id, mergedRow.id, moved.children);
      restored = await saveAccount(w.tx, toAccount(mergedRow), { status: 'active', merged_into: null });
    }
    await repo.closeMerge(w.tx, mergeId, w.actor.id);
    w.audit({
      action: 'account.unmerged',
      entityType: 'account',
      entityId: record.survivor_id,
      before: { survivor: toAccount(survivorRow), merged: mergedRow ? toAccount(mergedRow) : null },
      after: { survivor: survivorAfter, merged: restored, mergeId },
      reason,
      decisionId: record.decision_id ?? undefined,
    });
    w.emit('account.unmerged', {
      survivorId: record.survivor_id,
      restoredId: mergedRow?.id ?? null,
      mergeId,
    });
    const [survivorShown, restoredShown] = await inSight(w.tx, w.actor, [
      survivorAfter,
      ...(restored ? [restored] : []),
    ]);
    return { survivor: survivorShown!, restored: restoredShown ?? null };
  });
}

/**
 * Merges the account took part in. What a merge moved is shown only where the caller may see where it came
 * from: the merged account, or the survivor while the merge stands (its values are the survivor's then).
 * Values folded in from an import name the import (its rows, and the reason written for them) only to
 * callers who may see the import. Conflicts, which record a value of each side, only to callers who see both.
 */
export async function listAccountMerges(db: Db, ctx: RequestContext, accountId: string) {
  if (!(await repo.findVisibleAccount(db, ctx.actor, accountId))) throw notFound('account', accountId);
  const rows = await repo.listMerges(db, accountId);
  const ids = rows.flatMap((r) => [r.survivor_id, ...(r.merged_id ? [r.merged_id] : [])]);
  const visible = await repo.visibleAccountIds(db, ctx.actor, [...new Set(ids)]);
  const sourceOf = (r: (typeof rows)[number]) => (r.source ?? null) as ImportSource | null;
  const imports = await visibleIds(
    db,
    'import',
    ctx.actor,
    rows.flatMap((r) => sourceOf(r)?.importId ?? []),
  );
  return rows.map((r) => {
    const mergedVisible = r.merged_id === null || visible.has(r.merged_id);
    const survivorVisible = visible.has(r.survivor_id);
    const shown = mergedVisible || (survivorVisible && r.unmerged_at === null);
    const source = sourceOf(r);
    const sourceVisible = source === null || imports.has(source.importId);
    const delta = r.added as MergeDelta;
    // A conflict holds both sides' values (kept: the survivor's, dropped: the other's): only for both.
    const bothSides = survivorVisible && sourceVisible && (r.merged_id === null || visible.has(r.merged_id));
    return {
      id: r.id,
      survivorId: survivorVisible ? r.survivor_id : null,
      mergedId: mergedVisible ? r.merged_id : null,
      visible: shown,
      source: sourceVisible ? source : null,
      reason: shown && sourceVisible ? r.reason : null,
      delta: shown ? (bothSides ? delta : { ...delta, conflicts: [] }) : null,
      // The decision is about the survivor: named to those who may read it.
      decisionId: shown && survivorVisible ? r.decision_id : null,
      mergedAt: r.merged_at,
      unmergedAt: r.unmerged_at,
    };
  });
}
