import { evidence, type Evidence, type Work } from '../../kernel/index.js';
import { admissionKeys, findDuplicates, type Duplicates } from '../accounts/index.js';
import { blockingKeys, scoreConfig, scorePair, type Features, type MatchResult } from '../matching/index.js';
import { addDays, localDate } from '../ownership/index.js';
import * as repo from './registrations.repo.js';
import type { Refusal } from './registrations.schema.js';
import { refusalFor } from './verdict.js';

/**
 * Matching a registration's end customer through the identity engine — the accounts' duplicate check and
 * the same scorer against every registration holding a customer — under the advisory locks account
 * admission takes on the strongest identity keys (`admissionKeys`). Two partners registering spelling
 * variants of one company at one instant queue on a shared key, so the second sees the first; the partial
 * unique index on held protections catches whatever got past.
 */

export interface Screening {
  refusal: Refusal | null;
  /** The customer's identity for the protection index: the account, or the registration that brought it. */
  customerKey: string;
  lineKeys: string[];
  keys: string[];
  accountId: string | null;
  /** A look-alike (not the same) account or registration: a reviewer decides. */
  lookalike: boolean;
  /** For the decision, read in full by the channel only. */
  evidence: Evidence[];
  /** The accounts' duplicate check, run under the admission keys: approving in this unit of work reuses it. */
  checked: Duplicates;
}

export interface ScreenContext {
  settings: repo.SettingsRow;
  timeZone: string;
  now: Date;
}

function best(
  mine: readonly Features[],
  theirs: readonly Features[],
  config: ReturnType<typeof scoreConfig>,
) {
  let top: MatchResult | undefined;
  for (const a of mine)
    for (const b of theirs) {
      const r = scorePair(a, b, config);
      if (!top || r.score > top.score) top = r;
    }
  return top;
}

const score = (r: MatchResult) => Math.round(r.score * 1000) / 1000;

export async function screenRegistration(
  w: Work,
  reg: repo.RegistrationRow,
  c: ScreenContext,
): Promise<Screening> {
  const features = reg.features as Features[];
  const keys = [...new Set(features.flatMap(blockingKeys))];
  await w.lockKeys(admissionKeys(features));
  const found = await findDuplicates(w.tx, features);
  const sameAccount = found.candidates.find((x) => x.result.verdict === 'same') ?? null;
  const config = scoreConfig({ thresholds: found.thresholds });
  const scored = (await repo.registrationsWithKeys(w.tx, keys, reg.id)).flatMap((r) => {
    const result = best(features, r.features as Features[], config);
    return result && result.verdict !== 'different' ? [{ row: r, result }] : [];
  });
  const sameRegs = scored.filter((s) => s.result.verdict === 'same');
  const theirKeys = await repo.protectionsOf(
    w.tx,
    sameRegs.map((s) => s.row.id),
  );
  const accountKey = sameAccount ? `a:${sameAccount.accountId}` : null;
  const customerKeys = [
    ...new Set([...(accountKey ? [accountKey] : []), ...theirKeys.map((p) => p.customer_key)]),
  ];
  const customerKey = accountKey ?? theirKeys[0]?.customer_key ?? `r:${reg.id}`;
  const perLine = c.settings.protection_scope === 'customer_product_line';
  const lineKeys = perLine && reg.product_line_ids.length > 0 ? [...new Set(reg.product_line_ids)] : ['*'];
  const held = (await repo.heldProtections(w.tx, customerKeys, reg.id)).filter(
    (h) => !perLine || h.line_key === '*' || lineKeys.includes(h.line_key) || lineKeys.includes('*'),
  );

  let account: Parameters<typeof refusalFor>[0]['account'] = null;
  let directFollowUpUntil: string | null = null;
  const evidenceList: Evidence[] = [];
  if (sameAccount) {
    const holder = await repo.accountHolder(w.tx, sameAccount.accountId);
    const direct =
      !!holder && ((holder.owner_id !== null && holder.partner_id === null) || holder.queue_team_id !== null);
    const otherPartner =
      holder?.partner_id && holder.partner_id !== reg.partner_id
        ? {
            partnerId: holder.partner_id,
            until: holder.ends_at ? addDays(localDate(holder.ends_at, c.timeZone), -1) : null,
          }
        : null;
    account = { direct, otherPartner };
    evidenceList.push(
      evidence('registration.account', {
        accountId: sameAccount.accountId,
        ownerId: holder?.owner_id ?? null,
        partnerId: holder?.partner_id ?? null,
        poolId: holder?.pool_id ?? null,
        teamId: holder?.queue_team_id ?? null,
      }),
    );
    const days = c.settings.direct_follow_up_days;
    if (!direct && days > 0) {
      const since = new Date(c.now.getTime() - days * 86_400_000).toISOString();
      const last = await repo.lastDirectFollowUp(w.tx, sameAccount.accountId, since);
      if (last) directFollowUpUntil = addDays(localDate(last, c.timeZone), days);
    }
  }
  for (const h of held)
    evidenceList.push(
      evidence('registration.held', {
        registrationId: h.registration_id,
        partnerId: h.partner_id,
        lineKey: h.line_key,
        protectedUntil: h.protected_until,
      }),
    );
  const candidates: Evidence[] = [
    ...found.candidates.map((x) => ({
      code: `match.${x.result.verdict}`,
      params: { accountId: x.accountId, score: score(x.result) },
      evidence: x.result.reasons,
    })),
    ...scored.map((s) => ({
      code: `match.${s.result.verdict}`,
      params: { registrationId: s.row.id, score: score(s.result) },
      evidence: s.result.reasons,
    })),
  ];
  const refusal = refusalFor({
    partnerId: reg.partner_id,
    held: held.map((h) => ({
      registrationId: h.registration_id,
      partnerId: h.partner_id,
      protectedUntil: h.protected_until,
    })),
    account,
    directFollowUpUntil,
    amountMinor: BigInt(reg.amount_minor),
    currency: reg.currency,
    minimum: { minor: BigInt(c.settings.minimum_amount_minor), currency: c.settings.currency },
  });
  const lookalike =
    found.candidates.some((x) => x.result.verdict !== 'same') ||
    scored.some((s) => s.result.verdict !== 'same');
  return {
    refusal,
    customerKey,
    lineKeys,
    keys,
    accountId: sameAccount?.accountId ?? null,
    lookalike,
    checked: found,
    evidence: [...evidenceList, ...(candidates.length > 0 ? candidates : [evidence('match.none')])],
  };
}
