import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AccountTable, ContactTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { editable, teamSubtree, visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import { industryCodesFor } from '../industries/index.js';
import { regionPrefix } from '../regions/index.js';

export type AccountRow = Selectable<AccountTable>;
export type NewAccountRow = Insertable<AccountTable>;
export type ContactRow = Selectable<ContactTable>;

/** Accounts the actor may see, by the account policy, in SQL. */
function visibleAccounts(db: Executor, actor: Actor) {
  return db.selectFrom('accounts').where(visible('account', actor));
}

export interface AccountFilter {
  q?: string | undefined;
  status: string;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  tag?: string | undefined;
  province?: string | undefined;
  city?: string | undefined;
  industry?: string | undefined;
  regionCode?: string | undefined;
  industryCode?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  sort: 'createdAt' | 'updatedAt' | 'legalName';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  createdAt: 'accounts.created_at',
  updatedAt: 'accounts.updated_at',
  legalName: 'accounts.legal_name',
} as const;

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AccountSearch {
  keys: readonly string[];
  texts: readonly string[];
}

/**
 * Accounts in the actor's sight, filtered. `search` finds a customer the way the duplicate check does — by
 * USCC, phone, e-mail or web domain, a name in either script or in pinyin (`keys`) — and by any part of its
 * names as typed (`texts`).
 */
function filteredAccounts(db: Executor, actor: Actor, filter: AccountFilter, search: AccountSearch) {
  let query = visibleAccounts(db, actor).where('accounts.status', '=', filter.status);
  if (filter.ownerId) query = query.where('accounts.owner_id', '=', filter.ownerId);
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where('accounts.owner_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.team_id', 'in', teamSubtree(teamId)),
    );
  }
  if (filter.tag) query = query.where(sql<boolean>`${filter.tag} = any(accounts.tags)`);
  if (filter.province) query = query.where('accounts.province', '=', filter.province);
  if (filter.city) query = query.where('accounts.city', '=', filter.city);
  if (filter.industry) query = query.where('accounts.industry', '=', filter.industry);
  if (filter.regionCode)
    query = query.where('accounts.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  if (filter.industryCode) {
    const codes = industryCodesFor(filter.industryCode);
    query = codes.length
      ? query.where('accounts.industry_code', 'in', codes)
      : query.where(sql<boolean>`false`);
  }
  if (filter.createdFrom) query = query.where('accounts.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where('accounts.created_at', '<', filter.createdTo);
  if (search.texts.length === 0 && search.keys.length === 0) return query;
  return query.where((eb) =>
    eb.or([
      ...(search.keys.length > 0
        ? [
            eb(
              'accounts.id',
              'in',
              eb
                .selectFrom('account_match_keys')
                .select('account_match_keys.account_id')
                .where('account_match_keys.key', 'in', [...search.keys]),
            ),
          ]
        : []),
      ...search.texts.flatMap((text) => [
        eb('accounts.legal_name', 'ilike', like(text)),
        eb('accounts.english_name', 'ilike', like(text)),
        eb(sql<string>`array_to_string(accounts.aliases, ' ')`, 'ilike', like(text)),
      ]),
    ]),
  );
}

export async function listVisibleAccounts(
  db: Executor,
  actor: Actor,
  filter: AccountFilter,
  search: AccountSearch,
  page: Page,
) {
  const query = filteredAccounts(db, actor, filter, search);
  const [items, count] = await Promise.all([
    query
      .selectAll('accounts')
      .orderBy(SORT_COLUMNS[filter.sort], filter.order)
      .orderBy('accounts.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** The same rows as the list, a batch at a time in id order, for exports: memory stays flat at any size. */
export async function* iterateVisibleAccounts(
  db: Executor,
  actor: Actor,
  filter: AccountFilter,
  search: AccountSearch,
  batch = 1000,
): AsyncGenerator<AccountRow[]> {
  let after: string | null = null;
  for (;;) {
    let query = filteredAccounts(db, actor, filter, search);
    if (after) query = query.where('accounts.id', '>', after);
    const rows = await query.selectAll('accounts').orderBy('accounts.id').limit(batch).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.id;
  }
}

/** Contacts of the accounts in the actor's sight, with their account's name, a batch at a time. */
export async function* iterateVisibleContacts(db: Executor, actor: Actor, batch = 1000) {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .where(visible('contact', actor))
      .where('contacts.archived_at', 'is', null);
    if (after) query = query.where('contacts.id', '>', after);
    const rows = await query
      .select([
        'contacts.id',
        'contacts.account_id',
        'accounts.legal_name as account_name',
        'contacts.name',
        'contacts.mobile',
        'contacts.email',
        'contacts.title',
      ])
      .orderBy('contacts.id')
      .limit(batch)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.id;
  }
}

export async function findVisibleAccount(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<AccountRow | undefined> {
  return visibleAccounts(db, actor).selectAll('accounts').where('accounts.id', '=', id).executeTakeFirst();
}

export async function visibleAccountIds(db: Executor, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await visibleAccounts(db, actor)
    .select('accounts.id')
    .where('accounts.id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Of `ids`, those the actor may change (the holder's side; collaborators on the account team only see). */
export async function editableAccountIds(db: Executor, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('accounts')
    .select('accounts.id')
    .where(editable('account', actor))
    .where('accounts.id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function findAccount(db: Executor, id: string, lock = false): Promise<AccountRow | undefined> {
  const query = db.selectFrom('accounts').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts the account and its match keys in one statement. */
export async function insertAccount(
  db: Executor,
  row: NewAccountRow,
  keys: readonly string[],
): Promise<AccountRow> {
  const unique = [...new Set(keys)];
  return db
    .with('inserted', (q) => q.insertInto('accounts').values(row).returningAll())
    .with('keyed', (q) =>
      q
        .insertInto('account_match_keys')
        .columns(['key', 'account_id'])
        .expression(sql`select k.key, i.id from unnest(${unique}::text[]) as k(key) cross join inserted i`),
    )
    .selectFrom('inserted')
    .selectAll()
    .executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Executor,
  id: string,
  patch: Updateable<AccountTable>,
): Promise<AccountRow> {
  return db
    .updateTable('accounts')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceMatchKeys(
  db: Executor,
  accountId: string,
  keys: readonly string[],
): Promise<void> {
  await db.deleteFrom('account_match_keys').where('account_id', '=', accountId).execute();
  if (keys.length > 0) {
    await db
      .insertInto('account_match_keys')
      .values([...new Set(keys)].map((key) => ({ key, account_id: accountId })))
      .execute();
  }
}

export interface MatchCandidates {
  /** Accounts holding each key, counted up to the per-key limit. */
  counts: Map<string, number>;
  /** The accounts sharing the most telling keys, with what matching reads of them. */
  accounts: Pick<AccountRow, 'id' | 'owner_id' | 'legal_name' | 'status' | 'features'>[];
  /** The organisation's verdict thresholds, read in the same round trip. */
  thresholds: { same: number; possible: number } | null;
}

/**
 * Candidates for a duplicate check in one round trip: up to `perKey` holders of each key (a key held by
 * thousands is a hotline or a common word, not evidence worth reading them all for), counted per key, and
 * the `max` accounts sharing the most telling keys.
 */
export async function matchCandidates(
  db: Executor,
  keys: readonly string[],
  options: { perKey: number; max: number; excludeIds?: readonly string[] | undefined },
): Promise<MatchCandidates> {
  const result: MatchCandidates = { counts: new Map(), accounts: [], thresholds: null };
  if (keys.length === 0) return result;
  const rows = await sql<{
    key: string | null;
    count: number | null;
    id: string | null;
    owner_id: string | null;
    legal_name: string | null;
    status: string | null;
    features: unknown;
    same: number | null;
    possible: number | null;
  }>`
    with hits as (
      select k.key, c.account_id
      from unnest(${[...keys]}::text[]) as k(key)
      cross join lateral (
        select m.account_id from account_match_keys m where m.key = k.key limit ${options.perKey}
      ) c
    ),
    weighed as (select key, account_id, count(*) over (partition by key) as holders from hits),
    ranked as (
      -- A key few accounts hold says more than one many hold: rank by the sum of 1 / holders.
      select account_id, sum(1.0 / holders) as weight from weighed
      where not (account_id = any(${[...(options.excludeIds ?? [])]}::uuid[]))
      group by account_id order by weight desc, account_id limit ${options.max}
    )
    select key, count(*)::int as count, null::uuid as id, null::uuid as owner_id, null as legal_name,
      null as status, null::jsonb as features, null::float8 as same, null::float8 as possible
    from hits group by key
    union all
    select null, null, a.id, a.owner_id, a.legal_name, a.status, a.features, null, null
    from ranked r join accounts a on a.id = r.account_id
    union all
    select null, null, null, null, null, null, null, match_same, match_possible from organization`.execute(
    db,
  );
  for (const row of rows.rows) {
    if (row.key !== null) result.counts.set(row.key, row.count ?? 0);
    else if (row.same !== null && row.possible !== null)
      result.thresholds = { same: row.same, possible: row.possible };
    else if (row.id !== null)
      result.accounts.push({
        id: row.id,
        owner_id: row.owner_id,
        legal_name: row.legal_name ?? '',
        status: row.status ?? '',
        features: row.features,
      });
  }
  return result;
}

/** How many accounts hold each key, counted up to `limit`. */
export async function countKeys(db: Executor, keys: readonly string[], limit: number) {
  if (keys.length === 0) return [];
  const result = await sql<{ key: string; count: number }>`
    select k.key, (
      select count(*) from (select 1 from account_match_keys m where m.key = k.key limit ${limit}) held
    )::int as count
    from unnest(${[...keys]}::text[]) as k(key)`.execute(db);
  return result.rows;
}

export async function insertContacts(db: Executor, rows: Insertable<ContactTable>[]): Promise<ContactRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('contacts').values(rows).returningAll().execute();
}

export async function listContacts(db: Executor, accountId: string): Promise<ContactRow[]> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function moveContacts(
  db: Executor,
  fromId: string,
  toId: string,
  onlyIds?: string[],
): Promise<string[]> {
  let query = db.updateTable('contacts').set({ account_id: toId }).where('account_id', '=', fromId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    query = query.where('id', 'in', onlyIds);
  }
  return (await query.returning('id').execute()).map((r) => r.id);
}

export async function moveChildren(
  db: Executor,
  fromId: string,
  toId: string,
  onlyIds?: string[],
): Promise<string[]> {
  let query = db.updateTable('accounts').set({ parent_id: toId }).where('parent_id', '=', fromId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    query = query.where('id', 'in', onlyIds);
  }
  return (await query.returning('id').execute()).map((r) => r.id);
}

export async function insertMerge(
  db: Executor,
  merge: {
    survivor_id: string;
    merged_id: string | null;
    source?: string | null;
    decision_id: string;
    reason: string;
    added: string;
    moved: string;
    merged_by: string | null;
  },
) {
  return db.insertInto('account_merges').values(merge).returningAll().executeTakeFirstOrThrow();
}

export async function findMerge(db: Executor, id: string, lock = false) {
  const query = db.selectFrom('account_merges').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The live merge that took `accountId` away, if any: what must be undone before merges into it can be. */
export async function liveMergeOf(db: Executor, accountId: string) {
  return db
    .selectFrom('account_merges')
    .select('id')
    .where('merged_id', '=', accountId)
    .where('unmerged_at', 'is', null)
    .executeTakeFirst();
}

export async function closeMerge(db: Executor, id: string, by: string | null) {
  await db
    .updateTable('account_merges')
    .set({ unmerged_at: new Date().toISOString(), unmerged_by: by })
    .where('id', '=', id)
    .execute();
}

export async function listMerges(db: Executor, accountId: string) {
  return db
    .selectFrom('account_merges')
    .selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', accountId), eb('merged_id', '=', accountId)]))
    .orderBy('merged_at', 'desc')
    .execute();
}

export async function findContact(db: Executor, accountId: string, contactId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('account_id', '=', accountId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function updateContact(
  db: Executor,
  contactId: string,
  patch: Partial<{
    name: string;
    mobile: string | null;
    email: string | null;
    title: string | null;
    archived_at: string;
  }>,
) {
  return db
    .updateTable('contacts')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The key that seals access references (one row, made by migration 0009). */
export async function accessRefKey(db: Executor): Promise<Buffer> {
  const row = await db
    .selectFrom('access_ref_key')
    .select('key')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.key);
}

/**
 * For customers a caller may not see: whether the organisation lets it know whom to contact, and if so each
 * owner's display name and team — read only when the setting allows.
 */
export async function conflictContacts(db: Executor, accountIds: readonly string[]) {
  const org = await db
    .selectFrom('organization')
    .select('reveal_owner_on_conflict')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (!org.reveal_owner_on_conflict || accountIds.length === 0) return new Map<string, OwnerContact>();
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('users', 'users.id', 'accounts.owner_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select(['accounts.id', 'users.display_name', 'teams.name as team_name'])
    .where('accounts.id', 'in', [...accountIds])
    .execute();
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name, teamName: r.team_name }]));
}

export interface OwnerContact {
  displayName: string;
  teamName: string | null;
}
