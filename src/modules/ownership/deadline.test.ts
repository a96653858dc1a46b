import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  lastCountedFollowUp,
  localDate,
  protectionDeadline,
  startOfLocalDate,
  type ProtectionFacts,
  type RecoveryRule,
} from './deadline.js';

const rule = (over: Partial<RecoveryRule> = {}): RecoveryRule => ({
  id: 'r1',
  version: 1,
  name: '90 天未跟进',
  position: 1,
  poolId: 'p-south',
  trigger: 'no_follow_up',
  days: 90,
  grade: null,
  followUpKinds: [],
  minSpacingHours: 0,
  exemptWon: true,
  exemptOpenOpportunity: true,
  ...over,
});
const facts = (over: Partial<ProtectionFacts> = {}): ProtectionFacts => ({
  claimStartedAt: '2026-11-05T07:00:00Z',
  grade: null,
  wonAt: null,
  openOpportunities: 0,
  followUps: [],
  lastOpportunityAt: null,
  ...over,
});
const SH = 'Asia/Shanghai';

describe('protection deadlines', () => {
  it('returns a customer when the day after N whole local days begins', () => {
    const { deadline } = protectionDeadline([rule()], facts(), SH);
    // 5 Nov 15:00 in Shanghai + 90 whole days (6 Nov … 3 Feb): returns as 4 Feb begins there.
    expect(deadline?.returnsOn).toBe('2027-02-04');
    expect(deadline?.endsAt).toBe('2027-02-03T16:00:00.000Z');
    expect(deadline?.anchorKind).toBe('claim');
  });

  it('counts from the organisation-local date across its midnight, not the UTC date', () => {
    // 23:30 on 5 Nov in UTC is already 6 Nov in Shanghai.
    const late = protectionDeadline(
      [rule({ days: 1 })],
      facts({ claimStartedAt: '2026-11-05T16:30:00Z' }),
      SH,
    );
    expect(late.deadline?.returnsOn).toBe('2026-11-08');
    const early = protectionDeadline(
      [rule({ days: 1 })],
      facts({ claimStartedAt: '2026-11-05T15:59:59Z' }),
      SH,
    );
    expect(early.deadline?.returnsOn).toBe('2026-11-07');
  });

  it('ends at local midnight on both sides of a daylight-saving change', () => {
    const berlin = 'Europe/Berlin';
    const before = protectionDeadline(
      [rule({ days: 2 })],
      facts({ claimStartedAt: '2026-03-26T12:00:00Z' }),
      berlin,
    );
    expect(before.deadline?.returnsOn).toBe('2026-03-29');
    expect(before.deadline?.endsAt).toBe('2026-03-28T23:00:00.000Z'); // CET, +01:00
    const after = protectionDeadline(
      [rule({ days: 3 })],
      facts({ claimStartedAt: '2026-03-26T12:00:00Z' }),
      berlin,
    );
    expect(after.deadline?.endsAt).toBe('2026-03-29T22:00:00.000Z'); // CEST, +02:00
  });

  it('moves the deadline with the last qualifying follow-up, and ignores other kinds', () => {
    const r = rule({ followUpKinds: ['visit', 'call'] });
    const f = facts({
      followUps: [
        { at: '2026-12-01T02:00:00Z', kind: 'call' },
        { at: '2026-12-20T02:00:00Z', kind: 'email' },
      ],
    });
    const { deadline } = protectionDeadline([r], f, SH);
    expect(deadline?.anchor).toBe('2026-12-01T02:00:00.000Z');
    expect(deadline?.returnsOn).toBe(addDays('2026-12-01', 91));
  });

  it('counts follow-ups closer than the minimum spacing once', () => {
    const counted = lastCountedFollowUp(
      [
        { at: '2026-12-01T02:00:00Z', kind: 'call' },
        { at: '2026-12-01T05:00:00Z', kind: 'call' },
        { at: '2026-12-02T03:00:00Z', kind: 'call' },
      ],
      { followUpKinds: [], minSpacingHours: 24 },
    );
    expect(counted).toBe('2026-12-02T03:00:00.000Z');
    const tooClose = lastCountedFollowUp(
      [
        { at: '2026-12-01T02:00:00Z', kind: 'call' },
        { at: '2026-12-01T20:00:00Z', kind: 'call' },
      ],
      { followUpKinds: [], minSpacingHours: 24 },
    );
    expect(tooClose).toBe('2026-12-01T02:00:00.000Z');
  });

  it('exempts won customers and open opportunities where the rule says so, with the reason', () => {
    const won = protectionDeadline([rule()], facts({ wonAt: '2026-11-10T00:00:00Z' }), SH);
    expect(won.deadline).toBeNull();
    expect(won.evidence.map((e) => e.code)).toEqual(['recovery.exempt_won']);
    const open = protectionDeadline([rule()], facts({ openOpportunities: 2 }), SH);
    expect(open.deadline).toBeNull();
    expect(open.evidence[0]?.params.open).toBe(2);
    const notExempt = protectionDeadline(
      [rule({ exemptOpenOpportunity: false })],
      facts({ openOpportunities: 2 }),
      SH,
    );
    expect(notExempt.deadline).not.toBeNull();
  });

  it('applies grade rules only to their grade, and the earliest deadline wins', () => {
    const rules = [
      rule({ id: 'a', position: 1, grade: 'A', days: 180 }),
      rule({ id: 'c', position: 2, grade: 'C', days: 30 }),
      rule({ id: 'all', position: 3, trigger: 'not_won', days: 120 }),
    ];
    const a = protectionDeadline(rules, facts({ grade: 'A' }), SH);
    expect(a.deadline?.rule.id).toBe('all');
    const c = protectionDeadline(rules, facts({ grade: 'C' }), SH);
    expect(c.deadline?.rule.id).toBe('c');
    expect(c.evidence.map((e) => e.code)).toEqual(['recovery.other_grade', 'recovery.later_deadline']);
  });

  it('is never earlier than N whole days after the anchor, and never a day later (property)', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC', 'Pacific/Auckland'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...zones),
        (start, days, zone) => {
          const { deadline } = protectionDeadline(
            [rule({ days })],
            facts({ claimStartedAt: start.toISOString() }),
            zone,
          );
          const d = deadline!;
          // The return date is exactly days + 1 local dates after the anchor's local date …
          expect(daysBetween(localDate(start, zone), d.returnsOn)).toBe(days + 1);
          // … it begins at that date's first instant …
          expect(localDate(d.endsAt, zone)).toBe(d.returnsOn);
          expect(localDate(new Date(Date.parse(d.endsAt) - 1), zone)).toBe(addDays(d.returnsOn, -1));
          // … and the holder always had more than `days` × 23 hours (a DST day is 23 hours long).
          expect(Date.parse(d.endsAt) - start.getTime()).toBeGreaterThan(days * 23 * 3_600_000);
        },
      ),
    );
  });

  it('reads local dates at a zone edge', () => {
    expect(localDate('2026-12-31T16:00:00Z', SH)).toBe('2027-01-01');
    expect(startOfLocalDate('2027-01-01', SH)).toBe('2026-12-31T16:00:00.000Z');
  });
});
