import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import { raiseDispute, resolveDispute } from '../../modules/commission/disputes.service.js';
import { earningLine, makeStatementFixture } from '../../db/testing/commission-statements.js';
import type { Sight } from './policy-model.js';
import type { WorldObject } from './visibility-world.js';

/**
 * Commission statements in the matrix world: plan A pays team A's rep and team B's rep, plan B team B's rep
 * alone; January is locked in both. Team B's rep disputed its plan-B line and finance rejected it, so
 * mutating probes aim at a resolved dispute (whoever may act gets 409 and nothing changes). Team B's rep's
 * statements, its dispute and plan B are out of every scope-limited caller's sight; team A's rep sees its own
 * statement once locked. Plan B itself is not an object of this world: the plan policy shows every plan to
 * managers; attainment asks about its payees, which only scope all sees.
 */
export async function buildCommissionExtrasWorld(
  db: Db,
  world: {
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    repA: TestUser;
    repB: TestUser;
    finance: TestUser;
  },
) {
  const line = () => earningLine(1_000_000n, '7', 1, 70_000n, '90.00');
  const result = { measure: 900_000n, target: 1_000_000n, earned: 70_000n, lines: [line()] };
  const planA = await makeStatementFixture(db, {
    payees: [world.repA.id, world.repB.id],
    periods: [{ start: '2026-01-01', status: 'locked', results: [result, result] }],
  });
  const planB = await makeStatementFixture(db, {
    payees: [world.repB.id],
    periods: [{ start: '2026-01-01', status: 'locked', results: [result] }],
  });
  // Team B's rep's commission: seen by scope all, and by whoever has that rep in its user scope.
  const seesB = (s: Sight) => s.scope !== 'partner' && s.user(world.repB.id);
  const lineB = planB.periods[0]!.lineIds[0]![0]!;
  const dispute = await raiseDispute(db, await contextOf(db, world.repB), lineB, 'matrix world');
  await resolveDispute(db, await contextOf(db, world.finance), dispute.id, {
    outcome: 'rejected',
    note: 'matrix world',
  });
  world.add('commission payee B', planB.payeeIds[0]!, null, seesB);
  world.add('commission period B', planB.periods[0]!.id, null, seesB);
  world.add('commission line B', lineB, null, seesB);
  world.add('commission dispute B', dispute.id, null, seesB);
  return {
    planA: planA.planId,
    periodA: planA.periods[0]!.id,
    payeeA: planA.payeeIds[0]!,
    lineA: planA.periods[0]!.lineIds[0]![0]!,
    planB: planB.planId,
    payeeB: planB.payeeIds[0]!,
    periodB: planB.periods[0]!.id,
    lineB,
    disputeB: dispute.id,
  };
}
