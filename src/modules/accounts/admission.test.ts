import { expect, it } from 'vitest';
import { contextOf, makeAccount, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { runWork } from '../../kernel/index.js';
import { accountFeatures } from './duplicates.js';
import { admitCustomer, type AdmissionRequest, type CustomerValues } from './admission.js';

const values = (legalName: string, extra: Partial<CustomerValues> = {}): CustomerValues => ({
  legalName,
  aliases: [],
  englishName: null,
  uscc: null,
  usccValid: false,
  phones: [],
  emails: [],
  website: null,
  province: null,
  city: null,
  district: null,
  street: null,
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
  ...extra,
});

const request = (v: CustomerValues, source: AdmissionRequest['source']): AdmissionRequest => ({
  values: v,
  contacts: [],
  features: accountFeatures(v),
  source,
});

describeEachEngine('admitting a customer: the one way in', (t) => {
  const importSource = {
    kind: 'import' as const,
    importId: crypto.randomUUID(),
    clusterId: 'C1',
    lines: [2, 3],
  };

  it('creates a new customer held by whoever brought it in, with the decision that let it in', async () => {
    const rep = await makeUser(t.database.db, { role: 'rep' });
    const admitted = await runWork(t.database.db, await contextOf(t.database.db, rep), (w) =>
      admitCustomer(
        w,
        request(values('青岛崂山矿泉水有限公司', { phones: ['+8653288880000'] }), { kind: 'create' }),
      ),
    );
    expect(admitted.outcome).toBe('created');
    if (admitted.outcome !== 'created') return;
    expect(admitted.account.ownerId).toBe(rep.id);
    const decision = await t.database.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', admitted.decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      kind: 'account.admission',
      verdict: 'created',
      subject_id: admitted.account.id,
    });
    expect((decision.evidence as { code: string }[]).map((e) => e.code)).toEqual([
      'match.none',
      'owner.creator',
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('decision_id', '=', admitted.decisionId)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('account.created');
  });

  it('refuses the same customer at create, and asks a person about a look-alike', async () => {
    const existing = await makeAccount(t.database.db, { legalName: '烟台张裕葡萄酿酒有限公司' });
    const rep = await makeUser(t.database.db, { role: 'rep' });
    const ctx = await contextOf(t.database.db, rep);
    await expect(
      runWork(t.database.db, ctx, (w) =>
        admitCustomer(w, request(values('烟台张裕葡萄酿酒有限公司'), { kind: 'create' })),
      ),
    ).rejects.toMatchObject({ code: 'DUPLICATE_ACCOUNT' });
    expect(existing.status).toBe('active');
  });

  it('folds an import row into the customer the importer can see, as a merge that names its rows', async () => {
    const ops = await makeUser(t.database.db, { role: 'sales_ops' });
    const existing = await makeAccount(t.database.db, { legalName: '威海海之宝食品有限公司', owner: ops });
    const admitted = await runWork(t.database.db, await contextOf(t.database.db, ops), (w) =>
      admitCustomer(
        w,
        request(values('威海海之宝食品有限公司', { phones: ['+8663158880000'] }), importSource),
      ),
    );
    expect(admitted).toMatchObject({
      outcome: 'folded',
      account: { id: existing.id, phones: ['+8663158880000'] },
    });
    const merge = await t.database.db
      .selectFrom('account_merges')
      .selectAll()
      .where('survivor_id', '=', existing.id)
      .executeTakeFirstOrThrow();
    expect(merge).toMatchObject({
      merged_id: null,
      source: { importId: importSource.importId, lines: [2, 3] },
    });
  });

  it('leaves an import row for review when the same customer is held where the importer cannot see it', async () => {
    const otherRep = await makeUser(t.database.db, { role: 'rep' });
    await makeAccount(t.database.db, { legalName: '日照港集团岚山贸易有限公司', owner: otherRep });
    const manager = await makeUser(t.database.db, { role: 'manager' });
    const admitted = await runWork(t.database.db, await contextOf(t.database.db, manager), (w) =>
      admitCustomer(w, request(values('日照港集团岚山贸易有限公司'), importSource)),
    );
    expect(admitted.outcome).toBe('needs_review');
    if (admitted.outcome !== 'needs_review') return;
    expect(admitted.matches).toEqual([{ verdict: 'same', visible: false, owned: true }]);
    const decision = await t.database.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', admitted.decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      kind: 'import.cluster',
      verdict: 'needs_review',
      subject_type: 'import',
    });
    expect((decision.evidence as { code: string }[]).map((e) => e.code)).toContain('match.same_not_visible');
  });
});
