import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import { CONFLICT_REFUSALS } from './channel.schema.js';
import { within, type Window } from './reports.repo.js';

/**
 * The channel report's SQL: registrations submitted in the window (organisation-local days), in the caller's
 * sight by the registration and partner policies, optionally of one partner or one tier. Counts, medians and
 * sums are computed by the database; amounts stay minor units (numeric, read as strings) until shaped.
 */

export interface ChannelFilter {
  partnerId?: string | undefined;
  tierId?: string | undefined;
}

const n = (v: unknown) => Number(v ?? 0);
const hours = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The cohort, one row per registration, with what the figures need: whether it was approved (decided and
 * not rejected: approval sets `decided_at`, and won, lost, expired or withdrawn keep it), whether it
 * collided with someone's claim, and the hours from its (latest) submission to its decision.
 */
function cohort(db: Executor, actor: Actor, w: Window, f: ChannelFilter) {
  let query = db
    .selectFrom('registrations')
    .innerJoin('partners', 'partners.id', 'registrations.partner_id')
    .select([
      'registrations.id as id',
      'registrations.partner_id as partner_id',
      'registrations.status as status',
      'registrations.amount_minor as amount_minor',
      'registrations.currency as currency',
      sql<boolean>`(registrations.decided_at is not null and registrations.status <> 'rejected')`.as(
        'approved',
      ),
      sql<
        string | null
      >`case when registrations.refusal->>'code' in (${sql.join([...CONFLICT_REFUSALS])}) then registrations.refusal->>'code' end`.as(
        'refusal_conflict',
      ),
      // Held for a reviewer because it looked like a customer or registration already there: the
      // submission's verdict says so (a registration's decisions are kept, its latest one only referenced).
      sql<boolean>`exists (
        select 1 from decisions d
        where d.subject_type = 'registration' and d.subject_id = registrations.id::text
          and d.kind = 'registration.verdict'
          and d.evidence @> '[{"code": "registration.review_required", "params": {"lookalike": true}}]'::jsonb
      )`.as('lookalike'),
      sql<number | null>`extract(epoch from registrations.decided_at - registrations.submitted_at) / 3600`.as(
        'hours',
      ),
    ])
    .where(visible('registration', actor))
    .where(visible('partner', actor))
    .where(sql<SqlBool>`${within(sql.ref('registrations.submitted_at'), w)}`);
  if (f.partnerId) query = query.where('registrations.partner_id', '=', f.partnerId);
  if (f.tierId) query = query.where('partners.tier_id', '=', f.tierId);
  return query;
}

/** The figures of a group of the cohort (`c`); grouped by the caller's `group by`, or all of it. */
const FIGURES = sql`
  count(*) as submitted,
  count(*) filter (where approved) as approved,
  count(*) filter (where status = 'rejected') as rejected,
  count(*) filter (where status = 'won') as won,
  count(*) filter (where status = 'lost') as lost,
  count(*) filter (where refusal_conflict is not null or lookalike) as conflicts,
  count(hours) as decided,
  round((percentile_cont(0.5) within group (order by hours))::numeric, 2)::text as median_hours,
  round((percentile_cont(0.9) within group (order by hours))::numeric, 2)::text as p90_hours
`;

export interface FiguresRow {
  submitted: number;
  approved: number;
  rejected: number;
  won: number;
  lost: number;
  conflicts: number;
  decided: number;
  medianHours: number | null;
  p90Hours: number | null;
}

const figuresOf = (r: Record<string, unknown>): FiguresRow => ({
  submitted: n(r.submitted),
  approved: n(r.approved),
  rejected: n(r.rejected),
  won: n(r.won),
  lost: n(r.lost),
  conflicts: n(r.conflicts),
  decided: n(r.decided),
  medianHours: hours(r.median_hours),
  p90Hours: hours(r.p90_hours),
});

export interface PartnerFiguresRow extends FiguresRow {
  partnerId: string;
  name: string;
  tier: { id: string; code: string; nameZh: string; nameEn: string };
}

export async function partnerFigures(
  db: Executor,
  actor: Actor,
  w: Window,
  f: ChannelFilter,
): Promise<PartnerFiguresRow[]> {
  const r = await sql<Record<string, unknown>>`
    with c as (${cohort(db, actor, w, f)}),
    s as (select partner_id, ${FIGURES} from c group by partner_id)
    select s.*, p.name, t.id as tier_id, t.code as tier_code, t.name_zh as tier_name_zh,
           t.name_en as tier_name_en
    from s join partners p on p.id = s.partner_id join partner_tiers t on t.id = p.tier_id
    order by s.submitted desc, p.name, p.id
  `.execute(db);
  return r.rows.map((row) => ({
    partnerId: row.partner_id as string,
    name: row.name as string,
    tier: {
      id: row.tier_id as string,
      code: row.tier_code as string,
      nameZh: row.tier_name_zh as string,
      nameEn: row.tier_name_en as string,
    },
    ...figuresOf(row),
  }));
}

export async function totalFigures(db: Executor, actor: Actor, w: Window, f: ChannelFilter) {
  const r = await sql<Record<string, unknown>>`
    with c as (${cohort(db, actor, w, f)}) select ${FIGURES} from c
  `.execute(db);
  return figuresOf(r.rows[0] ?? {});
}

/** Registrations per partner and status (as they stand now). */
export async function statusCounts(db: Executor, actor: Actor, w: Window, f: ChannelFilter) {
  const r = await sql<{ partner_id: string; status: string; n: unknown }>`
    with c as (${cohort(db, actor, w, f)})
    select partner_id, status, count(*) as n from c group by partner_id, status
  `.execute(db);
  return r.rows.map((row) => ({ partnerId: row.partner_id, status: row.status, count: n(row.n) }));
}

/** Amounts registered and won per partner and currency, in minor units as exact decimal strings. */
export async function amounts(db: Executor, actor: Actor, w: Window, f: ChannelFilter) {
  const r = await sql<{ partner_id: string; currency: string; registered: string; won: string | null }>`
    with c as (${cohort(db, actor, w, f)})
    select partner_id, currency, sum(amount_minor)::text as registered,
           (sum(amount_minor) filter (where status = 'won'))::text as won
    from c group by partner_id, currency order by currency
  `.execute(db);
  return r.rows.map((row) => ({
    partnerId: row.partner_id,
    currency: row.currency,
    registeredMinor: row.registered,
    wonMinor: row.won,
  }));
}

/** Conflicts by reason: the refusal's code, or a look-alike held for review. */
export async function conflictReasons(db: Executor, actor: Actor, w: Window, f: ChannelFilter) {
  const r = await sql<{ reason: string; n: unknown }>`
    with c as (${cohort(db, actor, w, f)})
    select coalesce(refusal_conflict, 'LOOKALIKE_REVIEW') as reason, count(*) as n
    from c where refusal_conflict is not null or lookalike group by 1
  `.execute(db);
  return r.rows.map((row) => ({ reason: row.reason, count: n(row.n) }));
}

/** A partner tier by id (the filter's), or undefined. */
export async function tierExists(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('partner_tiers').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
