import type { Db } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { Actor, RequestContext } from '../access/index.js';
import { fromMinor } from '../activities/index.js';
import { getPartner } from '../partners/index.js';
import { byStatus, ratio, sumByCurrency } from './channel.js';
import * as repo from './channel.repo.js';
import {
  CONFLICT_REASONS,
  type ChannelReport,
  type ChannelReportQuery,
  type ConflictReason,
  type Scorecard,
} from './channel.schema.js';
import { windowOf } from './reports.service.js';

/**
 * The channel report (issue 12, item 9): deal registrations submitted in a window, by partner and status;
 * approval time; conflict, approval and win rates; a scorecard per partner. It reads what the visibility
 * policies let the caller see — the channel (scope all) every partner, a partner's people their own
 * partner only, reps and managers no registration at all — and writes nothing. A partner filter out of
 * sight is 404, as a partner that does not exist.
 */
export async function channelReport(
  db: Db,
  ctx: RequestContext,
  q: ChannelReportQuery,
): Promise<ChannelReport> {
  const actor = ctx.actor;
  await checkChannelFilter(db, actor, q);
  const w = await windowOf(db, q);
  const f: repo.ChannelFilter = { partnerId: q.partnerId, tierId: q.tierId };
  const [partners, totals, statuses, money, reasons] = await Promise.all([
    repo.partnerFigures(db, actor, w, f),
    repo.totalFigures(db, actor, w, f),
    repo.statusCounts(db, actor, w, f),
    repo.amounts(db, actor, w, f),
    repo.conflictReasons(db, actor, w, f),
  ]);
  const of = (partnerId: string | null) => ({
    statuses: statuses.filter((s) => partnerId === null || s.partnerId === partnerId),
    money: money.filter((m) => partnerId === null || m.partnerId === partnerId),
  });
  const conflictsByReason = Object.fromEntries(CONFLICT_REASONS.map((r) => [r, 0])) as Record<
    ConflictReason,
    number
  >;
  for (const r of reasons) conflictsByReason[r.reason as ConflictReason] += r.count;
  return {
    from: w.from,
    to: w.to,
    timeZone: w.timeZone,
    totals: { ...figures(totals, of(null)), conflictsByReason },
    partners: partners.map((p) => ({
      partnerId: p.partnerId,
      name: p.name,
      tier: p.tier,
      ...figures(p, of(p.partnerId)),
    })),
  };
}

/** The filter names a tier that exists (else 400 on `tierId`) and a partner in sight (else 404). */
export async function checkChannelFilter(db: Db, actor: Actor, q: ChannelReportQuery) {
  if (q.tierId && !(await repo.tierExists(db, q.tierId)))
    throw invalid([{ field: 'tierId', problem: 'not_found', message: 'is no partner tier' }]);
  if (q.partnerId) await getPartner(db, actor, q.partnerId);
}

type Figures = Omit<Scorecard, 'partnerId' | 'name' | 'tier'>;

function figures(
  row: repo.FiguresRow,
  parts: {
    statuses: { status: string; count: number }[];
    money: { currency: string; registeredMinor: string; wonMinor: string | null }[];
  },
): Figures {
  const amounts = (pick: 'registeredMinor' | 'wonMinor') =>
    sumByCurrency(parts.money.map((m) => ({ currency: m.currency, minor: m[pick] }))).map((s) => ({
      currency: s.currency,
      amount: fromMinor(s.minor, s.currency),
    }));
  return {
    submitted: row.submitted,
    byStatus: byStatus(parts.statuses),
    approved: row.approved,
    rejected: row.rejected,
    approvalRate: ratio(row.approved, row.approved + row.rejected),
    won: row.won,
    lost: row.lost,
    winRate: ratio(row.won, row.won + row.lost),
    conflicts: row.conflicts,
    conflictRate: ratio(row.conflicts, row.submitted),
    registered: amounts('registeredMinor'),
    wonAmount: amounts('wonMinor'),
    approvalTime: { decided: row.decided, medianHours: row.medianHours, p90Hours: row.p90Hours },
  };
}
