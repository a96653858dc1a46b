import type { Tx } from '../../db/database.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import type { Actor } from '../access/index.js';
import { assertMayRegister, tierRegistrationTerms, type RegistrationTerms } from '../partners/index.js';
import { checkFence, fenceInForce } from '../territories/index.js';
import * as repo from './registrations.repo.js';

/**
 * Where partners and territories come into deal registration: the partner's tier sets how long an approved
 * registration is protected (and, where it has one, the auto-approval rule), and a partner may register only while it is active with its registration rights
 * intact (a lapsed required certification suspends them), inside its authorised territory (电子围栏).
 */
export interface RegistrationPolicy {
  /** The partner tier's terms: how long a registration is protected, and its auto-approval rule if any. */
  terms(tx: Tx, partnerId: string): Promise<RegistrationTerms>;
  /**
   * Throws when this partner may not register this deal: not its own partner, a partner not active or with
   * its rights suspended, a customer outside its authorised region × industry × product lines
   * (OUTSIDE_TERRITORY, with what the partner is authorised for).
   */
  assertMayRegister(
    tx: Tx,
    partnerId: string,
    deal: {
      regionCode: string | null;
      industryCode: string | null;
      productLineIds: string[];
      accountId: string | null;
      date: string;
    },
  ): Promise<void>;
}

/** A policy for one unit of work: the terms read with the partner's standing are not read again. */
export function channelPolicy(actor: Actor): RegistrationPolicy {
  const read = new Map<string, RegistrationTerms>();
  return {
    terms: async (tx, partnerId) => read.get(partnerId) ?? tierRegistrationTerms(tx, partnerId),
    assertMayRegister: async (tx, partnerId, deal) => {
      if (actor.scope !== 'all' && actor.partnerId !== partnerId)
        throw forbidden('Only the partner’s own people register its deals');
      read.set(partnerId, (await assertMayRegister(tx, partnerId)).terms);
      // Until the channel draws its territories there is no fence to keep to.
      if (!(await fenceInForce(tx))) return;
      if (!deal.regionCode)
        throw invalid([
          {
            field: 'customer.regionCode',
            problem: 'required',
            message: 'is needed to check the partner’s territory',
          },
        ]);
      const lines = deal.productLineIds.length
        ? await repo.productLineCodes(tx, deal.productLineIds)
        : [null];
      for (const productLineCode of lines) {
        const verdict = await checkFence(tx, {
          partnerId,
          regionCode: deal.regionCode,
          industryCode: deal.industryCode,
          productLineCode,
          accountId: deal.accountId,
          date: deal.date,
        });
        if (!verdict.allowed)
          throw new AppError('OUTSIDE_TERRITORY', 'The deal is outside the partner’s authorised territory', {
            regionCode: deal.regionCode,
            industryCode: deal.industryCode,
            productLineCode,
            reason: verdict.reason,
            authorised: verdict.authorised,
          });
      }
    },
  };
}
