import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Db, Executor } from '../../db/database.js';
import type { CommissionAdjustmentKind, CommissionPeriodStatus } from '../../db/types.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { evidence, runWork, type Evidence, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { minorDigits } from '../activities/index.js';
import {
  calculatePeriod,
  trueUp,
  type Fact,
  type PayeeInput,
  type PayeeResult,
  type PendingAdjustment,
} from './calculate.js';
import { daysOnPlan, nextPeriod, periodOf, plusDays, yearStartOf } from './calendar.js';
import { countedKinds, toFacts, type ProductLineRow } from './facts.js';
import * as repo from './periods.repo.js';
import { planRules, type PlanRules } from './rules.js';

/**
 * Commission periods: calculate (a snapshot of every payee's result and lines), approve, lock (the
 * statements become the payees'), pay — and recalculate after a lock, which writes a new snapshot and
 * adjustments in the next open period, never an edit. Each calculation is one unit of work with one
 * decision (`commission.calculate`) and one audit entry; each adjustment its own decision
 * (`commission.adjust`).
 */

type Period = NonNullable<Awaited<ReturnType<typeof repo.period>>>;
type Version = NonNullable<Awaited<ReturnType<typeof repo.versionInForce>>>;

const wrongState = (status: string, expected: string[]) =>
  new AppError('PERIOD_WRONG_STATE', `The period is ${status}; this needs ${expected.join(' or ')}`, {
    status,
    expected,
  });

// ---- inputs

interface Loaded {
  inputs: PayeeInput[];
  rules: PlanRules;
  digits: number;
  hash: string;
  excluded: Evidence[];
}

async function factsFor(
  tx: Executor,
  rules: PlanRules,
  payees: { user_id: string | null; partner_id: string | null }[],
  from: string,
  to: string,
  asOf?: string,
  summed = false,
) {
  // Sums stand in for lines only where nothing is rounded line by line and no line is split by product.
  const sums =
    summed &&
    asOf === undefined &&
    rules.measure === 'net' &&
    rules.payOn === 'net' &&
    rules.productRates.length === 0;
  const query = {
    userIds: payees.flatMap((p) => (p.user_id ? [p.user_id] : [])),
    partnerIds: payees.flatMap((p) => (p.partner_id ? [p.partner_id] : [])),
    kinds: countedKinds(rules),
    basis: rules.basis,
    from,
    to,
    currency: rules.currency,
    includeOverlay: rules.includeOverlay,
  };
  const summedFacts: Fact[] = sums
    ? (await repo.creditSums(tx, query)).map((r) => ({
        id: `sum:${r.payee}:${r.negative ? '-' : '+'}`,
        transactionId: '',
        kind: r.negative ? 'return' : 'invoice',
        date: from,
        measure: BigInt(r.total),
        payOn: BigInt(r.total),
        payee: r.payee,
        count: r.n,
      }))
    : [];
  const rows = await repo.creditRows(tx, {
    unsummedOnly: sums,
    currency: rules.currency,
    amounts:
      rules.measure === 'gross' ||
      rules.measure === 'margin' ||
      rules.measure === 'units' ||
      rules.payOn !== 'net',
    ...(asOf !== undefined && { asOf }),
    userIds: payees.flatMap((p) => (p.user_id ? [p.user_id] : [])),
    partnerIds: payees.flatMap((p) => (p.partner_id ? [p.partner_id] : [])),
    kinds: countedKinds(rules),
    basis: rules.basis,
    from,
    to,
    units: rules.measure === 'units',
    includeOverlay: rules.includeOverlay,
  });
  const needsRates = rows.some((r) => r.currency !== rules.currency && r.base_currency !== rules.currency);
  const products = new Map<string, ProductLineRow[]>();
  if (rules.productRates.length > 0) {
    const ids = [...new Set(rows.map((r) => r.transaction_id))];
    for (const p of await repo.productLines(tx, ids)) {
      const list = products.get(p.transaction_id) ?? [];
      list.push({ ...p, product_line_id: p.product_line_id ?? '' });
      products.set(p.transaction_id, list);
    }
  }
  const rates = needsRates ? await repo.exchangeRates(tx) : [];
  const facts = [...summedFacts, ...toFacts({ rules, rates, products }, rows)];
  const reverses = new Map(
    rows.filter((r) => r.reverses_external_id).map((r) => [r.id, r.reverses_external_id!]),
  );
  return { facts, reverses };
}

/** The period's target for a payee: the version's, prorated by days on the plan, and indexed if the plan says so. */
async function resolveTarget(
  tx: Executor,
  rules: PlanRules,
  digits: number,
  period: { start: string; end: string },
  payee: { start_date: string; end_date: string | null },
  raw: string | undefined,
): Promise<{ target: bigint | null; evidence: Evidence[] }> {
  if (rules.tierOn === 'volume') return { target: null, evidence: [] };
  if (raw === undefined)
    return { target: null, evidence: [evidence('target.missing', { periodStart: period.start })] };
  const scale = rules.measure === 'units' ? new Decimal(10_000) : new Decimal(1);
  let value = new Decimal(raw).times(scale);
  const trail: Evidence[] = [evidence('target.set', { target: raw, periodStart: period.start })];
  if (rules.targetIndex) {
    const [now, base] = await Promise.all([
      repo.indexValue(tx, rules.targetIndex.code, period.start),
      repo.indexValue(tx, rules.targetIndex.code, rules.targetIndex.basePeriod),
    ]);
    if (now === null || base === null)
      throw fieldError(
        'UNPROCESSABLE',
        `Index ${rules.targetIndex.code} has no value for ${now === null ? period.start : rules.targetIndex.basePeriod}`,
        {
          field: 'rules.targetIndex',
          problem: 'index_missing',
          message: 'the index has no value for a period it needs',
        },
        {
          code: rules.targetIndex.code,
          periodStart: now === null ? period.start : rules.targetIndex.basePeriod,
        },
      );
    value = value.times(now).dividedBy(base);
    trail.push(
      evidence('target.indexed', {
        code: rules.targetIndex.code,
        base,
        now,
        basePeriod: rules.targetIndex.basePeriod,
      }),
    );
  }
  const days = daysOnPlan(period, { startDate: payee.start_date, endDate: payee.end_date });
  if (days.on < days.of) {
    value = value.times(days.on).dividedBy(days.of);
    trail.push(evidence('target.prorated', { days: days.on, of: days.of }));
  }
  const target = BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
  trail.push(evidence('target.resolved', { target: target.toString(), digits }));
  return { target, evidence: trail };
}

/**
 * Everything the calculation of `period` under `version` reads: payees, targets, facts, year-to-date
 * figures, carried and draw balances from the period before, adjustments aimed at this period, and
 * returns of earlier periods' sales sorted by the clawback policy.
 */
async function load(
  tx: Executor,
  planId: string,
  period: Period,
  version: Version,
  options: {
    /** A recompute: also the returns, dated up to `until`, of this period's own sales. */
    extraReturns?: { until: string };
    onlyPayeeId?: string;
    /** The facts as they stood at this instant (a snapshot's calculation time). */
    asOf?: string;
    /** A period run: lines the database can add up exactly come as sums (no per-line split). */
    summed?: boolean;
  } = {},
): Promise<Loaded> {
  const { extraReturns, onlyPayeeId, asOf, summed } = options;
  const rules = planRules.parse(version.rules);
  const digits = minorDigits(rules.currency) ?? 2;
  const range = { start: period.period_start, end: period.period_end };
  const payees = await repo.payeesDuring(tx, planId, range.start, range.end, onlyPayeeId);
  const ytd = rules.attainment === 'year_to_date';
  const yearStart = yearStartOf(rules, range.start);
  const earlier = ytd ? await repo.earlierInYear(tx, planId, yearStart, range.start) : [];
  const missing = earlier.find((p) => !p.current_snapshot_id);
  if (missing)
    throw new AppError('PERIOD_ORDER', `Calculate the period from ${missing.period_start} first`, {
      periodStart: missing.period_start,
    });

  const starts = [range.start, ...earlier.map((p) => p.period_start)];
  const targetRows = await repo.targets(tx, planId, starts, version.version, onlyPayeeId);
  const targetOf = new Map<string, string>();
  for (const t of targetRows) {
    const key = `${t.payee_id}|${t.period_start}`;
    if (!targetOf.has(key)) targetOf.set(key, t.target);
  }

  const from = ytd ? yearStart : range.start;
  const to = extraReturns ? extraReturns.until : range.end;
  const { facts, reverses } = await factsFor(tx, rules, payees, from, to, asOf, summed);

  // Returns that name a sale of an earlier period: clawed back at the rate paid, or left to a recompute.
  const excluded: Evidence[] = [];
  const returnIds = [...new Set(reverses.values())];
  const originalDate = new Map(
    (await repo.originals(tx, returnIds, rules.basis)).map((o) => [o.external_id, o.on_date]),
  );
  const paidRates = new Map<string, { rate: string; periodStart: string } | null>();
  const kept: Fact[] = [];
  for (const f of facts) {
    const reversed = reverses.size > 0 ? reverses.get(f.id) : undefined;
    const saleDate = reversed ? originalDate.get(reversed) : undefined;
    if (f.date > range.end) {
      // Loaded only for a recompute: returns after the period of this period's own sales, within the window.
      const ownSale = saleDate !== undefined && saleDate >= range.start && saleDate <= range.end;
      if (ownSale && plusDays(saleDate, rules.clawback.windowDays) >= f.date) kept.push(f);
      continue;
    }
    // A sale, or a return of a sale inside what this calculation reads (the period, or the year so far).
    if (saleDate === undefined || saleDate >= from) {
      kept.push(f);
      continue;
    }
    if (plusDays(saleDate, rules.clawback.windowDays) < f.date) {
      excluded.push(
        evidence('clawback.outside_window', {
          creditLineId: f.id,
          saleDate,
          returnDate: f.date,
          windowDays: rules.clawback.windowDays,
        }),
      );
      continue;
    }
    const salePeriod = await repo.periodAt(tx, planId, periodOf(rules, saleDate).start);
    const locked = salePeriod && (salePeriod.status === 'locked' || salePeriod.status === 'paid');
    if (!locked) {
      kept.push(f);
      continue;
    }
    if (rules.clawback.policy === 'recompute') {
      excluded.push(
        evidence('clawback.recompute', {
          creditLineId: f.id,
          saleDate,
          periodStart: salePeriod.period_start,
        }),
      );
      continue;
    }
    const payeeKey = `${f.payee}|${salePeriod.id}`;
    if (!paidRates.has(payeeKey)) paidRates.set(payeeKey, await paidRate(tx, salePeriod, f.payee!));
    const paid = paidRates.get(payeeKey);
    kept.push(paid ? { ...f, clawback: paid } : f);
  }

  const byPayee = new Map<string, Fact[]>();
  for (const f of kept) {
    const key = f.payee!;
    const list = byPayee.get(key) ?? [];
    list.push(f);
    byPayee.set(key, list);
  }

  const previous = await repo.periodAt(tx, planId, periodOf(rules, plusDays(range.start, -1)).start);
  const previousResults = new Map(
    previous?.current_snapshot_id
      ? (
          await repo.results(
            tx,
            previous.locked_snapshot_id ?? previous.current_snapshot_id,
            onlyPayeeId === undefined ? undefined : [onlyPayeeId],
          )
        ).map((r) => [r.payee_id, r])
      : [],
  );
  const priorEarned = new Map<string, bigint>();
  for (const p of earlier) {
    for (const r of await repo.results(
      tx,
      p.locked_snapshot_id ?? p.current_snapshot_id!,
      onlyPayeeId === undefined ? undefined : [onlyPayeeId],
    ))
      priorEarned.set(r.payee_id, (priorEarned.get(r.payee_id) ?? 0n) + BigInt(r.earned_minor));
  }
  const adjustments = new Map<string, PendingAdjustment[]>();
  for (const a of await repo.adjustmentsFor(tx, period.id, onlyPayeeId)) {
    const list = adjustments.get(a.payee_id) ?? [];
    list.push({ id: a.id, kind: a.kind, amount: BigInt(a.amount_minor), reason: a.reason as never });
    adjustments.set(a.payee_id, list);
  }

  const inputs: PayeeInput[] = [];
  for (const p of payees) {
    const own = await resolveTarget(tx, rules, digits, range, p, targetOf.get(`${p.id}|${range.start}`));
    let priorTarget = 0n;
    for (const e of earlier) {
      const t = await resolveTarget(
        tx,
        rules,
        digits,
        { start: e.period_start, end: periodOf(rules, e.period_start).end },
        p,
        targetOf.get(`${p.id}|${e.period_start}`),
      );
      priorTarget += t.target ?? 0n;
    }
    const prev = previousResults.get(p.id);
    inputs.push({
      payeeId: p.id,
      target: own.target,
      targetEvidence: own.evidence,
      facts: byPayee.get(p.user_id ?? p.partner_id!) ?? [],
      prior: ytd ? { target: priorTarget, earned: priorEarned.get(p.id) ?? 0n } : null,
      adjustments: adjustments.get(p.id) ?? [],
      carriedIn: prev ? BigInt(prev.carried_minor) : 0n,
      drawBalanceIn: prev ? BigInt(prev.draw_balance_minor) : 0n,
    });
  }
  return { inputs, rules, digits, hash: inputsHash(version, range, inputs), excluded };
}

/** The tier rate a payee's locked result in a period was paid at. */
async function paidRate(tx: Executor, period: Period, payeeKey: string) {
  const snapshotId = period.locked_snapshot_id ?? period.current_snapshot_id;
  if (!snapshotId) return null;
  const snap = await repo.snapshot(tx, snapshotId);
  const payees = await repo.payeesDuring(tx, period.plan_id, period.period_start, period.period_end);
  const payee = payees.find((p) => (p.user_id ?? p.partner_id) === payeeKey);
  if (!snap || !payee) return null;
  const [result] = await repo.results(tx, snapshotId, [payee.id]);
  if (!result || result.tier === null) return null;
  const rules = planRules.parse((await repo.versionById(tx, snap.plan_version_id)).rules);
  return { rate: rules.tiers[result.tier]!.rate, periodStart: period.period_start };
}

/** A fingerprint of everything a calculation read (stored with the snapshot). */
function inputsHash(version: Version, range: { start: string; end: string }, inputs: PayeeInput[]) {
  const h = createHash('sha256');
  h.update(JSON.stringify({ version: version.id, range }));
  for (const p of inputs) {
    h.update(`|${p.payeeId}:${p.target ?? ''}:${p.carriedIn}:${p.drawBalanceIn}:${p.prior?.earned ?? ''}`);
    for (const a of p.adjustments ?? []) h.update(`a${a.id}:${a.amount}`);
    // A credit line is never edited (a change supersedes it with a new id), so its id stands for its
    // amounts; a clawback's rate is the one input a fact carries from elsewhere.
    for (const f of p.facts) h.update(f.clawback ? `${f.id}@${f.clawback.rate}` : f.id);
  }
  return h.digest('hex');
}

// ---- persistence

async function persist(
  w: Work,
  period: Period,
  version: Version,
  loaded: Loaded,
  results: PayeeResult[],
  kind: 'calculation' | 'recalculation',
  decisionId: string,
) {
  const payout = results.reduce((s, r) => s + r.payout, 0n);
  const seq = await repo.nextSnapshotSeq(w.tx, period.id);
  const snap = await repo.insertSnapshot(w.tx, {
    period_id: period.id,
    seq,
    kind,
    plan_version_id: version.id,
    inputs_hash: loaded.hash,
    payees: results.length,
    payout_minor: payout.toString(),
    calculated_by: w.actor.id,
    decision_id: decisionId,
  });
  await repo.insertResults(
    w.tx,
    results.map((r) => ({
      snapshot_id: snap.id,
      payee_id: r.payeeId,
      currency: loaded.rules.currency,
      measure: r.measure.toString(),
      target: (r.target ?? 0n).toString(),
      attainment: r.attainment,
      tier: r.tier,
      earned_minor: r.earned.toString(),
      payout_minor: r.payout.toString(),
      carried_minor: r.carriedOut.toString(),
      draw_balance_minor: r.drawBalanceOut.toString(),
      explanation: JSON.stringify({ ...r.explanation, excluded: loaded.excluded.length }),
    })),
  );
  await repo.insertLines(
    w.tx,
    results.flatMap((r) =>
      r.lines.map((l, i) => ({
        snapshot_id: snap.id,
        payee_id: r.payeeId,
        line_no: i + 1,
        kind: l.kind,
        amount_minor: l.amount.toString(),
        basis_minor: l.basis === null ? null : l.basis.toString(),
        rate: l.rate,
        tier: l.tier,
        formula: JSON.stringify(l.formula),
        adjustment_id: l.adjustmentId ?? null,
      })),
    ),
  );
  return { id: snap.id, seq, kind, payees: results.length, payout };
}

// ---- adjustments

/** The next period still open after `after`, opened if there is none yet. */
async function landingPeriod(tx: Executor, planId: string, rules: PlanRules, after: Period) {
  const open = await repo.nextOpenPeriod(tx, planId, after.period_start);
  if (open) return open;
  let next = nextPeriod(rules, after.period_start);
  for (;;) {
    const row = await repo.ensurePeriod(tx, planId, next.start, next.end);
    if (row.status === 'open' || row.status === 'calculated') return row;
    next = nextPeriod(rules, next.start);
  }
}

async function addAdjustments(
  w: Work,
  planId: string,
  source: Period,
  target: { id: string; period_start: string },
  kind: CommissionAdjustmentKind,
  version: Version | null,
  items: { payeeId: string; amount: bigint; old: bigint; new: bigint; evidence: Evidence[] }[],
  reason: Record<string, string | number | null>,
) {
  const rows = [];
  for (const item of items) {
    if (item.amount === 0n) continue;
    const decisionId = w.decide({
      kind: 'commission.adjust',
      subject: { type: 'commission_payee', id: item.payeeId },
      verdict: kind,
      rule: {
        id: `commission.${kind}`,
        version: 1,
        params: { sourcePeriod: source.period_start, targetPeriod: target.period_start },
      },
      evidence: [
        evidence('adjustment.difference', {
          old: item.old.toString(),
          new: item.new.toString(),
          amount: item.amount.toString(),
        }),
        ...item.evidence,
      ],
    });
    rows.push({
      plan_id: planId,
      payee_id: item.payeeId,
      source_period_id: source.id,
      target_period_id: target.id,
      kind,
      amount_minor: item.amount.toString(),
      old_minor: item.old.toString(),
      new_minor: item.new.toString(),
      version_id: version?.id ?? null,
      reason: JSON.stringify({ ...reason, sourcePeriod: source.period_start }),
      decision_id: decisionId,
    });
  }
  return repo.insertAdjustments(w.tx, rows);
}

/** Earned in a locked period's locked snapshot, plus what adjustments of these kinds already added. */
async function settledEarned(tx: Executor, period: Period, kinds: CommissionAdjustmentKind[]) {
  const base = new Map(
    (await repo.results(tx, period.locked_snapshot_id!)).map((r) => [r.payee_id, BigInt(r.earned_minor)]),
  );
  for (const a of await repo.adjustedFrom(tx, period.id, kinds))
    base.set(a.payee_id, (base.get(a.payee_id) ?? 0n) + BigInt(a.amount));
  return base;
}

const RECOMPUTE_KINDS: CommissionAdjustmentKind[] = ['amendment', 'recompute', 'rate_change', 'prior_period'];

/** Differences between a fresh calculation of a locked period and what it settled, as adjustments. */
async function settleDifferences(
  w: Work,
  planId: string,
  period: Period,
  version: Version,
  results: PayeeResult[],
  landing: { id: string; period_start: string },
  kindHint?: CommissionAdjustmentKind,
) {
  const settled = await settledEarned(w.tx, period, RECOMPUTE_KINDS);
  const lockedSnap = await repo.snapshot(w.tx, period.locked_snapshot_id!);
  const amended = lockedSnap!.plan_version_id !== version.id;
  const kind: CommissionAdjustmentKind = kindHint ?? (amended ? 'amendment' : 'recompute');
  const items = results.map((r) => {
    const old = settled.get(r.payeeId) ?? 0n;
    return {
      payeeId: r.payeeId,
      amount: r.earned - old,
      old,
      new: r.earned,
      evidence: amended
        ? [
            evidence('adjustment.amendment', {
              versionId: version.id,
              version: version.version,
              reasonCode: version.reason_code,
              reasonNote: version.reason_note,
            }),
          ]
        : [evidence('adjustment.recomputed', { attainment: r.attainment, tier: r.tier })],
    };
  });
  return addAdjustments(w, planId, period, landing, kind, amended ? version : null, items, {
    versionId: amended ? version.id : null,
    version: amended ? version.version : null,
    reasonCode: amended ? version.reason_code : null,
    reasonNote: amended ? version.reason_note : null,
  });
}

/** True-ups for the period before `period`, once its grace window has ended (retroactive plans). */
async function graceTrueUps(w: Work, planId: string, period: Period) {
  const prev = await repo.previousPeriod(w.tx, planId, period.period_start);
  if (!prev?.locked_snapshot_id) return [];
  const snap = await repo.snapshot(w.tx, prev.locked_snapshot_id);
  const version = await repo.versionById(w.tx, snap!.plan_version_id);
  const rules = planRules.parse(version.rules);
  if (rules.graceDays === 0 || rules.mode !== 'retroactive') return [];
  const graceEnd = plusDays(prev.period_end, rules.graceDays);
  if (graceEnd > period.period_end) return [];
  const done = new Set((await repo.adjustedFrom(w.tx, prev.id, ['true_up'])).map((a) => a.payee_id));
  const loaded = await load(w.tx, planId, prev, version);
  const payees = await repo.payeesDuring(w.tx, planId, prev.period_start, prev.period_end);
  const grace = await factsFor(w.tx, rules, payees, plusDays(prev.period_end, 1), graceEnd);
  const items = [];
  for (const input of loaded.inputs) {
    if (done.has(input.payeeId)) continue;
    const payee = payees.find((p) => p.id === input.payeeId)!;
    const key = payee.user_id ?? payee.partner_id;
    const graceFacts = grace.facts.filter((f) => f.payee === key);
    const t = trueUp(rules, loaded.digits, input.facts, graceFacts, input.target);
    if (t.amount <= 0n) continue;
    items.push({
      payeeId: input.payeeId,
      amount: t.amount,
      old: 0n,
      new: t.amount,
      evidence: [
        evidence('adjustment.true_up', {
          fromTier: t.fromTier,
          toTier: t.toTier,
          attainment: t.attainment,
          graceDays: rules.graceDays,
          graceEnd,
        }),
      ],
    });
  }
  return addAdjustments(w, planId, prev, period, 'true_up', null, items, {
    graceDays: rules.graceDays,
    graceEnd,
  });
}

/** Late returns of sales in locked periods under the recompute policy: each such period recomputed. */
async function recomputeForReturns(w: Work, planId: string, period: Period, excluded: Evidence[]) {
  const periods = [
    ...new Set(
      excluded.filter((e) => e.code === 'clawback.recompute').map((e) => e.params.periodStart as string),
    ),
  ];
  const made = [];
  for (const start of periods.sort()) {
    const source = (await repo.periodAt(w.tx, planId, start))!;
    const snap = await repo.snapshot(w.tx, source.locked_snapshot_id!);
    const version = await repo.versionById(w.tx, snap!.plan_version_id);
    const loaded = await load(w.tx, planId, source, version, { extraReturns: { until: period.period_end } });
    const results = calculatePeriod({
      rules: loaded.rules,
      digits: loaded.digits,
      period: { start: source.period_start, end: source.period_end },
      payees: loaded.inputs,
    });
    made.push(...(await settleDifferences(w, planId, source, version, results, period, 'recompute')));
  }
  return made;
}

// ---- use cases

async function lockedPeriod(w: Work, periodId: string) {
  const period = await repo.period(w.tx, periodId, true);
  if (!period) throw notFound('commission period', periodId);
  return period;
}

async function versionFor(tx: Executor, period: Period) {
  const version = await repo.versionInForce(tx, period.plan_id, period.period_end);
  if (!version)
    throw new AppError(
      'NO_PLAN_VERSION',
      `No published version of the plan is in force on ${period.period_end}`,
      {
        periodEnd: period.period_end,
      },
    );
  return version;
}

/** Calculates a period (open or calculated), or recalculates it after its lock. */
export async function calculate(db: Db, ctx: RequestContext, periodId: string) {
  return runWork(db, ctx, async (w) => {
    const period = await lockedPeriod(w, periodId);
    if (period.status === 'approved')
      throw wrongState(period.status, ['open', 'calculated', 'locked', 'paid']);
    const version = await versionFor(w.tx, period);
    const recalculation = period.status === 'locked' || period.status === 'paid';
    const made = [];
    if (!recalculation) made.push(...(await graceTrueUps(w, period.plan_id, period)));
    const loaded = await load(w.tx, period.plan_id, period, version, { summed: true });
    if (!recalculation) made.push(...(await recomputeForReturns(w, period.plan_id, period, loaded.excluded)));
    // Adjustments just made for this period are part of what it pays.
    const reloaded =
      made.length > 0 ? await load(w.tx, period.plan_id, period, version, { summed: true }) : loaded;
    const results = calculatePeriod({
      rules: reloaded.rules,
      digits: reloaded.digits,
      period: { start: period.period_start, end: period.period_end },
      payees: reloaded.inputs,
      credits: false,
    });
    const kind = recalculation ? 'recalculation' : 'calculation';
    const payout = results.reduce((s, r) => s + r.payout, 0n);
    const decisionId = w.decide({
      kind: 'commission.calculate',
      subject: { type: 'commission_period', id: period.id },
      verdict: recalculation ? 'recalculated' : 'calculated',
      rule: {
        id: 'commission.calculate',
        version: 1,
        params: { planVersion: version.version, versionId: version.id },
      },
      evidence: [
        evidence('calculation.snapshot', {
          payees: results.length,
          payout: payout.toString(),
          currency: reloaded.rules.currency,
          inputsHash: reloaded.hash,
        }),
        ...reloaded.excluded.slice(0, 50),
      ],
      effective: { from: period.period_start, until: period.period_end },
    });
    const snapshot = await persist(w, period, version, reloaded, results, kind, decisionId);
    if (recalculation) {
      const landing = await landingPeriod(w.tx, period.plan_id, reloaded.rules, period);
      made.push(...(await settleDifferences(w, period.plan_id, period, version, results, landing)));
      await repo.setPeriodState(w.tx, period.id, { current_snapshot_id: snapshot.id });
    } else {
      await repo.setPeriodState(w.tx, period.id, { status: 'calculated', current_snapshot_id: snapshot.id });
    }
    w.audit({
      action: recalculation ? 'commission_period.recalculated' : 'commission_period.calculated',
      entityType: 'commission_period',
      entityId: period.id,
      after: { seq: snapshot.seq, payout: snapshot.payout.toString(), adjustments: made.length },
      decisionId,
    });
    return {
      periodId: period.id,
      snapshot: { ...snapshot, payout: snapshot.payout },
      currency: reloaded.rules.currency,
      adjustments: made.map((a) => ({
        id: a.id,
        payeeId: a.payee_id,
        kind: a.kind,
        amount: BigInt(a.amount_minor),
      })),
    };
  });
}

const STEPS = {
  approve: { from: ['calculated'], to: 'approved', action: 'commission_period.approved' },
  lock: { from: ['approved'], to: 'locked', action: 'commission_period.locked' },
  pay: { from: ['locked'], to: 'paid', action: 'commission_period.paid' },
} as const;

/** Moves a period one step along approve → lock → pay. */
export async function step(db: Db, ctx: RequestContext, periodId: string, name: keyof typeof STEPS) {
  const s = STEPS[name];
  return runWork(db, ctx, async (w) => {
    const period = await lockedPeriod(w, periodId);
    if (!(s.from as readonly string[]).includes(period.status)) throw wrongState(period.status, [...s.from]);
    const now = new Date().toISOString();
    const values =
      name === 'approve'
        ? { status: s.to, approved_by: w.actor.id, approved_at: now }
        : name === 'lock'
          ? {
              status: s.to,
              locked_by: w.actor.id,
              locked_at: now,
              locked_snapshot_id: period.current_snapshot_id!,
            }
          : { status: s.to, paid_at: now };
    await repo.setPeriodState(w.tx, period.id, values);
    w.audit({
      action: s.action,
      entityType: 'commission_period',
      entityId: period.id,
      before: { status: period.status },
      after: { status: s.to as CommissionPeriodStatus, snapshotId: period.current_snapshot_id },
    });
    return { ...period, status: s.to as CommissionPeriodStatus };
  });
}

/** Opens every period from the plan's first published version to the one containing `until`. */
export async function openPeriods(db: Db, planId: string, until: string) {
  const first = await repo.firstVersionStart(db, planId);
  if (!first) return;
  const version = await repo.versionInForce(db, planId, until);
  if (!version) return;
  const rules = planRules.parse(version.rules);
  let p = periodOf(rules, first);
  for (let i = 0; i < 400 && p.start <= until; i++) {
    await repo.ensurePeriod(db, planId, p.start, p.end);
    p = nextPeriod(rules, p.start);
  }
}

/** What-if: the plan's results over past periods under other rules (and targets), beside the current ones. */
export async function whatIf(db: Db, planId: string, rules: PlanRules, periodStarts: string[]) {
  const out = [];
  for (const start of periodStarts) {
    const period = await repo.periodAt(db, planId, start);
    if (!period)
      throw fieldError('VALIDATION_FAILED', `No period starts on ${start}`, {
        field: 'periodStarts',
        problem: 'no_period',
        message: `no period starts on ${start}`,
      });
    const version = await versionFor(db, period);
    const draft = { ...version, id: `what-if:${version.id}`, rules: rules as never };
    const loaded = await load(db, planId, period, draft);
    const results = calculatePeriod({
      rules,
      digits: loaded.digits,
      period: { start: period.period_start, end: period.period_end },
      payees: loaded.inputs,
    });
    const snapshotId = period.locked_snapshot_id ?? period.current_snapshot_id;
    const current = snapshotId
      ? new Map((await repo.results(db, snapshotId)).map((r) => [r.payee_id, BigInt(r.earned_minor)]))
      : new Map<string, bigint>();
    out.push({
      periodStart: start,
      payees: results.map((r) => ({
        payeeId: r.payeeId,
        current: current.get(r.payeeId) ?? null,
        whatIf: r.earned,
        difference: r.earned - (current.get(r.payeeId) ?? 0n),
      })),
    });
  }
  return out;
}

/**
 * One payee's result for a period as it would be calculated now, without saving anything: for checking a
 * statement line by line, a dispute's review, and the benchmark's "recompute one payee".
 */
export async function previewPayee(db: Db, periodId: string, payeeId: string) {
  const period = await repo.period(db, periodId);
  if (!period) throw notFound('commission period', periodId);
  const version = await versionFor(db, period);
  const loaded = await load(db, period.plan_id, period, version, { onlyPayeeId: payeeId });
  if (loaded.inputs.length === 0) throw notFound('commission payee', payeeId);
  const [result] = calculatePeriod({
    rules: loaded.rules,
    digits: loaded.digits,
    period: { start: period.period_start, end: period.period_end },
    payees: loaded.inputs,
  });
  return { result: result!, inputsHash: loaded.hash, currency: loaded.rules.currency };
}

/** The inputs of a period's calculation, read but not calculated (the benchmark times the parts). */
export async function prepare(db: Db, periodId: string) {
  const period = await repo.period(db, periodId);
  if (!period) throw notFound('commission period', periodId);
  const version = await versionFor(db, period);
  return { period, loaded: await load(db, period.plan_id, period, version) };
}

/**
 * The credit lines behind one payee's result in a snapshot, split as the calculation split them: the
 * payee's inputs as they stood when the snapshot was calculated (credit lines are only ever superseded,
 * so they can be read as of that instant), calculated again. `reproduced` says whether this gives the
 * earned amount the snapshot stored.
 */
export async function explainPayee(db: Db, snapshotId: string, payeeId: string, earned: bigint) {
  const snap = await repo.snapshot(db, snapshotId);
  if (!snap) throw notFound('commission snapshot', snapshotId);
  const period = (await repo.period(db, snap.period_id))!;
  const version = await repo.versionById(db, snap.plan_version_id);
  const loaded = await load(db, period.plan_id, period, version, {
    onlyPayeeId: payeeId,
    asOf: snap.calculated_at,
  });
  const [result] = calculatePeriod({
    rules: loaded.rules,
    digits: loaded.digits,
    period: { start: period.period_start, end: period.period_end },
    payees: loaded.inputs,
  });
  return { credits: result?.credits ?? [], reproduced: result !== undefined && result.earned === earned };
}
