import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import type { Role } from '../../modules/access/index.js';
import {
  closeOpportunity,
  createOpportunity,
  createProduct,
  createProductLine,
  createQuote,
  logFollowUp,
  sendQuote,
} from '../../modules/activities/index.js';
import type { AccountFacts } from './policy-model.js';
import type { WorldObject } from './visibility-world.js';

/**
 * The activities part of the matrix world: on B, team B's rep logged a follow-up, opened two opportunities
 * (one still open with a draft and a sent quote, one won) — all out of the scope-limited callers' sight. A1's
 * rep quoted A1's customer, a subsidiary of B, over the same dates: the overlap alert that raised names both
 * sides, so a manager of team A sees it with B's side reduced to its team. A catalogue holds one line and one
 * product (the catalogue is the organisation's, not scoped).
 */
export async function buildActivityWorld(
  db: Db,
  world: {
    prefix: string;
    mark: (kind: string) => string;
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    admin: TestUser & { role: Role };
    repB: TestUser;
    repA1: TestUser;
    accountB: { id: string; facts: AccountFacts };
    accountA1: { id: string; facts: AccountFacts };
  },
) {
  const { mark, add } = world;
  const admin = await contextOf(db, world.admin);
  const repB = await contextOf(db, world.repB);
  const repA1 = await contextOf(db, world.repA1);
  const line = await createProductLine(db, admin, {
    code: `${world.prefix}-line`,
    nameZh: '矩阵产品线',
    nameEn: 'Matrix line',
  });
  const product = await createProduct(db, admin, {
    code: `${world.prefix}-product`,
    name: '矩阵产品',
    productLineId: line.id,
    listPrice: '100.00',
    currency: 'CNY',
    active: true,
  });

  const followUpMarker = mark('fu');
  const followUp = await logFollowUp(db, repB, world.accountB.id, {
    kind: 'call',
    at: new Date().toISOString(),
    note: followUpMarker,
  });
  add('follow-up on B', followUp.id, followUpMarker, (s) => s.account(world.accountB.facts));

  const opportunity = async (
    ctx: typeof repB,
    account: { id: string; facts: AccountFacts },
    ownerId: string,
  ) => {
    const marker = mark('op');
    const made = await createOpportunity(db, ctx, {
      accountId: account.id,
      name: marker,
      stage: 'qualify',
      amount: '1000.00',
      currency: 'CNY',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const facts = { account: account.facts, ownerId };
    add(`opportunity ${marker}`, made.id, marker, (s) => s.opportunity(facts));
    return { ...made, facts };
  };
  const openB = await opportunity(repB, world.accountB, world.repB.id);
  const wonB = await opportunity(repB, world.accountB, world.repB.id);
  await closeOpportunity(db, repB, wonB.id, { status: 'won' });
  const openA1 = await opportunity(repA1, world.accountA1, world.repA1.id);

  const window = { validFrom: '2040-01-01', validUntil: '2040-01-31' };
  const quote = async (ctx: typeof repB, on: typeof openB) => {
    const marker = mark('qt');
    const made = await createQuote(db, ctx, {
      opportunityId: on.id,
      ...window,
      note: marker,
      lines: [{ productId: product.id, quantity: 2 }],
    });
    add(`quote ${marker}`, made.id, marker, (s) => s.opportunity(on.facts));
    return made;
  };
  const draftB = await quote(repB, openB);
  const sentB = await quote(repB, openB);
  await sendQuote(db, repB, sentB.id);
  const sentA1 = await quote(repA1, openA1);
  const { alerts } = await sendQuote(db, repA1, sentA1.id);
  if (alerts.length !== 1) throw new Error(`expected one overlap alert, got ${alerts.length}`);
  const alertFacts = { accounts: [world.accountA1.facts, world.accountB.facts] };
  add('overlap alert of A1 and B', alerts[0]!.id, null, (s) => s.overlapAlert(alertFacts));

  return {
    productLine: line,
    product,
    followUp: followUp.id,
    opportunities: { openB: openB.id, wonB: wonB.id, openA1: openA1.id },
    quotes: { draftB: draftB.id, sentB: sentB.id, sentA1: sentA1.id },
    alert: alerts[0]!.id,
  };
}
