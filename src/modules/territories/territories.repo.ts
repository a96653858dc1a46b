import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { teamSubtree, visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';

/** Territory models, their trees and authorisations, and fence exceptions. */

export async function orgToday(db: Executor): Promise<string> {
  const row = await sql<{ today: string }>`
    select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from organization`.execute(
    db,
  );
  return row.rows[0]!.today;
}

const modelColumns = [
  'territory_models.id',
  'territory_models.name',
  'territory_models.status',
  'territory_models.based_on',
  'territory_models.activated_at',
  'territory_models.activated_by',
  'territory_models.decision_id',
  'territory_models.created_at',
  'territory_models.updated_at',
] as const;

export type ModelRow = NonNullable<Awaited<ReturnType<typeof activeModel>>>;

export async function activeModel(db: Executor) {
  return db
    .selectFrom('territory_models')
    .select(modelColumns)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function findModel(db: Executor, id: string) {
  return db.selectFrom('territory_models').select(modelColumns).where('id', '=', id).executeTakeFirst();
}

export async function listModels(db: Executor) {
  return db
    .selectFrom('territory_models')
    .select(modelColumns)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** The model row, locked: every edit of a model's tree or authorisations queues here. */
export async function lockModel(db: Executor, id: string) {
  return db
    .selectFrom('territory_models')
    .select(modelColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The draft and the active model, locked in id order (the lock order of the kernel). */
export async function lockForActivation(db: Executor, id: string) {
  return db
    .selectFrom('territory_models')
    .select(modelColumns)
    .where((eb) => eb.or([eb('id', '=', id), eb('status', '=', 'active')]))
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function insertModel(
  db: Executor,
  row: { name: string; based_on: string | null; created_by: string | null },
) {
  return db.insertInto('territory_models').values(row).returning(modelColumns).executeTakeFirstOrThrow();
}

export async function setModelStatus(
  db: Executor,
  id: string,
  patch: {
    status: 'active' | 'retired';
    activated_at?: string;
    activated_by?: string | null;
    decision_id?: string;
  },
) {
  return db
    .updateTable('territory_models')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returning(modelColumns)
    .executeTakeFirstOrThrow();
}

export async function touchModel(db: Executor, id: string) {
  await db
    .updateTable('territory_models')
    .set({ updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** A draft starts as a copy of another model's tree and authorisations. */
export async function copyModel(db: Executor, from: string, to: string) {
  await sql`
    insert into territories (model_id, code, parent_code, name, areas)
    select ${to}, code, parent_code, name, areas from territories where model_id = ${from}`.execute(db);
  await sql`
    insert into territory_authorisations (model_id, territory_code, partner_id, team_id, industry_codes,
      product_line_codes, exclusive, effect, valid_from, valid_until, created_by, created_at)
    select ${to}, territory_code, partner_id, team_id, industry_codes, product_line_codes, exclusive, effect,
      valid_from, valid_until, created_by, created_at
    from territory_authorisations where model_id = ${from}`.execute(db);
}

export async function territoriesOf(db: Executor, modelId: string) {
  return db
    .selectFrom('territories')
    .select(['code', 'parent_code', 'name', 'areas'])
    .where('model_id', '=', modelId)
    .orderBy('code')
    .execute();
}

export async function upsertTerritory(
  db: Executor,
  row: { model_id: string; code: string; parent_code: string | null; name: string; areas: string[] },
) {
  await db
    .insertInto('territories')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['model_id', 'code']).doUpdateSet({
        parent_code: row.parent_code,
        name: row.name,
        areas: row.areas,
      }),
    )
    .execute();
}

export async function deleteTerritory(db: Executor, modelId: string, code: string) {
  await db.deleteFrom('territories').where('model_id', '=', modelId).where('code', '=', code).execute();
}

const authColumns = [
  'territory_authorisations.id',
  'territory_authorisations.model_id',
  'territory_authorisations.territory_code',
  'territory_authorisations.partner_id',
  'territory_authorisations.team_id',
  'territory_authorisations.industry_codes',
  'territory_authorisations.product_line_codes',
  'territory_authorisations.exclusive',
  'territory_authorisations.effect',
  'territory_authorisations.valid_from',
  'territory_authorisations.valid_until',
  'territory_authorisations.created_at',
] as const;

export type AuthorisationRow = Awaited<ReturnType<typeof authorisationsOf>>[number];

/** Every authorisation of a model: for those who keep the models (scope all) and for the pure fence. */
export async function authorisationsOf(db: Executor, modelId: string) {
  return db
    .selectFrom('territory_authorisations')
    .leftJoin('teams', 'teams.id', 'territory_authorisations.team_id')
    .select(authColumns)
    .select('teams.name as team_name')
    .where('territory_authorisations.model_id', '=', modelId)
    .orderBy('territory_authorisations.territory_code')
    .orderBy('territory_authorisations.created_at')
    .orderBy('territory_authorisations.id')
    .execute();
}

/** The authorisations of a model the actor may see (a partner its own; staff by scope). */
export async function visibleAuthorisations(db: Executor, modelId: string, actor: Actor) {
  return db
    .selectFrom('territory_authorisations')
    .leftJoin('teams', 'teams.id', 'territory_authorisations.team_id')
    .select(authColumns)
    .select('teams.name as team_name')
    .where('territory_authorisations.model_id', '=', modelId)
    .where(visible('territory_authorisation', actor))
    .orderBy('territory_authorisations.territory_code')
    .orderBy('territory_authorisations.created_at')
    .orderBy('territory_authorisations.id')
    .execute();
}

export async function partyAuthorisations(
  db: Executor,
  modelId: string,
  party: { partnerId?: string | undefined; teamId?: string | undefined },
) {
  let query = db
    .selectFrom('territory_authorisations')
    .select(authColumns)
    .select(sql<string | null>`null`.as('team_name'))
    .where('territory_authorisations.model_id', '=', modelId);
  query = party.partnerId
    ? query.where('territory_authorisations.partner_id', '=', party.partnerId)
    : query.where('territory_authorisations.team_id', '=', party.teamId ?? null);
  return query.execute();
}

export async function insertAuthorisation(
  db: Executor,
  row: {
    model_id: string;
    territory_code: string;
    partner_id: string | null;
    team_id: string | null;
    industry_codes: string[];
    product_line_codes: string[];
    exclusive: boolean;
    effect: 'include' | 'exclude';
    valid_from: string;
    valid_until: string | null;
    created_by: string | null;
  },
) {
  return db.insertInto('territory_authorisations').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteAuthorisation(db: Executor, modelId: string, id: string) {
  return db
    .deleteFrom('territory_authorisations')
    .where('model_id', '=', modelId)
    .where('id', '=', id)
    .returning(['id', 'territory_code', 'partner_id', 'team_id', 'effect', 'exclusive'])
    .executeTakeFirst();
}

export async function authorisationsOnTerritory(db: Executor, modelId: string, code: string) {
  const row = await db
    .selectFrom('territory_authorisations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('model_id', '=', modelId)
    .where('territory_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function productLineCodes(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('product_lines')
    .select(['code', sql<string>`lower(code)`.as('key')])
    .where(
      sql<string>`lower(code)`,
      'in',
      codes.map((c) => c.toLowerCase()),
    )
    .execute();
  return new Map(rows.map((r) => [r.key, r.code]));
}

export async function teamInSubtree(db: Executor, root: string, id: string) {
  const row = await sql<{ ok: boolean }>`select ${id}::uuid in ${teamSubtree(root)} as ok`.execute(db);
  return !!row.rows[0]?.ok;
}

export async function accountExists(db: Executor, id: string) {
  return !!(await db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst());
}

export async function teamExists(db: Executor, id: string) {
  return !!(await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst());
}

/** Active customers held by partners with a region code: whom a new model could leave outside. */
export async function partnerCustomers(db: Executor, limit: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'legal_name', 'partner_id', 'region_code', 'industry_code'])
    .where('partner_id', 'is not', null)
    .where('region_code', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}

const exceptionColumns = [
  'territory_exceptions.id',
  'territory_exceptions.partner_id',
  'territory_exceptions.account_id',
  'territory_exceptions.region_code',
  'territory_exceptions.note',
  'territory_exceptions.expires_on',
  'territory_exceptions.granted_by',
  'territory_exceptions.granted_at',
  'territory_exceptions.revoked_at',
] as const;

export type ExceptionRow = Awaited<ReturnType<typeof listExceptions>>[number];

export async function listExceptions(db: Executor, actor: Actor, filter: { partnerId?: string | undefined }) {
  let query = db
    .selectFrom('territory_exceptions')
    .leftJoin('accounts', 'accounts.id', 'territory_exceptions.account_id')
    .select(exceptionColumns)
    .select('accounts.legal_name as account_name')
    .where(visible('territory_exception', actor));
  if (filter.partnerId) query = query.where('territory_exceptions.partner_id', '=', filter.partnerId);
  return query.orderBy('territory_exceptions.granted_at', 'desc').limit(500).execute();
}

export async function insertException(
  db: Executor,
  row: {
    partner_id: string;
    account_id: string | null;
    region_code: string | null;
    note: string;
    expires_on: string;
    granted_by: string | null;
  },
) {
  return db.insertInto('territory_exceptions').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function lockException(db: Executor, id: string, actor: Actor) {
  return db
    .selectFrom('territory_exceptions')
    .select(exceptionColumns)
    .where('territory_exceptions.id', '=', id)
    .where(visible('territory_exception', actor))
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeException(db: Executor, id: string, by: string | null) {
  await db
    .updateTable('territory_exceptions')
    .set({ revoked_at: new Date().toISOString(), revoked_by: by })
    .where('id', '=', id)
    .execute();
}

/** Unrevoked exceptions of a partner still running on `date`, for a customer or a set of regions. */
export async function liveExceptions(
  db: Executor,
  partnerId: string,
  date: string,
  accountId: string | null,
) {
  return db
    .selectFrom('territory_exceptions')
    .select(['id', 'account_id', 'region_code'])
    .where('partner_id', '=', partnerId)
    .where('revoked_at', 'is', null)
    .where('expires_on', '>=', date)
    .where((eb) =>
      eb.or([eb('region_code', 'is not', null), ...(accountId ? [eb('account_id', '=', accountId)] : [])]),
    )
    .execute();
}
