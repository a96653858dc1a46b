import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PartnerTable, PartnerTierTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { ListPartnersQuery, PartnerStatus } from './partners.schema.js';

export type PartnerRow = Selectable<PartnerTable> & { tier_code: string };
export type TierRow = Selectable<PartnerTierTable>;

const withTier = (db: Executor) =>
  db
    .selectFrom('partners')
    .innerJoin('partner_tiers', 'partner_tiers.id', 'partners.tier_id')
    .selectAll('partners')
    .select('partner_tiers.code as tier_code');

export async function findVisiblePartner(db: Executor, actor: Actor, id: string) {
  return withTier(db).where(visible('partner', actor)).where('partners.id', '=', id).executeTakeFirst();
}

export async function findPartner(db: Executor, id: string) {
  return withTier(db).where('partners.id', '=', id).executeTakeFirst();
}

export async function findPartnerByAccount(db: Executor, accountId: string) {
  return withTier(db).where('partners.account_id', '=', accountId).executeTakeFirst();
}

export async function lockPartner(db: Executor, id: string) {
  return db.selectFrom('partners').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listVisiblePartners(
  db: Executor,
  actor: Actor,
  query: Pick<ListPartnersQuery, 'status' | 'q'>,
  page: Page,
) {
  let base = withTier(db).where(visible('partner', actor));
  if (query.status) base = base.where('partners.status', '=', query.status);
  if (query.q) base = base.where('partners.name', 'ilike', `%${query.q.replace(/[\\%_]/g, '\\$&')}%`);
  const [items, total] = await Promise.all([
    base.orderBy('partners.name').orderBy('partners.id').limit(page.limit).offset(page.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertPartner(db: Executor, row: Insertable<PartnerTable>) {
  const { id } = await db.insertInto('partners').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePartner(db: Executor, id: string, patch: Updateable<PartnerTable>) {
  await db
    .updateTable('partners')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function insertStatusChange(
  db: Executor,
  row: {
    partner_id: string;
    from_status: PartnerStatus | null;
    to_status: PartnerStatus;
    reason: string;
    decision_id: string | null;
    changed_by: string | null;
  },
) {
  await db.insertInto('partner_status_changes').values(row).execute();
}

export async function statusHistory(db: Executor, partnerId: string) {
  return db
    .selectFrom('partner_status_changes')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

export async function listTiers(db: Executor) {
  return db.selectFrom('partner_tiers').selectAll().orderBy('rank').execute();
}

export async function findTier(db: Executor, id: string) {
  return db.selectFrom('partner_tiers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tier a partner is on now, in one round trip (deal registration reads it on every submission). */
export async function tierOfPartner(db: Executor, partnerId: string) {
  return db
    .selectFrom('partners')
    .innerJoin('partner_tiers', 'partner_tiers.id', 'partners.tier_id')
    .selectAll('partner_tiers')
    .where('partners.id', '=', partnerId)
    .executeTakeFirst();
}

/** The partner with its tier's registration terms, in one read. */
export async function findPartnerWithTerms(db: Executor, partnerId: string) {
  return withTier(db)
    .select([
      'partner_tiers.protection_days',
      'partner_tiers.auto_approve_max_minor',
      'partner_tiers.auto_approve_currency',
      'partner_tiers.auto_approve_product_line_ids',
    ])
    .where('partners.id', '=', partnerId)
    .executeTakeFirst();
}

export async function lockTier(db: Executor, id: string) {
  return db.selectFrom('partner_tiers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lowestTier(db: Executor) {
  return db.selectFrom('partner_tiers').selectAll().orderBy('rank').limit(1).executeTakeFirstOrThrow();
}

export async function updateTier(db: Executor, id: string, patch: Updateable<PartnerTierTable>) {
  return db
    .updateTable('partner_tiers')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countProductLines(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('product_lines')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listChecklistItems(db: Executor) {
  return db
    .selectFrom('partner_checklist_items')
    .selectAll()
    .where('active', '=', true)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export async function insertChecklistItem(
  db: Executor,
  row: { code: string; name_zh: string; name_en: string; position: number; required: boolean },
) {
  return db.insertInto('partner_checklist_items').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function partnerChecklist(db: Executor, partnerId: string) {
  return db
    .selectFrom('partner_checklist_items as i')
    .leftJoin('partner_checklist as c', (join) =>
      join.onRef('c.item_id', '=', 'i.id').on('c.partner_id', '=', partnerId),
    )
    .select([
      'i.id as item_id',
      'i.code',
      'i.name_zh',
      'i.name_en',
      'i.required',
      'c.done_at',
      'c.done_by',
      'c.note',
    ])
    .where('i.active', '=', true)
    .orderBy('i.position')
    .orderBy('i.code')
    .execute();
}

export async function findChecklistItem(db: Executor, id: string) {
  return db
    .selectFrom('partner_checklist_items')
    .selectAll()
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function tick(
  db: Executor,
  row: { partner_id: string; item_id: string; done_by: string | null; note: string | null },
) {
  await db
    .insertInto('partner_checklist')
    .values(row)
    .onConflict((oc) => oc.columns(['partner_id', 'item_id']).doNothing())
    .execute();
}

export async function untick(db: Executor, partnerId: string, itemId: string) {
  await db
    .deleteFrom('partner_checklist')
    .where('partner_id', '=', partnerId)
    .where('item_id', '=', itemId)
    .execute();
}

export async function listCertificationTypes(db: Executor) {
  return db.selectFrom('partner_certification_types').selectAll().orderBy('code').execute();
}

export async function findCertificationType(db: Executor, id: string) {
  return db.selectFrom('partner_certification_types').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organisation-local date today: expiry dates are business dates. */
export async function localToday(db: Executor): Promise<string> {
  const { rows } = await sql<{ today: string }>`
    select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from organization
  `.execute(db);
  return rows[0]!.today;
}

export async function partnerCertifications(db: Executor, partnerId: string) {
  return db
    .selectFrom('partner_certifications as c')
    .innerJoin('partner_certification_types as t', 't.id', 'c.type_id')
    .select([
      'c.id',
      'c.type_id',
      't.code as type_code',
      't.required',
      'c.reference',
      'c.issued_on',
      'c.expires_on',
      'c.lapsed_at',
    ])
    .where('c.partner_id', '=', partnerId)
    .orderBy('c.expires_on', 'desc')
    .execute();
}

export async function insertCertification(
  db: Executor,
  row: {
    partner_id: string;
    type_id: string;
    reference: string | null;
    issued_on: string | null;
    expires_on: string;
    created_by: string | null;
  },
) {
  return db.insertInto('partner_certifications').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Certifications that expired before `today` and were not yet marked, locked and skipped by another sweeper,
 * with whether their type is required.
 */
export async function dueCertifications(db: Executor, today: string, limit: number) {
  return db
    .selectFrom('partner_certifications as c')
    .innerJoin('partner_certification_types as t', 't.id', 'c.type_id')
    .select(['c.id', 'c.partner_id', 'c.type_id', 't.code as type_code', 't.required', 'c.expires_on'])
    .where('c.lapsed_at', 'is', null)
    .where('c.expires_on', '<', today)
    .orderBy('c.id')
    .limit(limit)
    .forUpdate('c')
    .skipLocked()
    .execute();
}

export async function markLapsed(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('partner_certifications')
    .set({ lapsed_at: new Date().toISOString() })
    .where('id', 'in', ids)
    .execute();
}

/** Required certification types the partner holds no valid (unexpired on `today`) certification of. */
export async function missingRequiredTypes(db: Executor, partnerId: string, today: string) {
  const rows = await db
    .selectFrom('partner_certification_types as t')
    .select('t.code')
    .where('t.required', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('partner_certifications as c')
            .select('c.id')
            .whereRef('c.type_id', '=', 't.id')
            .where('c.partner_id', '=', partnerId)
            .where('c.expires_on', '>=', today),
        ),
      ),
    )
    .orderBy('t.code')
    .execute();
  return rows.map((r) => r.code);
}

/** The people to tell about a partner: its channel manager and its partner admins. */
export async function partnerRecipients(db: Executor, partnerId: string, managerId: string | null) {
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where('partner_id', '=', partnerId)
    .where('role', '=', 'partner_admin')
    .where('status', '!=', 'inactive')
    .execute();
  return [...new Set([...(managerId ? [managerId] : []), ...admins.map((a) => a.id)])];
}

export async function internalUserExists(db: Executor, id: string) {
  return !!(await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('partner_id', 'is', null)
    .where('status', '!=', 'inactive')
    .executeTakeFirst());
}
