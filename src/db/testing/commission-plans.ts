import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { planRules, type PlanRulesInput } from '../../modules/commission/rules.js';

/**
 * Test plans written straight into the tables (as the plan routes would leave them once published), so
 * period and statement tests do not depend on the plan editor's flow.
 */

export async function makePlan(
  db: Db,
  options: {
    rules: PlanRulesInput;
    effectiveFrom: string;
    payees: { userId?: string; partnerId?: string; startDate?: string; endDate?: string | null }[];
    /** Money targets in minor units (units plans: units), per payee index and period start. */
    targets?: { payee: number; periodStart: string; target: string }[];
    createdBy?: string | null;
  },
) {
  const code = `P${randomBytes(4).toString('hex')}`;
  const plan = await db
    .insertInto('commission_plans')
    .values({
      code,
      name: `Plan ${code}`,
      payee_type: options.payees[0]?.partnerId ? 'partner' : 'user',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await publishVersion(db, plan.id, 1, options.effectiveFrom, options.rules, 'initial');
  const payees: { id: string }[] = [];
  for (const p of options.payees)
    payees.push(
      await db
        .insertInto('commission_payees')
        .values({
          plan_id: plan.id,
          user_id: p.userId ?? null,
          partner_id: p.partnerId ?? null,
          start_date: p.startDate ?? options.effectiveFrom,
          end_date: p.endDate ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  await setTargets(
    db,
    version.id,
    (options.targets ?? []).map((t) => ({ ...t, payeeId: payees[t.payee]!.id })),
  );
  return { planId: plan.id, versionId: version.id, payeeIds: payees.map((p) => p.id) };
}

export async function publishVersion(
  db: Db,
  planId: string,
  version: number,
  effectiveFrom: string,
  rules: PlanRulesInput,
  reasonCode: 'initial' | 'force_majeure' | 'market_change' | 'arbitration' | 'correction' | 'other',
  reasonNote: string | null = null,
) {
  return db
    .insertInto('commission_plan_versions')
    .values({
      plan_id: planId,
      version,
      effective_from: effectiveFrom,
      rules: JSON.stringify(planRules.parse(rules)),
      reason_code: reasonCode,
      reason_note: reasonNote,
      status: 'published',
      decided_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function setTargets(
  db: Db,
  versionId: string,
  targets: { payeeId: string; periodStart: string; target: string }[],
) {
  if (targets.length === 0) return;
  await db
    .insertInto('commission_targets')
    .values(
      targets.map((t) => ({
        payee_id: t.payeeId,
        period_start: t.periodStart,
        version_id: versionId,
        target: t.target,
      })),
    )
    .execute();
}
