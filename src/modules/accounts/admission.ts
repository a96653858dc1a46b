import { AppError, notFound } from '../../errors.js';
import { assertEditable, evidence, type Evidence, type JsonObject, type Work } from '../../kernel/index.js';
import type { Features } from '../matching/index.js';
import {
  chooseInitialOwner,
  openInitialClaim,
  type InitialOwner,
  type OwnerFromFile,
} from '../ownership/index.js';
import { notActive, saveAccount, toAccount, toContact, type Contact } from './account-store.js';
import type { Account } from './accounts.schema.js';
import * as repo from './accounts.repo.js';
import {
  findDuplicates,
  lockKeys,
  type Duplicates,
  matchKeys,
  offerActions,
  viewMatches,
  type DuplicateCandidate,
  type MatchView,
} from './duplicates.js';
import { applyMerge, planMerge } from './merge.js';

/**
 * The one way a customer gets in. Create, import and (later) deal registration all call `admitCustomer`
 * inside their unit of work: it takes the match keys' locks, runs the duplicate check, decides by the
 * caller's policy, stores the new account or folds the values into the existing one, and records the
 * decision — with every candidate and its evidence — beside the audit entry.
 */

export interface CustomerValues {
  legalName: string;
  aliases: string[];
  englishName: string | null;
  uscc: string | null;
  usccValid: boolean;
  phones: string[];
  emails: string[];
  website: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  industry: string | null;
  regionCode: string | null;
  regionSource: Account['regionSource'];
  industryCode: string | null;
  industrySource: Account['industrySource'];
  size: Account['size'];
  source: string | null;
  tags: string[];
  parentId: string | null;
  isBranch: boolean;
}

export interface ContactValues {
  name: string;
  mobile: string | null;
  email: string | null;
  title: string | null;
}

export type AdmissionSource =
  | { kind: 'create' }
  | {
      kind: 'import';
      importId: string;
      clusterId: string;
      lines: number[];
      /**
       * Accounts this import already made from other rows: the review decided those rows are other
       * companies, so the import does not fold into them by the database's rules (one rule set, one answer).
       */
      madeByThisImport?: ReadonlySet<string>;
    };

export interface AdmissionRequest {
  values: CustomerValues;
  contacts: ContactValues[];
  features: Features[];
  source: AdmissionSource;
  /** A person looked at the look-alikes and creates anyway, for this reason (create only). */
  confirmReason?: string | undefined;
  /** Why, for the audit trail. */
  reason?: string | undefined;
  /**
   * A person settling an import row the import left for review: create it after all (the create policy:
   * the same customer is refused, a look-alike needs `confirmReason`), or fold it into an account they chose.
   */
  choice?: { action: 'create' } | { action: 'merge'; accountId: string };
  /**
   * The owner an imported file names, already checked against what the importer may assign: a new account
   * goes to that user, with evidence that the file said so. A fold into an existing account keeps its owner.
   */
  owner?: OwnerFromFile | undefined;
  /**
   * Who holds the new account, decided by the caller instead of the assignment rules: an approved deal
   * registration admits its customer straight to the partner (the registrations module then dates the claim).
   */
  holder?: InitialOwner | undefined;
  /**
   * The duplicate check the caller already ran on these same features in this unit of work, after taking
   * `admissionKeys(features)`: admission uses it instead of asking the database again (deal registration
   * screens the customer, then admits it in the same transaction under the same locks).
   */
  checked?: Duplicates | undefined;
}

export type Admission =
  | { outcome: 'created'; account: Account; contacts: Contact[]; matches: MatchView[]; decisionId: string }
  | { outcome: 'folded'; account: Account; mergeId: string; decisionId: string }
  | { outcome: 'needs_review'; matches: MatchView[]; decisionId: string };

const RULE = 'account.admission';
const RULE_VERSION = 1;

/** Each candidate as evidence: its verdict and score, made of the field-by-field evidence. */
function candidateEvidence(candidates: readonly DuplicateCandidate[]): Evidence[] {
  return candidates.map((c) => ({
    code: `match.${c.result.verdict}`,
    params: { accountId: c.accountId, score: Math.round(c.result.score * 1000) / 1000 },
    evidence: c.result.reasons,
  }));
}

function sourceEvidence(source: AdmissionSource): Evidence[] {
  return source.kind === 'import'
    ? [
        evidence('import.rows', {
          importId: source.importId,
          clusterId: source.clusterId,
          lines: source.lines,
        }),
      ]
    : [];
}

/** The advisory keys admitting these features takes: bulk callers take a batch's keys at once, first. */
export const admissionKeys = (features: readonly Features[]) => lockKeys(matchKeys(features));

/**
 * Locks the keys these features would hold, then finds who already holds them (or takes the check the
 * caller ran under those locks: taking keys already held sends nothing).
 */
async function screen(
  w: Work,
  features: readonly Features[],
  excludeIds?: readonly string[],
  passOver?: ReadonlySet<string>,
  checked?: Duplicates,
) {
  await w.lockKeys(admissionKeys(features));
  const found = checked ?? (await findDuplicates(w.tx, features, { excludeIds }));
  const candidates = passOver ? found.candidates.filter((c) => !passOver.has(c.accountId)) : found.candidates;
  const { thresholds } = found;
  const matches = await viewMatches(w.tx, w.actor, candidates);
  const rule = (params: JsonObject) => ({
    id: RULE,
    version: RULE_VERSION,
    params: { same: thresholds.same, possible: thresholds.possible, ...params },
  });
  return { candidates, matches, rule };
}

export async function admitCustomer(w: Work, request: AdmissionRequest): Promise<Admission> {
  const { candidates, matches, rule } = await screen(
    w,
    request.features,
    undefined,
    request.source.kind === 'import' ? request.source.madeByThisImport : undefined,
    request.checked,
  );
  const same = matches.find((m) => m.verdict === 'same');
  const found = candidateEvidence(candidates);
  const origin = [
    ...sourceEvidence(request.source),
    ...(request.choice?.action === 'create' ? [evidence('import.resolved', { action: 'create' })] : []),
  ];

  if (request.choice?.action === 'merge') {
    const chosen = request.choice.accountId;
    if (!(await repo.findVisibleAccount(w.tx, w.actor, chosen))) throw notFound('account', chosen);
    await assertEditable(w.tx, 'account', w.actor, chosen);
    const byPerson = [...origin, evidence('import.resolved', { action: 'merge', accountId: chosen })];
    const folded = await foldInto(w, chosen, request, rule, found, byPerson);
    if (!folded) throw notActive(chosen, (await repo.findAccount(w.tx, chosen))?.status);
    return folded;
  }
  if (request.source.kind === 'create' || request.choice?.action === 'create') {
    if (same)
      throw new AppError('DUPLICATE_ACCOUNT', 'This customer already exists', {
        matches: await offerActions(w.tx, w.actor, candidates, matches),
      });
    if (matches.length > 0 && !request.confirmReason) {
      throw new AppError(
        'POSSIBLE_DUPLICATE',
        'Similar customers exist; confirm with a reason to create anyway',
        { matches: await offerActions(w.tx, w.actor, candidates, matches) },
      );
    }
  } else {
    if (same?.visible && same.accountId) {
      const folded = await foldInto(w, same.accountId, request, rule, found, origin);
      if (folded) return folded;
    }
    if (matches.length > 0) {
      // A look-alike, or the same customer held where the importer cannot see it: a person decides.
      const decisionId = w.decide({
        kind: 'import.cluster',
        subject: { type: 'import', id: request.source.importId },
        verdict: 'needs_review',
        rule: rule({ source: 'import' }),
        evidence: [
          ...origin,
          ...(same && !same.visible ? [evidence('match.same_not_visible')] : []),
          ...found,
        ],
      });
      return { outcome: 'needs_review', matches, decisionId };
    }
  }
  return insertCustomer(w, request, rule, found, origin, matches);
}

async function insertCustomer(
  w: Work,
  request: AdmissionRequest,
  rule: (params: JsonObject) => { id: string; version: number; params: JsonObject },
  found: Evidence[],
  origin: Evidence[],
  matches: MatchView[],
): Promise<Admission> {
  const v = request.values;
  const owner =
    request.holder ??
    (await chooseInitialOwner(
      w,
      {
        regionCode: v.regionCode,
        industryCode: v.industryCode,
        size: v.size,
        source: v.source,
        tags: v.tags,
        parentId: v.parentId,
      },
      request.source.kind === 'import' ? 'import' : 'create',
      request.owner,
    ));
  const row = await repo.insertAccount(
    w.tx,
    {
      legal_name: v.legalName,
      aliases: v.aliases,
      english_name: v.englishName,
      uscc: v.uscc,
      uscc_valid: v.usccValid,
      phones: v.phones,
      emails: v.emails.map((e) => e.toLowerCase()),
      website: v.website,
      province: v.province,
      city: v.city,
      district: v.district,
      street: v.street,
      industry: v.industry,
      region_code: v.regionCode,
      region_source: v.regionSource,
      industry_code: v.industryCode,
      industry_source: v.industrySource,
      size: v.size,
      source: v.source,
      tags: v.tags,
      parent_id: v.parentId,
      is_branch: v.isBranch,
      owner_id: owner.ownerId,
      partner_id: owner.partnerId,
      features: JSON.stringify(request.features),
      created_by: w.actor.id,
    },
    matchKeys(request.features),
  );
  const contacts = (
    await repo.insertContacts(
      w.tx,
      request.contacts.map((c) => ({ ...c, account_id: row.id })),
    )
  ).map(toContact);
  const account = toAccount(row);
  const confirmed = request.confirmReason
    ? [evidence('admission.confirmed', { reason: request.confirmReason })]
    : [];
  const decisionId = w.decide({
    kind: 'account.admission',
    subject: { type: 'account', id: account.id },
    verdict: found.length > 0 ? 'created_despite_possible' : 'created',
    rule: rule({ source: request.source.kind }),
    evidence: [
      ...origin,
      ...(found.length > 0 ? found : [evidence('match.none')]),
      ...confirmed,
      owner.evidence,
    ],
    // Assignment rules consulted before the one that placed the customer, and why each did not apply.
    ...(owner.notApplied && owner.notApplied.length > 0 && { notApplied: owner.notApplied }),
  });
  await openInitialClaim(w, account.id, owner, decisionId);
  w.audit({
    action: 'account.created',
    entityType: 'account',
    entityId: account.id,
    after: { ...account, contacts },
    reason: request.confirmReason ?? request.reason,
    decisionId,
  });
  w.emit('account.created', { accountId: account.id, ownerId: account.ownerId });
  return { outcome: 'created', account, contacts, matches, decisionId };
}

/**
 * Folds imported values into the account they are: recorded as a merge without a merged account (its
 * source names the import rows), so it shows in the account's merge history and can be taken back.
 */
async function foldInto(
  w: Work,
  accountId: string,
  request: AdmissionRequest,
  rule: (params: JsonObject) => { id: string; version: number; params: JsonObject },
  found: Evidence[],
  origin: Evidence[],
): Promise<Admission | null> {
  if (request.source.kind !== 'import') return null;
  const current = await repo.findAccount(w.tx, accountId, true);
  if (!current || current.status !== 'active') return null;
  const before = toAccount(current);
  const incoming: Account = { ...before, ...request.values, id: before.id, englishName: null, tags: [] };
  const delta = planMerge(before, incoming);
  const after = await saveAccount(w.tx, applyMerge(before, delta));
  const decisionId = w.decide({
    kind: 'account.merge',
    subject: { type: 'account', id: accountId },
    verdict: 'folded',
    rule: rule({ source: 'import' }),
    evidence: [...origin, ...found],
  });
  const source = {
    importId: request.source.importId,
    clusterId: request.source.clusterId,
    lines: request.source.lines,
  };
  const merge = await repo.insertMerge(w.tx, {
    survivor_id: accountId,
    merged_id: null,
    source: JSON.stringify(source),
    decision_id: decisionId,
    reason: request.reason ?? 'import',
    added: JSON.stringify(delta),
    moved: JSON.stringify({ contacts: [], children: [] }),
    merged_by: w.actor.id,
  });
  w.audit({
    action: 'account.merged',
    entityType: 'account',
    entityId: accountId,
    before: { survivor: before },
    after: { survivor: after, mergeId: merge.id, delta, source },
    reason: request.reason,
    decisionId,
  });
  w.emit('account.merged', { survivorId: accountId, mergedId: null, mergeId: merge.id });
  return { outcome: 'folded', account: after, mergeId: merge.id, decisionId };
}

/**
 * An existing account whose identity changes (renamed, a new USCC or phone) or that comes back from the
 * archive must pass the check a new one passes: the same customer already here is refused, a look-alike
 * needs a confirmed reason. Returns the decision that let it through.
 */
export async function readmitCustomer(
  w: Work,
  accountId: string,
  features: readonly Features[],
  options: { confirmReason?: string | undefined; occasion: 'update' | 'restore' },
): Promise<string> {
  const { candidates, matches, rule } = await screen(w, features, [accountId]);
  if (matches.some((m) => m.verdict === 'same')) {
    throw new AppError(
      'DUPLICATE_ACCOUNT',
      options.occasion === 'restore'
        ? 'This customer exists again; merge instead of restoring'
        : 'Another account already is this customer; merge instead',
      { matches: await offerActions(w.tx, w.actor, candidates, matches) },
    );
  }
  if (matches.length > 0 && !options.confirmReason) {
    throw new AppError(
      'POSSIBLE_DUPLICATE',
      'Similar customers exist; confirm with a reason to save anyway',
      { matches: await offerActions(w.tx, w.actor, candidates, matches) },
    );
  }
  const found = candidateEvidence(candidates);
  return w.decide({
    kind: 'account.admission',
    subject: { type: 'account', id: accountId },
    verdict: found.length > 0 ? 'readmitted_despite_possible' : 'readmitted',
    rule: rule({ source: options.occasion }),
    evidence: [
      ...(found.length > 0 ? found : [evidence('match.none')]),
      ...(options.confirmReason ? [evidence('admission.confirmed', { reason: options.confirmReason })] : []),
    ],
  });
}
