import { Decimal } from 'decimal.js';
import type { JobHandler, Work } from '../../kernel/index.js';
import { localDate } from '../ownership/index.js';
import { notify, type Notice } from '../ownership/index.js';
import * as repo from './attainment.repo.js';
import { daysBetween } from './calendar.js';
import { payeeRecipients } from './disputes.repo.js';

/**
 * Attainment alerts (issue 13, item 10): at checkpoints of a running period — when `ALERT_CHECKPOINTS`
 * percent of its days have elapsed — a payee whose latest calculation is below `ALERT_THRESHOLD` percent
 * attainment is told, and so is its manager (the user's manager, else its team's; a partner's channel
 * manager). Once per period, payee and checkpoint: what was sent is stored first, and only alerts whose row
 * this run inserted go out, so a second run or another node sends nothing twice. When the sweep first sees a
 * payee past several checkpoints at once it sends one alert (the latest checkpoint) and records them all.
 */
export const ALERT_CHECKPOINTS = [50, 75] as const;
export const ALERT_THRESHOLD = '80';
const BATCH = 5000;

export async function sendAttainmentAlerts(w: Work, now = new Date()): Promise<number> {
  const today = localDate(now, await repo.organizationTimeZone(w.tx));
  const candidates = await repo.alertCandidates(w.tx, today, ALERT_THRESHOLD, BATCH);
  const due = candidates.flatMap((c) => {
    const days = daysBetween(c.period_start, c.period_end);
    const elapsed = daysBetween(c.period_start, today);
    const sent = c.sent.map(Number);
    const reached = ALERT_CHECKPOINTS.filter((k) => elapsed * 100 >= k * days && !sent.includes(k));
    return reached.length > 0 ? [{ c, reached, elapsed, days }] : [];
  });
  const inserted = await repo.insertAlerts(
    w.tx,
    due.flatMap(({ c, reached }) =>
      reached.map((checkpoint) => ({
        period_id: c.period_id,
        payee_id: c.payee_id,
        checkpoint,
        attainment: c.attainment,
        snapshot_id: c.snapshot_id,
      })),
    ),
  );
  const notices: Notice[] = [];
  let sentCount = 0;
  for (const { c, elapsed, days } of due) {
    const mine = inserted.filter((r) => r.period_id === c.period_id && r.payee_id === c.payee_id);
    if (mine.length === 0) continue;
    const checkpoint = Math.max(...mine.map((r) => r.checkpoint));
    sentCount += 1;
    const params = {
      planId: c.plan_id,
      planName: c.plan_name,
      periodId: c.period_id,
      periodStart: c.period_start,
      periodEnd: c.period_end,
      checkpoint,
      elapsedDays: elapsed,
      daysInPeriod: days,
      // Shown as statements show it: two decimals, rounded down.
      attainment:
        c.attainment === null
          ? null
          : new Decimal(c.attainment).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2),
      threshold: ALERT_THRESHOLD,
    };
    const payees = await payeeRecipients(w.tx, c);
    for (const userId of payees)
      notices.push({
        userId,
        kind: 'commission.attainment_alert',
        params: { ...params, role: 'payee' },
        accountId: null,
      });
    if (c.manager_id && !payees.includes(c.manager_id))
      notices.push({
        userId: c.manager_id,
        kind: 'commission.attainment_alert',
        params: { ...params, role: 'manager', payeeId: c.payee_id },
        accountId: null,
      });
    w.audit({
      action: 'commission_alert.sent',
      entityType: 'commission_period',
      entityId: c.period_id,
      after: { payeeId: c.payee_id, checkpoints: mine.map((r) => r.checkpoint), attainment: c.attainment },
    });
  }
  await notify(w.tx, notices);
  return sentCount;
}

/** Runs hourly: checkpoints are days, and an alert goes out once. */
export const attainmentAlertJob: JobHandler = {
  kind: 'commission.attainment_alerts',
  lane: 'system',
  leaseSeconds: 600,
  run: async (job) => (await job.work((w) => sendAttainmentAlerts(w)), 'done'),
};
