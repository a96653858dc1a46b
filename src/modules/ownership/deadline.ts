import { TZDate } from '@date-fns/tz';
import { evidence, type Evidence, type JsonObject } from '../../kernel/index.js';

/**
 * When a protected customer returns to a pool, and why — pure, so the sweep, every read and the tests agree.
 *
 * Protection is counted in calendar days where the company is (the organisation's time zone), because that
 * is how the contract with the rep reads: "90 days without a follow-up" means a rep who called on 5 November
 * keeps the customer through 3 February and loses it when 4 February begins, in Shanghai — whatever the
 * server's clock zone, and across a daylight-saving change (a day is a date, not 24 hours).
 */

export type Trigger = 'no_follow_up' | 'no_opportunity' | 'not_won';
export type Grade = 'A' | 'B' | 'C';

export interface RecoveryRule {
  id: string;
  version: number;
  name: string;
  position: number;
  poolId: string;
  trigger: Trigger;
  days: number;
  grade: Grade | null;
  /** Follow-up kinds that count; empty means every kind. */
  followUpKinds: readonly string[];
  /** A follow-up within this many hours of the previous counted one does not count again. */
  minSpacingHours: number;
  exemptWon: boolean;
  exemptOpenOpportunity: boolean;
}

export interface ProtectionFacts {
  /** When the current holder's claim began. */
  claimStartedAt: string;
  grade: Grade | null;
  wonAt: string | null;
  openOpportunities: number;
  /** The holder's follow-ups since the claim began, any order. */
  followUps: readonly { at: string; kind: string }[];
  /** When the latest opportunity on the customer was opened, if any since the claim began. */
  lastOpportunityAt: string | null;
}

export interface Deadline {
  /** The instant the protection ends: the start of `returnsOn` in the organisation's time zone. */
  endsAt: string;
  /** The organisation-local date the customer returns to the pool (YYYY-MM-DD). */
  returnsOn: string;
  rule: { id: string; version: number; name: string; poolId: string; trigger: Trigger; days: number };
  /** The moment the count started from (the claim, or the last counted follow-up or opportunity). */
  anchor: string;
  anchorKind: 'claim' | 'follow_up' | 'opportunity';
}

export interface ProtectionOutcome {
  deadline: Deadline | null;
  /** Why each rule that could have set a deadline did not (exempt, another grade, a later date). */
  evidence: Evidence[];
}

/**
 * When each local date begins, by time zone: a sweep or a list asks about a few hundred dates thousands of
 * times, and asking the time-zone database costs tens of microseconds a time.
 */
const dayStarts = new Map<string, number>();

function dayStart(date: string, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    start = new TZDate(y, m - 1, d, timeZone).getTime();
    if (dayStarts.size >= 100_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/**
 * The organisation-local calendar date of an instant, as YYYY-MM-DD: the date whose span — from its start to
 * the next date's start — holds the instant. Offsets are under a day, so it is the UTC date or one beside it.
 */
export function localDate(instant: string | Date, timeZone: string): string {
  const t = new Date(instant).getTime();
  if (Number.isNaN(t)) {
    const d = new TZDate(t, timeZone);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  let date = new Date(t).toISOString().slice(0, 10);
  while (t < dayStart(date, timeZone)) date = addDays(date, -1);
  while (t >= dayStart(addDays(date, 1), timeZone)) date = addDays(date, 1);
  return date;
}

/** The instant a local date begins in the time zone (midnight, or the first moment after a DST gap). */
export function startOfLocalDate(date: string, timeZone: string): string {
  return new Date(dayStart(date, timeZone)).toISOString();
}

/** Calendar arithmetic on YYYY-MM-DD dates (UTC noon, so no zone can shift the day). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole local days from `from`'s date to `to`'s date (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The follow-ups that count: of a qualifying kind, each at least `minSpacingHours` after the previous one
 * counted (so ten calls in an afternoon are one), in time order. Returns the last counted one.
 */
export function lastCountedFollowUp(
  followUps: ProtectionFacts['followUps'],
  rule: Pick<RecoveryRule, 'followUpKinds' | 'minSpacingHours'>,
): string | null {
  const spacing = rule.minSpacingHours * 3_600_000;
  let last: number | null = null;
  const times = followUps
    .filter((f) => rule.followUpKinds.length === 0 || rule.followUpKinds.includes(f.kind))
    .map((f) => Date.parse(f.at))
    .sort((a, b) => a - b);
  for (const t of times) if (last === null || t - last >= spacing) last = t;
  return last === null ? null : new Date(last).toISOString();
}

function anchorFor(rule: RecoveryRule, facts: ProtectionFacts): Pick<Deadline, 'anchor' | 'anchorKind'> {
  const claim = { anchor: facts.claimStartedAt, anchorKind: 'claim' as const };
  const later = (at: string | null, anchorKind: 'follow_up' | 'opportunity') =>
    at && Date.parse(at) > Date.parse(facts.claimStartedAt) ? { anchor: at, anchorKind } : claim;
  switch (rule.trigger) {
    case 'no_follow_up':
      return later(lastCountedFollowUp(facts.followUps, rule), 'follow_up');
    case 'no_opportunity':
      return later(facts.lastOpportunityAt, 'opportunity');
    case 'not_won':
      return claim;
  }
}

/**
 * The deadline the rules give a protected customer: every rule that applies (its grade, no exemption) gives
 * a date — the anchor's local date + `days` + 1, i.e. after `days` whole days — and the earliest wins (on a
 * tie, the rule listed first). `rules` are those in scope for the customer, in their order.
 */
export function protectionDeadline(
  rules: readonly RecoveryRule[],
  facts: ProtectionFacts,
  timeZone: string,
): ProtectionOutcome {
  const notes: Evidence[] = [];
  let best: Deadline | null = null;
  const ref = (r: { id: string; version: number; name: string }): JsonObject => ({
    ruleId: r.id,
    version: r.version,
    name: r.name,
  });
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (rule.grade && rule.grade !== facts.grade) {
      notes.push(
        evidence('recovery.other_grade', { ...ref(rule), grade: rule.grade, accountGrade: facts.grade }),
      );
      continue;
    }
    if (rule.exemptWon && facts.wonAt) {
      notes.push(evidence('recovery.exempt_won', { ...ref(rule), wonAt: facts.wonAt }));
      continue;
    }
    if (rule.exemptOpenOpportunity && facts.openOpportunities > 0) {
      notes.push(
        evidence('recovery.exempt_open_opportunity', { ...ref(rule), open: facts.openOpportunities }),
      );
      continue;
    }
    const { anchor, anchorKind } = anchorFor(rule, facts);
    const returnsOn = addDays(localDate(anchor, timeZone), rule.days + 1);
    const candidate: Deadline = {
      endsAt: startOfLocalDate(returnsOn, timeZone),
      returnsOn,
      rule: {
        id: rule.id,
        version: rule.version,
        name: rule.name,
        poolId: rule.poolId,
        trigger: rule.trigger,
        days: rule.days,
      },
      anchor,
      anchorKind,
    };
    if (!best || candidate.returnsOn < best.returnsOn) {
      if (best)
        notes.push(evidence('recovery.later_deadline', { ...ref(best.rule), returnsOn: best.returnsOn }));
      best = candidate;
    } else {
      notes.push(evidence('recovery.later_deadline', { ...ref(rule), returnsOn }));
    }
  }
  return { deadline: best, evidence: notes };
}

/** The evidence a deadline is explained by: the rule, what the count started from, and the date. */
export function deadlineEvidence(d: Deadline): Evidence {
  return evidence(`recovery.${d.rule.trigger}`, {
    ruleId: d.rule.id,
    version: d.rule.version,
    name: d.rule.name,
    poolId: d.rule.poolId,
    days: d.rule.days,
    anchor: d.anchor,
    anchorKind: d.anchorKind,
    returnsOn: d.returnsOn,
    endsAt: d.endsAt,
  });
}
