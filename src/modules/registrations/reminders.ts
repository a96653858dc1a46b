import type { Work } from '../../kernel/index.js';
import { localDate } from '../ownership/index.js';
import { settingsContext } from './approval.js';
import { tellPartner } from './notices.js';
import * as repo from './registrations.repo.js';

/**
 * Warns a partner's people before a protection ends, at each of the organisation's `reminder_days` (14 and
 * 3 by default), once per threshold and protection end. When the sweep first sees a registration below
 * several thresholds at once (a short protection, a sweep that did not run) it sends one warning and records
 * them all. What was sent is stored first, and only warnings whose record this run inserted go out: a second
 * run, or another node running at the same time, sends nothing twice. An extension moves the end, and the
 * warnings begin again for the new end.
 */
export async function remindExpiring(w: Work, limit = 500, now = new Date()): Promise<number> {
  const c = await settingsContext(w);
  const thresholds = [...new Set(c.settings.reminder_days)].filter((d) => d > 0);
  const today = localDate(now, c.timeZone);
  const due = await repo.expiringRegistrations(w.tx, today, thresholds, limit);
  const rows = due.flatMap((r) =>
    thresholds
      .filter((k) => r.days_left <= k && !r.sent.includes(k))
      .map((days) => ({ registration_id: r.id, protected_until: r.protected_until, days })),
  );
  const recorded = new Set((await repo.insertReminders(w.tx, rows)).map((r) => r.registration_id));
  for (const r of due) {
    if (!recorded.has(r.id)) continue;
    w.emit('registration.expiring', {
      registrationId: r.id,
      partnerId: r.partner_id,
      protectedUntil: r.protected_until,
      daysLeft: r.days_left,
    });
    await tellPartner(
      w,
      r,
      'registration.expiring',
      { until: r.protected_until, daysLeft: r.days_left },
      null,
    );
  }
  return due.length;
}
