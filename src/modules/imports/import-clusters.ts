import { evidence, isRetryable, type Work } from '../../kernel/index.js';
import {
  accountFeatures,
  admissionKeys,
  admitCustomer,
  placeCustomer,
  type CustomerValues,
} from '../accounts/index.js';
import { normalizeUscc, websiteDomain } from '../matching/index.js';
import { clusterMatchInput } from './analyze.js';
import type { ClusterOutcome, ImportRecord } from './imports.schema.js';

export type Outcome = Exclude<ClusterOutcome, 'skipped'>;

/**
 * Values for one account from rows that are one company, read as matching reads them: phones in E.164 and
 * e-mails normalised (a cell holding several is split), unreadable ones dropped.
 */
export function prepareGroup(records: readonly ImportRecord[]) {
  const input = clusterMatchInput(records);
  const features = accountFeatures(input);
  const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
  // Region and industry are read from the address, the USCC and the name (a file has no codes).
  const values: CustomerValues = placeCustomer({
    legalName: input.legalName,
    aliases: [...(input.aliases ?? [])],
    englishName: null,
    // A USCC that fails its check was reported at review; the account is made without it.
    uscc: uscc?.valid ? uscc.code : null,
    usccValid: uscc?.valid ?? false,
    phones: [...(features[0]?.phones ?? [])],
    emails: [...(features[0]?.emails ?? [])],
    // Like a USCC that fails its check, a website that is no web address was named at review and is left out.
    website: input.website && websiteDomain(input.website) ? input.website : null,
    province: null,
    city: null,
    district: null,
    street: input.street ?? null,
    industry: null,
    regionCode: null,
    regionSource: null,
    industryCode: null,
    industrySource: null,
    size: null,
    source: null,
    tags: [],
    parentId: null,
    isBranch: false,
  });
  return { records, features, values, keys: admissionKeys(features) };
}

export type PreparedGroup = ReturnType<typeof prepareGroup>;

/**
 * Imports rows that are one company, through the one way in: a new account; or, when the company is already
 * here and the importer may see it, its new values folded into that account (a merge); otherwise nothing is
 * written and a person decides. Runs in a savepoint: a group that fails for its own reasons is left for
 * review with the failure as evidence, and the rest of the batch goes on.
 */
export async function importGroup(
  w: Work,
  importId: string,
  clusterId: string,
  { records, features, values }: PreparedGroup,
  reason: string,
  madeByThisImport: ReadonlySet<string>,
): Promise<{ outcome: Outcome; accountIds: string[]; decisionId: string }> {
  const source = {
    kind: 'import' as const,
    importId,
    clusterId,
    lines: records.map((r) => r.line),
    madeByThisImport,
  };
  try {
    const admitted = await w.savepoint(() =>
      admitCustomer(w, { values, contacts: [], features, source, reason }),
    );
    switch (admitted.outcome) {
      case 'created':
        return { outcome: 'created', accountIds: [admitted.account.id], decisionId: admitted.decisionId };
      case 'folded':
        return { outcome: 'merged', accountIds: [admitted.account.id], decisionId: admitted.decisionId };
      case 'needs_review':
        return { outcome: 'needs_review', accountIds: [], decisionId: admitted.decisionId };
    }
  } catch (error) {
    if (isRetryable(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const decisionId = w.decide({
      kind: 'import.cluster',
      subject: { type: 'import', id: importId },
      verdict: 'needs_review',
      rule: { id: 'import.row', version: 1, params: {} },
      evidence: [
        evidence('import.rows', { importId, clusterId, lines: source.lines }),
        evidence('import.row_failed', {
          code: typeof code === 'string' ? code : 'INTERNAL',
          message: error instanceof Error ? error.message.slice(0, 300) : String(error),
        }),
      ],
    });
    return { outcome: 'needs_review', accountIds: [], decisionId };
  }
}
