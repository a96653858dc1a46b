import type { JobHandler, Work } from '../../kernel/index.js';
import * as repo from './partners.repo.js';
import { reviewRegistrationRights } from './partners.service.js';

const BATCH = 500;

/**
 * Marks certifications whose expiry date (a business date in the organisation's zone) has passed, once
 * each, and reviews the registration rights of each partner concerned: a lapsed required certification
 * without a valid successor suspends them, with a decision, a notice and an event.
 */
export async function lapseDue(w: Work, limit = BATCH): Promise<number> {
  const today = await repo.localToday(w.tx);
  const due = await repo.dueCertifications(w.tx, today, limit);
  if (due.length === 0) return 0;
  await repo.markLapsed(
    w.tx,
    due.map((d) => d.id),
  );
  const byPartner = new Map<string, string[]>();
  for (const d of due) byPartner.set(d.partner_id, [...(byPartner.get(d.partner_id) ?? []), d.id]);
  for (const [partnerId, ids] of [...byPartner].sort(([a], [b]) => a.localeCompare(b))) {
    await repo.lockPartner(w.tx, partnerId);
    w.audit({
      action: 'partner.certification_lapsed',
      entityType: 'partner',
      entityId: partnerId,
      after: { certificationIds: ids, today },
    });
    const required = due.filter((d) => d.partner_id === partnerId && d.required).map((d) => d.id);
    await reviewRegistrationRights(w, partnerId, required);
  }
  return due.length;
}

export const certificationJob: JobHandler = {
  kind: 'partners.certifications',
  lane: 'system',
  leaseSeconds: 300,
  run: async (job) => {
    const n = await job.work((w) => lapseDue(w));
    return n >= BATCH && !job.signal.aborted ? 'again' : 'done';
  },
};
