import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import { decideCase, listCases } from '../../modules/cases/cases.service.js';
import { createRegistration, submitRegistration } from '../../modules/registrations/registrations.service.js';
import { registrationBody } from '../../modules/registrations/testing.js';
import type { WorldObject } from './visibility-world.js';

/**
 * Conflict cases in the matrix world: partner P2 registers team B's direct customer twice and is refused
 * both times; each refusal opens a case (P2 against team B's rep). One stays open (the probes read it), the
 * other is dismissed (mutating probes aim at it, which whoever may act refuses with 409). Neither is in
 * sight of P1's people nor of team A's staff.
 */
export async function buildCaseWorld(
  db: Db,
  world: {
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    p2User: TestUser;
    ops: TestUser;
    partnerId: string;
    directOwnerId: string;
    customerName: string;
    productId: string;
  },
) {
  const p2 = await contextOf(db, world.p2User);
  const ops = await contextOf(db, world.ops);
  const facts = { partnerId: world.partnerId, otherPartnerId: null, directOwnerId: world.directOwnerId };
  const refused = async () => {
    const draft = await createRegistration(db, p2, registrationBody(world.customerName, world.productId));
    const submitted = await submitRegistration(db, p2, draft.id);
    if (submitted.refusal?.code !== 'DIRECT_CUSTOMER')
      throw new Error(`the case world expected a direct customer, got ${JSON.stringify(submitted.refusal)}`);
    const found = (await listCases(db, ops, { limit: 200, offset: 0 })).items.find(
      (c) => c.registrationId === draft.id,
    );
    if (!found) throw new Error('the refusal opened no case');
    world.add(`case of ${draft.id}`, found.id, null, (s) => s.case(facts));
    return found.id;
  };
  const open = await refused();
  const decided = await refused();
  await decideCase(db, ops, decided, { outcome: 'dismissed', reason: 'matrix world' });
  return { open, decided };
}
