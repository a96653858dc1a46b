import { expect, it } from 'vitest';
import { contextOf, makeAccount, makePartnerId, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runWork } from '../../kernel/index.js';
import { refreshProtection } from './refresh.js';

describeEachEngine('refreshProtection', (t) => {
  const db = () => t.database.db;

  it('keeps the partner of a partner rep’s claim when a won deal makes it long-term', async () => {
    const partnerId = await makePartnerId(db());
    const partnerRep = await makeUser(db(), { role: 'partner_user', partnerId });
    const customer = await makeAccount(db(), { owner: partnerRep });
    const before = await db()
      .selectFrom('ownership_claims')
      .selectAll()
      .where('account_id', '=', customer.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(before).toMatchObject({ holder: 'user', user_id: partnerRep.id, partner_id: partnerId });
    await db()
      .insertInto('opportunities')
      .values({
        account_id: customer.id,
        owner_id: partnerRep.id,
        name: 'won deal',
        status: 'won',
        amount_minor: '100000',
        closed_at: new Date().toISOString(),
      })
      .execute();
    const admin = await makeUser(db(), { role: 'admin' });
    await runWork(db(), await contextOf(db(), admin), (w) =>
      refreshProtection(w, [{ id: customer.id }], { dealClosed: true }),
    );
    const after = await db()
      .selectFrom('ownership_claims')
      .selectAll()
      .where('account_id', '=', customer.id)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      kind: 'long_term',
      via: 'won',
      user_id: partnerRep.id,
      partner_id: partnerId,
    });
    const account = await db()
      .selectFrom('accounts')
      .select(['owner_id', 'partner_id'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ owner_id: partnerRep.id, partner_id: partnerId });
  });
});
