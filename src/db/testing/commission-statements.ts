import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import type { CommissionLineKind, CommissionPeriodStatus } from '../types.js';
import type { Evidence } from '../../kernel/decision.js';
import { periodOf } from '../../modules/commission/calendar.js';
import { planRules, type PlanRulesInput } from '../../modules/commission/rules.js';
import { makePlan } from './commission-plans.js';
import { makeTeam, makeUser } from './factories.js';

/**
 * A commission plan with statements, written straight into the tables (no period service): a plan, its first
 * version (published), its payees, and periods each with a snapshot of results and lines as given. For tests
 * of what reads statements (disputes, exports, attainment, alerts). Amounts are minor units; measures and
 * targets are in the measure's units (minor units of money, or units × 10 000).
 */
export interface FixtureLine {
  kind: CommissionLineKind;
  amount: bigint;
  basis?: bigint | null;
  rate?: string | null;
  tier?: number | null;
  formula: Evidence;
}

export interface FixtureResult {
  measure: bigint;
  target: bigint;
  /** Exact percent; derived from measure ÷ target when left out. */
  attainment?: string | null;
  tier?: number | null;
  earned: bigint;
  payout?: bigint;
  lines?: FixtureLine[];
}

export interface FixturePeriod {
  start: string;
  status: CommissionPeriodStatus;
  /** Per payee index; a payee left out has no result in this period. Left out entirely: no snapshot. */
  results?: (FixtureResult | null)[];
  calculatedAt?: string;
}

export interface FixtureOptions {
  payeeType?: 'user' | 'partner';
  /** User ids (user plans) or partner ids (partner plans). */
  payees: string[];
  rules?: Partial<PlanRulesInput>;
  effectiveFrom?: string;
  name?: string;
  periods: FixturePeriod[];
  createdBy?: string | null;
}

export interface StatementFixture {
  planId: string;
  versionId: string;
  payeeIds: string[];
  currency: string;
  periods: {
    id: string;
    start: string;
    end: string;
    snapshotId: string | null;
    /** Line ids per payee index, in line order. */
    lineIds: string[][];
  }[];
}

const DEFAULT_RULES: PlanRulesInput = {
  currency: 'CNY',
  period: 'month',
  tiers: [
    { from: '0', to: '80', rate: '4' },
    { from: '80', to: '100', rate: '7' },
    { from: '100', to: null, rate: '10' },
  ],
};

const percentOf = (measure: bigint, target: bigint) => {
  if (target <= 0n) return null;
  // Exact to 4 decimals, rounded down: enough for a fixture.
  const scaled = (measure * 1_000_000n) / target;
  const whole = scaled / 10_000n;
  const frac = (scaled % 10_000n).toString().padStart(4, '0');
  return `${whole}.${frac}`;
};

export async function makeStatementFixture(db: Db, options: FixtureOptions): Promise<StatementFixture> {
  const rules = planRules.parse({ ...DEFAULT_RULES, ...options.rules });
  const payeeType = options.payeeType ?? 'user';
  const firstStart = options.periods[0]?.start ?? '2026-01-01';
  const effectiveFrom = options.effectiveFrom ?? periodOf(rules, firstStart).start;
  const plan = await makePlan(db, {
    rules,
    effectiveFrom,
    payees: options.payees.map((id) => (payeeType === 'user' ? { userId: id } : { partnerId: id })),
    createdBy: options.createdBy ?? null,
  });
  const { payeeIds } = plan;
  if (options.name)
    await db
      .updateTable('commission_plans')
      .set({ name: options.name })
      .where('id', '=', plan.planId)
      .execute();
  const version = { id: plan.versionId };
  const tag = randomBytes(4).toString('hex');

  const periods: StatementFixture['periods'] = [];
  for (const p of options.periods) {
    const { start, end } = periodOf(rules, p.start);
    const period = await db
      .insertInto('commission_periods')
      .values({ plan_id: plan.planId, period_start: start, period_end: end, status: p.status })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lineIds: string[][] = payeeIds.map(() => []);
    let snapshotId: string | null = null;
    if (p.results) {
      const results = p.results;
      const payout = results.reduce((s, r) => s + (r ? (r.payout ?? r.earned) : 0n), 0n);
      const snapshot = await db
        .insertInto('commission_snapshots')
        .values({
          period_id: period.id,
          seq: 1,
          kind: 'calculation',
          plan_version_id: version.id,
          inputs_hash: `fixture-${tag}-${start}`,
          payees: results.filter(Boolean).length,
          payout_minor: payout.toString(),
          ...(p.calculatedAt && { calculated_at: p.calculatedAt }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      snapshotId = snapshot.id;
      for (const [i, r] of results.entries()) {
        if (!r) continue;
        const payeeId = payeeIds[i]!;
        await db
          .insertInto('commission_results')
          .values({
            snapshot_id: snapshot.id,
            payee_id: payeeId,
            currency: rules.currency,
            measure: r.measure.toString(),
            target: r.target.toString(),
            attainment: r.attainment === undefined ? percentOf(r.measure, r.target) : r.attainment,
            tier: r.tier ?? null,
            earned_minor: r.earned.toString(),
            payout_minor: (r.payout ?? r.earned).toString(),
            explanation: JSON.stringify({}),
          })
          .execute();
        for (const [n, line] of (r.lines ?? []).entries()) {
          const inserted = await db
            .insertInto('commission_lines')
            .values({
              snapshot_id: snapshot.id,
              payee_id: payeeId,
              line_no: n + 1,
              kind: line.kind,
              amount_minor: line.amount.toString(),
              basis_minor: line.basis?.toString() ?? null,
              rate: line.rate ?? null,
              tier: line.tier ?? null,
              formula: JSON.stringify(line.formula),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          lineIds[i]!.push(inserted.id);
        }
      }
      const locked = p.status === 'locked' || p.status === 'paid';
      await db
        .updateTable('commission_periods')
        .set({
          current_snapshot_id: snapshot.id,
          locked_snapshot_id: locked ? snapshot.id : null,
          locked_at: locked ? new Date().toISOString() : null,
        })
        .where('id', '=', period.id)
        .execute();
    }
    periods.push({ id: period.id, start, end, snapshotId, lineIds });
  }
  return { planId: plan.planId, versionId: plan.versionId, payeeIds, currency: rules.currency, periods };
}

/** An earning line as the engine writes it (retroactive: paid-on × the tier's rate). */
export const earningLine = (
  basis: bigint,
  rate: string,
  tier: number,
  amount: bigint,
  attainment: string,
): FixtureLine => ({
  kind: 'earning',
  amount,
  basis,
  rate,
  tier,
  formula: {
    code: 'commission.tier_rate',
    params: { attainment, measure: basis.toString(), tier, basis: basis.toString(), rate, facts: 1 },
  },
});

/** A team with a manager (its `manager_id`), as commission visibility and alerts read it. */
export async function makeManagedTeam(db: Db) {
  const team = await makeTeam(db);
  const manager = await makeUser(db, { role: 'manager', teamId: team.id });
  await db.updateTable('teams').set({ manager_id: manager.id }).where('id', '=', team.id).execute();
  return { teamId: team.id, manager };
}
