import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import { addPayee } from '../../modules/commission/payees.service.js';
import { amendPlan, createPlan, decideVersion } from '../../modules/commission/plans.service.js';
import { planRules } from '../../modules/commission/rules.js';
import type { WorldObject } from './visibility-world.js';

const rules = planRules.parse({
  currency: 'CNY',
  period: 'month',
  tiers: [
    { from: '0', to: '100', rate: '5' },
    { from: '100', to: null, rate: '8' },
  ],
});

/**
 * Commission plans in the matrix world, written by team A's sales ops and published by its finance: one
 * paying team B's rep (version 1 published, an amendment waiting as a draft), one paying partner P2
 * (published). Neither is in sight of a rep or P1's people; managers see both plans, not their payees.
 * Mutating probes aim at the published version 1 or repeat what is there, which whoever may act refuses.
 */
export async function buildCommissionWorld(
  db: Db,
  world: {
    mark: (kind: string) => string;
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    author: TestUser;
    approver: TestUser;
    repB: TestUser;
    partnerId: string;
  },
) {
  const author = await contextOf(db, world.author);
  const approver = await contextOf(db, world.approver);
  const plan = async (payee: { userId: string | null; partnerId: string | null }) => {
    const marker = world.mark('cp');
    const created = await createPlan(db, author, {
      code: marker,
      name: `提成方案${marker}`,
      payeeType: payee.userId ? 'user' : 'partner',
      effectiveFrom: '2025-01-01',
      rules,
    });
    const onPlan = await addPayee(db, author, created.id, {
      ...(payee.userId ? { userId: payee.userId } : { partnerId: payee.partnerId! }),
      startDate: '2025-01-01',
    });
    const v1 = created.versions[0]!.id;
    await decideVersion(db, approver, created.id, v1, 'published', undefined);
    world.add(`commission plan ${marker}`, created.id, marker, (s) => s.commissionPlan([payee]));
    world.add(`payee on ${marker}`, onPlan.id, null, (s) => s.commissionPayee(payee));
    return { id: created.id, payeeId: onPlan.id, v1 };
  };
  const planB = await plan({ userId: world.repB.id, partnerId: null });
  const planP2 = await plan({ userId: null, partnerId: world.partnerId });
  const amended = await amendPlan(db, author, planB.id, {
    effectiveFrom: '2026-01-01',
    rules,
    reasonCode: 'market_change',
    reasonNote: 'matrix world',
  });
  return { planB: { ...planB, draft: amended.versions[1]!.id }, planP2 };
}
