import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/index.js';
import { blockingKeys, keyKind } from '../matching/index.js';
import { normalizeRecord, type Features } from '../matching/index.js';
import {
  DEFAULT_THRESHOLDS,
  scoreConfig,
  scorePair,
  type MatchResult,
  type MatchThresholds,
  type Verdict,
} from '../matching/index.js';
import { ACCESS_REF_TTL_SECONDS, sealAccessRef } from './access-ref.js';
import * as repo from './accounts.repo.js';

/** What matching reads from an account or a would-be account. */
export interface MatchInput {
  legalName: string;
  aliases?: readonly string[] | undefined;
  englishName?: string | null | undefined;
  uscc?: string | null | undefined;
  phones?: readonly string[] | undefined;
  emails?: readonly string[] | undefined;
  website?: string | null | undefined;
  province?: string | null | undefined;
  city?: string | null | undefined;
  district?: string | null | undefined;
  street?: string | null | undefined;
  contacts?: readonly { mobile?: string | null | undefined; email?: string | null | undefined }[] | undefined;
}

// A key shared by more accounts than this finds no useful candidates (a reseller hotline, a common name).
const PER_KEY_CANDIDATES = 50;
const MAX_CANDIDATES = 20;

/**
 * One feature record per name the company goes by (legal, English, aliases), each carrying every phone,
 * e-mail, website and USCC — contact mobiles and e-mails included, since a person at the company is evidence
 * of the company.
 */
export function accountFeatures(input: MatchInput): Features[] {
  const phones = [
    ...(input.phones ?? []),
    ...(input.contacts ?? []).flatMap((c) => (c.mobile ? [c.mobile] : [])),
  ];
  const emails = [
    ...(input.emails ?? []),
    ...(input.contacts ?? []).flatMap((c) => (c.email ? [c.email] : [])),
  ];
  const address = [input.province, input.city, input.district, input.street].filter(Boolean).join('');
  const names = [input.legalName, input.englishName, ...(input.aliases ?? [])].filter(
    (n): n is string => typeof n === 'string' && n.trim() !== '',
  );
  return [...new Set(names)].map((name) =>
    normalizeRecord({
      name,
      phone: phones,
      email: emails,
      website: input.website ?? null,
      uscc: input.uscc ?? null,
      address,
    }),
  );
}

export function matchKeys(features: readonly Features[]): string[] {
  return [...new Set(features.flatMap(blockingKeys))];
}

/**
 * Keys worth serialising concurrent writers on: everything but the fuzzy LSH bands, named for the advisory
 * lock space so they cannot collide with other modules' keys.
 */
export function lockKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => keyKind(k) !== 'shingle').map((k) => `account-key:${k}`);
}

/**
 * Same trade name with region or industry open on one side, or a bare name (no legal form): the cases
 * decided by how many others carry the name (is 华源 the only one, is 创投家 another company's name?).
 */
function mayBeBareName(a: Features, b: Features): boolean {
  if (!b.legalForm && b.tradeName) return true;
  if (!a.tradeName || !b.tradeName || a.tradePinyin !== b.tradePinyin) return false;
  return !(a.region && b.region && a.industry && b.industry);
}

function nameCountingKeys(f: Features): string[] {
  return blockingKeys(f).filter((k) => keyKind(k) === 'name' || k.startsWith('pyq:'));
}

export interface DuplicateCandidate {
  accountId: string;
  ownerId: string | null;
  legalName: string;
  result: MatchResult;
}

export interface Duplicates {
  candidates: DuplicateCandidate[];
  /** The verdict thresholds the check used (the organisation's, read in the same round trip). */
  thresholds: MatchThresholds;
}

/** Existing active accounts that may be this company, best first, with the reasons. */
export async function findDuplicates(
  db: Executor,
  features: readonly Features[],
  options: { excludeIds?: readonly string[] | undefined } = {},
): Promise<Duplicates> {
  const keys = matchKeys(features);
  const found = await repo.matchCandidates(db, keys, {
    perKey: PER_KEY_CANDIDATES,
    max: MAX_CANDIDATES,
    excludeIds: options.excludeIds,
  });
  const { counts } = found;
  const thresholds = found.thresholds ?? DEFAULT_THRESHOLDS;
  const accounts = found.accounts.filter((a) => a.status === 'active');
  if (accounts.length === 0) return { candidates: [], thresholds };
  const own = new Set(keys);
  // Whether a bare name ("字节跳动") can only mean one company, or is another company's name, is read off
  // the name keys of the candidates too (their region and industry variants), which the lookup above did
  // not count: count them now, so the check weighs a name the way bulk de-duplication of the same records
  // does.
  const uncounted = new Set<string>();
  for (const account of accounts) {
    for (const other of account.features as Features[]) {
      if (!features.some((mine) => mayBeBareName(mine, other))) continue;
      for (const key of nameCountingKeys(other)) if (!own.has(key)) uncounted.add(key);
    }
  }
  for (const { key, count } of await repo.countKeys(db, [...uncounted], PER_KEY_CANDIDATES))
    counts.set(key, count);
  // "How many records carry this key", the would-be record included. Counted up to PER_KEY_CANDIDATES:
  // past that a shared value weighs next to nothing anyway.
  const config = scoreConfig({
    frequency: (key) => (counts.get(key) ?? 0) + (own.has(key) ? 1 : 0),
    thresholds,
  });
  const candidates: DuplicateCandidate[] = [];
  for (const account of accounts) {
    const theirs = account.features as Features[];
    let best: MatchResult | undefined;
    for (const mine of features) {
      for (const other of theirs) {
        const result = scorePair(mine, other, config);
        if (!best || result.score > best.score) best = result;
      }
    }
    if (best && best.verdict !== 'different') {
      candidates.push({
        accountId: account.id,
        ownerId: account.owner_id,
        legalName: account.legal_name,
        result: best,
      });
    }
  }
  return { candidates: candidates.sort((a, b) => b.result.score - a.result.score), thresholds };
}

export interface MatchView {
  verdict: Verdict;
  visible: boolean;
  /** Whether someone owns it (false: in the public pool). Always told. */
  owned: boolean;
  accountId?: string;
  legalName?: string;
  score?: number;
  reasons?: MatchResult['reasons'];
  /**
   * A hidden match: what the caller can do about it. An opaque reference to ask for access or flag a
   * conflict with (`POST /api/v1/access-requests`), good for this caller only and for a week.
   */
  accessRef?: string;
  /** A hidden, owned match, where the organisation allows it: whom to contact (never the customer's data). */
  owner?: repo.OwnerContact;
}

/**
 * What the caller may learn about each match: everything for accounts it can see; for the rest only that
 * the customer exists and whether it is owned — never who owns it or what it holds.
 */
export async function viewMatches(
  db: Executor,
  actor: Actor,
  candidates: DuplicateCandidate[],
): Promise<MatchView[]> {
  const visible = await repo.visibleAccountIds(
    db,
    actor,
    candidates.map((c) => c.accountId),
  );
  return candidates.map((c) =>
    visible.has(c.accountId)
      ? {
          verdict: c.result.verdict,
          visible: true,
          owned: c.ownerId !== null,
          accountId: c.accountId,
          legalName: c.legalName,
          score: Math.round(c.result.score * 1000) / 1000,
          reasons: c.result.reasons,
        }
      : { verdict: c.result.verdict, visible: false, owned: c.ownerId !== null },
  );
}

/**
 * The way out of a dead end, for a caller told a customer exists that it may not see: a reference to ask
 * for access with and, where the organisation's `revealOwnerOnConflict` allows, who holds it. Only for
 * answers made to a person at the moment (a check, a refused create or save) — never for what is stored.
 * Partners are not told who in the company holds a customer: the organisation chart is not theirs.
 */
export async function offerActions(
  db: Executor,
  actor: Actor,
  candidates: readonly DuplicateCandidate[],
  matches: readonly MatchView[],
): Promise<MatchView[]> {
  const userId = actor.id;
  const hidden = candidates.filter((_, i) => matches[i] && !matches[i].visible);
  if (!userId || hidden.length === 0) return [...matches];
  const key = await repo.accessRefKey(db);
  const owners =
    actor.scope === 'partner'
      ? new Map<string, repo.OwnerContact>()
      : await repo.conflictContacts(
          db,
          hidden.filter((c) => c.ownerId !== null).map((c) => c.accountId),
        );
  const expires = Math.floor(Date.now() / 1000) + ACCESS_REF_TTL_SECONDS;
  return matches.map((match, i) => {
    const candidate = candidates[i];
    if (match.visible || !candidate) return match;
    const owner = owners.get(candidate.accountId);
    return {
      ...match,
      accessRef: sealAccessRef(key, { accountId: candidate.accountId, userId, expires }),
      ...(owner && { owner }),
    };
  });
}
