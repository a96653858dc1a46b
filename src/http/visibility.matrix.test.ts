import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAccount, makeTeam, makeUser } from '../db/testing/factories.js';
import { describeEachEngine } from '../db/testing/index.js';
import { startTestServer, type TestServer } from '../db/testing/server.js';
import { ROLES, type Permission, type Role } from '../modules/access/index.js';
import { isPluginRoute } from './auth.js';
import { effectivePermissions, Sight } from './testing/policy-model.js';
import { PROBES, type Count, type Probe, type ProbeRequest } from './testing/visibility-probes.js';
import { buildWorld, type World } from './testing/visibility-world.js';

/**
 * Every route × every role × three credentials (the session; a token holding only the route's permission;
 * a token holding some other permission only), each aimed at objects outside the scope-limited callers'
 * sight. What a cell may answer is computed from the policy model (`testing/policy-model.ts`), not from the
 * code under test: without the permission, 403; with it, on an object out of sight, exactly what a random id
 * gets; and never a 500, a foreign name or id, or a count that includes foreign rows.
 */

const VARIANTS = ['session', 'route token', 'other token'] as const;
type Variant = (typeof VARIANTS)[number];
const ROUTE_CELLS = Object.keys(PROBES).length * ROLES.length * VARIANTS.length;
const CELLS = Object.values(PROBES).flat().length * ROLES.length * VARIANTS.length;
// Lower bounds: a matrix that shrinks (a probe or route dropped) is noticed here.
const MIN_ROUTE_CELLS = 4515;
const MIN_CELLS = 5250;

/** The permission a token holds for a variant: the route's own (any, for routes open to every caller) or another. */
function tokenScope(access: string, variant: Exclude<Variant, 'session'>): Permission {
  const own: Permission = access === 'authenticated' ? 'org:read' : (access as Permission);
  if (variant === 'route token') return own;
  return own === 'org:read' ? 'tokens:manage' : 'org:read';
}

describeEachEngine('visibility matrix', (t) => {
  let server: TestServer;
  let world: World;
  const sessions = {} as Record<Role, string>;
  let ran = 0;
  let calls = 0;
  const outcomes = { forbidden: 0, 'out of sight': 0, 'existence told': 0, 'in sight': 0 };

  beforeAll(async () => {
    server = await startTestServer(t.database);
    world = await buildWorld(t.database);
    for (const role of ROLES) sessions[role] = await server.login(world.callers[role].login);
  });
  afterAll(() => server?.close());

  const db = () => t.database.db;

  it('holds a probe for every route, and a route for every probe', () => {
    const routes = server.app.registeredRoutes
      .filter((r) => !isPluginRoute(r.url) && r.access !== 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(30);
    expect(
      routes.filter((r) => !PROBES[r]),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      Object.keys(PROBES).filter((p) => !routes.includes(p)),
      'probes of no route',
    ).toEqual([]);
  });

  it('is built as the policy says: B is out of every scope-limited caller’s sight', async () => {
    const admission = await db()
      .selectFrom('decisions')
      .select('evidence')
      .where('id', '=', world.decisions.lookalike)
      .executeTakeFirstOrThrow();
    // The look-alike's admission names B: the decision probes read it as the rep, who may not see B.
    expect(JSON.stringify(admission.evidence)).toContain(world.accounts.b.id);
    const folded = await server.call(`/api/v1/accounts/${world.own.rep.id}/merges`, {
      cookie: sessions.admin,
    });
    expect(folded.body.items.map((m: any) => m.source?.importId)).toContain(world.imports.done.id);
    const sights = await loadSights();
    for (const role of ROLES) {
      const seesB = sights[role].account(world.accounts.b.facts);
      expect(seesB, role).toBe(['admin', 'sales_ops', 'finance'].includes(role));
    }
  });

  async function loadSights(): Promise<Record<Role, Sight>> {
    const users = await db().selectFrom('users').select(['id', 'team_id', 'partner_id']).execute();
    const teams = await db().selectFrom('teams').select(['id', 'parent_id']).execute();
    const userFacts = users.map((u) => ({ id: u.id, teamId: u.team_id, partnerId: u.partner_id }));
    const teamFacts = teams.map((x) => ({ id: x.id, parentId: x.parent_id }));
    const sights = {} as Record<Role, Sight>;
    for (const role of ROLES) {
      const c = world.callers[role];
      sights[role] = new Sight(
        { id: c.id, role, teamId: c.teamId, partnerId: c.partnerId },
        userFacts,
        teamFacts,
      );
    }
    return sights;
  }

  /** Everything a refused call must leave as it was (token use and sessions aside). */
  async function fingerprint(): Promise<string> {
    const tables = [
      'organization',
      'teams',
      'users',
      'accounts',
      'contacts',
      'account_match_keys',
      'account_merges',
      'import_jobs',
      'import_clusters',
      'decisions',
      'audit_log',
      'events',
      'jobs',
      'access_requests',
      'follow_ups',
      'product_lines',
      'products',
      'opportunities',
      'opportunity_lines',
      'quotes',
      'quote_lines',
      'overlap_alerts',
      'registrations',
      'registration_protections',
      'registration_settings',
      'partners',
      'partner_status_changes',
      'partner_tiers',
      'partner_checklist_items',
      'partner_checklist',
      'partner_certifications',
      'price_list_entries',
      'territory_models',
      'territories',
      'territory_authorisations',
      'territory_exceptions',
      'cases',
      'case_events',
      'case_settings',
      'exchange_rates',
      'transactions',
      'transaction_lines',
      'credit_splits',
      'credit_lines',
      'commission_plans',
      'commission_plan_versions',
      'commission_payees',
      'commission_targets',
      'commission_indexes',
    ];
    const parts = tables.map(
      (table) => sql<string>`(select md5(coalesce(string_agg(t::text, '|' order by t::text), ''))
        from ${sql.table(table)} t)`,
    );
    const tokens = sql<string>`(select md5(coalesce(string_agg(concat_ws(',', id, user_id, name, scopes::text,
      expires_at, revoked_at), '|' order by id), '')) from api_tokens)`;
    const row = await sql<{ f: string }>`select concat_ws(',', ${sql.join([...parts, tokens])}) as f`.execute(
      db(),
    );
    return row.rows[0]!.f;
  }

  async function call(request: ProbeRequest, credential: { cookie: string } | { token: string }) {
    calls += 1;
    return server.call(request.path, {
      method: request.method,
      ...(request.json !== undefined && { json: request.json }),
      ...(request.body !== undefined && { body: request.body }),
      ...(request.headers && { headers: request.headers }),
      ...credential,
    });
  }

  async function expectedRows(count: Count, sight: Sight): Promise<string[] | Map<string, number>> {
    switch (count.of) {
      case 'accounts': {
        const rows = await db()
          .selectFrom('accounts')
          .select(['id', 'owner_id', 'partner_id', 'status', 'legal_name', 'english_name', 'aliases'])
          .execute();
        return rows
          .map((a) => ({
            id: a.id,
            ownerId: a.owner_id,
            partnerId: a.partner_id,
            status: a.status,
            names: [a.legal_name, a.english_name ?? '', ...a.aliases],
          }))
          .filter((a) => count.where(a, world) && sight.account(a))
          .map((a) => a.id);
      }
      case 'users': {
        const rows = await db()
          .selectFrom('users')
          .select(['id', 'team_id', 'partner_id', 'login', 'display_name', 'email'])
          .execute();
        return rows
          .map((u) => ({
            id: u.id,
            teamId: u.team_id,
            partnerId: u.partner_id,
            texts: [u.login, u.display_name, u.email ?? ''],
          }))
          .filter((u) => count.where(u, world) && sight.user(u.id))
          .map((u) => u.id);
      }
      case 'imports': {
        const rows = await db().selectFrom('import_jobs').select(['id', 'created_by']).execute();
        return rows.filter((r) => sight.import(r.created_by)).map((r) => r.id);
      }
      case 'audit': {
        const rows = await db()
          .selectFrom('audit_log')
          .select(['id', 'actor_id'])
          .where('entity_id', '=', count.entityId(world))
          .execute();
        return rows.filter((r) => sight.audit(r.actor_id)).map((r) => String(r.id));
      }
      case 'decisions': {
        const account = await db()
          .selectFrom('accounts')
          .select(['owner_id', 'partner_id'])
          .where('id', '=', count.accountId(world))
          .executeTakeFirstOrThrow();
        const seen = sight.account({ ownerId: account.owner_id, partnerId: account.partner_id });
        const rows = await db()
          .selectFrom('decisions')
          .select('id')
          .where('subject_type', '=', 'account')
          .where('subject_id', '=', count.accountId(world))
          .execute();
        return seen ? rows.map((r) => r.id) : [];
      }
      case 'clusters': {
        const rows = await db()
          .selectFrom('import_clusters')
          .select('cluster_id')
          .where('job_id', '=', count.importId(world))
          .execute();
        return sight.import(world.users.opsB.id) ? rows.map((r) => r.cluster_id) : [];
      }
      case 'team members': {
        const users = await db().selectFrom('users').select(['id', 'team_id']).execute();
        const teams = await db().selectFrom('teams').select('id').execute();
        const members = new Map<string, number>();
        if (!sight.team()) return members;
        for (const team of teams)
          members.set(team.id, users.filter((u) => u.team_id === team.id && sight.user(u.id)).length);
        return members;
      }
      case 'access requests': {
        const rows = await db()
          .selectFrom('access_requests')
          .innerJoin('accounts', 'accounts.id', 'access_requests.account_id')
          .select([
            'access_requests.id',
            'requester_id',
            'decided_by',
            'accounts.owner_id',
            'accounts.partner_id',
          ])
          .execute();
        return rows
          .filter((r) =>
            sight.accessRequest({
              requesterId: r.requester_id,
              decidedBy: r.decided_by,
              account: { ownerId: r.owner_id, partnerId: r.partner_id },
            }),
          )
          .map((r) => r.id);
      }
      case 'opportunities':
      case 'quotes': {
        const rows = await db()
          .selectFrom('opportunities')
          .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
          .select([
            'opportunities.id',
            'opportunities.owner_id',
            'accounts.owner_id as account_owner',
            'accounts.partner_id',
          ])
          .execute();
        const seen = rows
          .filter((r) =>
            sight.opportunity({
              ownerId: r.owner_id,
              account: { ownerId: r.account_owner, partnerId: r.partner_id },
            }),
          )
          .map((r) => r.id);
        if (count.of === 'opportunities') return seen;
        const quotes = await db().selectFrom('quotes').select(['id', 'opportunity_id']).execute();
        return quotes.filter((q) => seen.includes(q.opportunity_id)).map((q) => q.id);
      }
      case 'overlap alerts': {
        const accounts = new Map(
          (await db().selectFrom('accounts').select(['id', 'owner_id', 'partner_id']).execute()).map((a) => [
            a.id,
            { ownerId: a.owner_id, partnerId: a.partner_id },
          ]),
        );
        const rows = await db()
          .selectFrom('overlap_alerts')
          .select(['id', 'account_id', 'other_account_id'])
          .execute();
        return rows
          .filter((r) =>
            sight.overlapAlert({
              accounts: [accounts.get(r.account_id)!, accounts.get(r.other_account_id)!],
            }),
          )
          .map((r) => r.id);
      }
      case 'registrations': {
        const rows = await db().selectFrom('registrations').select(['id', 'partner_id']).execute();
        return rows.filter((r) => sight.registration(r.partner_id)).map((r) => r.id);
      }
      case 'partners': {
        const rows = await db().selectFrom('partners').select(['id', 'manager_id']).execute();
        return rows.filter((r) => sight.partner({ id: r.id, managerId: r.manager_id })).map((r) => r.id);
      }
      case 'cases': {
        const rows = await db()
          .selectFrom('cases')
          .select(['id', 'partner_id', 'other_partner_id', 'direct_owner_id'])
          .execute();
        return rows
          .filter((r) =>
            sight.case({
              partnerId: r.partner_id,
              otherPartnerId: r.other_partner_id,
              directOwnerId: r.direct_owner_id,
            }),
          )
          .map((r) => r.id);
      }
      case 'own tokens': {
        const rows = await db()
          .selectFrom('api_tokens')
          .select('id')
          .where('user_id', '=', sight.caller.id)
          .execute();
        return rows.map((r) => r.id);
      }
    }
  }

  /** Problems with a list's rows and counts against the model; none is the only good answer. */
  async function judgeCount(count: Count, sight: Sight, body: any): Promise<string[]> {
    const expected = await expectedRows(count, sight);
    if (expected instanceof Map) {
      const got = new Map<string, number>(body.items.map((x: any) => [x.id, x.memberCount]));
      return [...got].some(([id, n]) => expected.get(id) !== n) || got.size !== expected.size
        ? [`teams ${JSON.stringify([...got])} but the policy allows ${JSON.stringify([...expected])}`]
        : [];
    }
    const ids = body.items.map((x: any) => String(x.id ?? x.clusterId));
    const problems: string[] = [];
    if (body.total !== undefined && body.total !== expected.length)
      problems.push(`total ${body.total}, but ${expected.length} rows are in scope`);
    const stray = ids.filter((id: string) => !expected.includes(id));
    if (stray.length) problems.push(`rows out of scope: ${stray.join(', ')}`);
    if (ids.length !== Math.min(expected.length, body.limit ?? Infinity))
      problems.push(`${ids.length} rows, but ${expected.length} are in scope`);
    return problems;
  }

  /** What must not show in a reply to this caller: names and ids of what it may not see, unless it sent them. */
  function forbiddenStrings(
    sight: Sight,
    request: ProbeRequest,
    published: readonly string[] = [],
  ): string[] {
    const sent = JSON.stringify(request).toLowerCase();
    // The organisation chart names each team's manager: that id is part of the team a caller may see.
    const managers = sight.team() ? [world.callers.manager.id] : [];
    return world.objects
      .filter((o) => !o.seenBy(sight) && !published.includes(o.id))
      .flatMap((o) => [o.marker, managers.includes(o.id) ? null : o.id])
      .filter((s): s is string => !!s && !sent.includes(s.toLowerCase()))
      .filter((s, i, all) => all.indexOf(s) === i);
  }

  function withRandomIds(request: ProbeRequest, ids: string[]) {
    let text = JSON.stringify(request);
    const swaps = ids.filter((id) => text.includes(id)).map((id) => [id, randomUUID()] as const);
    for (const [id, random] of swaps) text = text.replaceAll(id, random);
    return { request: JSON.parse(text) as ProbeRequest, swaps };
  }

  function normalized(body: unknown, ids: readonly string[]) {
    let text = JSON.stringify(body);
    ids.forEach((id, i) => (text = text.replaceAll(id, `<id ${i}>`)));
    const parsed = JSON.parse(text);
    if (parsed?.error?.details) delete parsed.error.details.requestId;
    return parsed;
  }

  /**
   * The duplicate check's promise: an invisible match says that it exists and whether it is owned, and
   * hands the caller an opaque reference to ask for access with (the owner's name is off in this world).
   */
  function judgeExistence(body: any, targetId: string, seen: boolean): string[] {
    const matches: any[] = body.matches ?? body.error?.details?.matches ?? [];
    const hidden = matches.filter((m) => m.visible === false);
    if (seen)
      return matches.some((m) => m.visible && m.accountId === targetId)
        ? []
        : ['the visible match is not shown'];
    const problems = hidden.length ? [] : ['the match is not told at all'];
    for (const m of hidden)
      if (Object.keys(m).sort().join() !== 'accessRef,owned,verdict,visible')
        problems.push(`told ${JSON.stringify(m)}`);
    return problems;
  }

  for (const [route, probes] of Object.entries(PROBES)) {
    it(`${route}: ${probes.length} probe(s) × ${ROLES.length} roles × ${VARIANTS.length} credentials`, async () => {
      const [method] = route.split(' ');
      const access = server.app.registeredRoutes.find((r) => `${r.method} ${r.url}` === route)?.access;
      expect(access, `${route} is not registered`).toBeDefined();
      const sights = await loadSights();
      const failures: string[] = [];
      for (const probe of probes)
        for (const role of ROLES)
          for (const variant of VARIANTS) {
            const problems = await runCell(probe, role, variant, access!, method!, sights[role]);
            failures.push(...problems.map((p) => `${role} / ${variant} / ${probe.label}: ${p}`));
            ran += 1;
          }
      expect(failures).toEqual([]);
    });
  }

  async function runCell(
    probe: Probe,
    role: Role,
    variant: Variant,
    access: string,
    method: string,
    sight: Sight,
  ): Promise<string[]> {
    const caller = world.callers[role];
    const scope = variant === 'session' ? undefined : tokenScope(access, variant);
    const permissions = effectivePermissions(role, scope ? [scope] : undefined);
    const permitted = access === 'authenticated' || permissions.has(access as Permission);
    const credential =
      variant !== 'session'
        ? { token: world.tokens[role][scope!] }
        : { cookie: probe.endsSession ? await server.login(caller.login) : sessions[role] };
    const context = { world, role, caller, n: calls };
    const request = probe.request(context);
    const targetId = probe.target?.(world);
    const target = targetId ? world.objects.find((o) => o.id === targetId) : undefined;
    if (targetId && !target) return [`target ${targetId} is not a world object`];
    const seen = target ? target.seenBy(sight) : true;
    const allowed =
      typeof probe.allowed === 'number' ? probe.allowed : probe.allowed({ ...context, permissions });
    const outcome: keyof typeof outcomes = !permitted
      ? 'forbidden'
      : !seen
        ? probe.tellsExistence
          ? 'existence told'
          : 'out of sight'
        : 'in sight';
    outcomes[outcome] += 1;
    // Refused for want of permission, for being out of sight, or by the route's own rules (409, 400…).
    const refused = outcome === 'forbidden' || outcome === 'out of sight' || allowed >= 400;
    const before = method !== 'GET' && refused ? await fingerprint() : undefined;

    const reply = await call(request, credential);
    const problems: string[] = [];
    const text = JSON.stringify(reply.body).toLowerCase();
    if (reply.status >= 500) problems.push(`${reply.status} ${text.slice(0, 200)}`);
    for (const s of forbiddenStrings(sight, request, probe.publishes?.(world)))
      if (text.includes(s.toLowerCase()))
        problems.push(`leaks ${world.objects.find((o) => o.marker === s || o.id === s)?.key}`);

    if (outcome === 'forbidden') {
      if (reply.status !== 403 || reply.body?.error?.code !== 'FORBIDDEN')
        problems.push(`without ${access}: ${reply.status} ${reply.body?.error?.code ?? ''}, not 403`);
    } else if (probe.tellsExistence) {
      if (reply.status !== allowed) problems.push(`${reply.status}, not ${allowed}`);
      problems.push(...judgeExistence(reply.body, targetId!, seen));
    } else if (outcome === 'out of sight') {
      const hidden = probe.hidden ?? 404;
      if (reply.status !== hidden) problems.push(`out of sight: ${reply.status}, not ${hidden}`);
      if (hidden === 404 && reply.body?.error?.code !== 'NOT_FOUND')
        problems.push(`out of sight: ${reply.body?.error?.code}, not NOT_FOUND`);
      const ids = world.objects.filter((o) => !o.seenBy(sight)).map((o) => o.id);
      const control = withRandomIds(request, ids);
      const missing = await call(control.request, credential);
      const real = normalized(
        reply.body,
        control.swaps.map(([id]) => id),
      );
      const random = normalized(
        missing.body,
        control.swaps.map(([, r]) => r),
      );
      if (missing.status !== reply.status || JSON.stringify(real) !== JSON.stringify(random))
        problems.push(
          `distinguishable from a missing object: ${reply.status} ${JSON.stringify(real)} vs ${missing.status} ${JSON.stringify(random)}`,
        );
    } else {
      if (reply.status !== allowed)
        problems.push(`in sight: ${reply.status}, not ${allowed} ${text.slice(0, 300)}`);
      else if (probe.counts) problems.push(...(await judgeCount(probe.counts, sight, reply.body)));
    }

    if (before !== undefined && (await fingerprint()) !== before)
      problems.push('a refused call changed data');
    return problems;
  }

  it('walked every cell', () => {
    const tally = Object.entries(outcomes).map(([outcome, n]) => `${n} ${outcome}`);
    console.log(
      `visibility matrix [${t.engine}]: ${ROUTE_CELLS} cells (${Object.keys(PROBES).length} routes × ` +
        `${ROLES.length} roles × ${VARIANTS.length} credentials), walked as ${CELLS} probe cells ` +
        `(${Object.values(PROBES).flat().length} probes): ${tally.join(', ')}; ${calls} requests`,
    );
    expect(ran).toBe(CELLS);
    expect(ROUTE_CELLS).toBeGreaterThanOrEqual(MIN_ROUTE_CELLS);
    expect(CELLS).toBeGreaterThanOrEqual(MIN_CELLS);
  });

  /**
   * The account team beside the owner: collaborators see the customer and what hangs off it (contacts,
   * timeline, ownership) while their membership lasts; changing the customer stays with its holder's side.
   * An assisting collaborator logs follow-ups; a former owner kept read-only does not; an expired one, and
   * anyone else out of scope, is answered as for a customer that does not exist.
   */
  it('lets collaborators see the customer they work on, read-only where kept so; an expired one sees nothing', async () => {
    const owner = await makeUser(db());
    const customer = await makeAccount(db(), { owner, contacts: [{ name: '陈经理' }] });
    const team = await makeTeam(db());
    const helper = await makeUser(db(), { teamId: team.id });
    const helpersManager = await makeUser(db(), { role: 'manager', teamId: team.id });
    await db()
      .updateTable('teams')
      .set({ manager_id: helpersManager.id })
      .where('id', '=', team.id)
      .execute();
    const former = await makeUser(db());
    const expired = await makeUser(db());
    const stranger = await makeUser(db());
    const day = 24 * 3600 * 1000;
    await db()
      .insertInto('account_team')
      .values([
        { account_id: customer.id, user_id: helper.id, role: 'assisting_rep', credit_bp: 2000, until: null },
        {
          account_id: customer.id,
          user_id: former.id,
          role: 'former_owner',
          until: new Date(Date.now() + 30 * day).toISOString(),
        },
        {
          account_id: customer.id,
          user_id: expired.id,
          role: 'assisting_rep',
          until: new Date(Date.now() - day).toISOString(),
        },
      ])
      .execute();
    const who = { helper, helpersManager, former, expired, stranger, owner };
    const cookie = {} as Record<keyof typeof who, string>;
    for (const [key, user] of Object.entries(who))
      cookie[key as keyof typeof who] = await server.login(user.login);
    const base = `/api/v1/accounts/${customer.id}`;
    const get = (as: keyof typeof who, path = '') => server.call(`${base}${path}`, { cookie: cookie[as] });
    const contactId = customer.contacts[0]!.id;
    const writes = {
      'PATCH account': (as: keyof typeof who) =>
        server.call(base, { method: 'PATCH', cookie: cookie[as], json: { aliases: ['协作改名'] } }),
      'POST contact': (as: keyof typeof who) =>
        server.call(`${base}/contacts`, { cookie: cookie[as], json: { name: '新联系人' } }),
      'PATCH contact': (as: keyof typeof who) =>
        server.call(`${base}/contacts/${contactId}`, {
          method: 'PATCH',
          cookie: cookie[as],
          json: { title: '总监' },
        }),
      'POST follow-up': (as: keyof typeof who) =>
        server.call(`${base}/follow-ups`, {
          cookie: cookie[as],
          json: { kind: 'call', at: new Date(Date.now() - 200).toISOString(), note: '协作跟进' },
        }),
    };
    const reads = ['', '/follow-ups', '/ownership', '/decisions'];
    const failures: string[] = [];
    const expect_ = (label: string, got: { status: number; body: any }, status: number, code?: string) => {
      if (got.status !== status || (code && got.body?.error?.code !== code))
        failures.push(`${label}: ${got.status} ${got.body?.error?.code ?? ''}, not ${status} ${code ?? ''}`);
    };
    for (const as of ['helper', 'helpersManager', 'former'] as const)
      for (const path of reads) expect_(`${as} GET ${path || '/'}`, await get(as, path), 200);
    for (const as of ['expired', 'stranger'] as const)
      for (const path of reads) expect_(`${as} GET ${path || '/'}`, await get(as, path), 404, 'NOT_FOUND');
    const listed = async (as: keyof typeof who) =>
      (await server.call('/api/v1/accounts?limit=100', { cookie: cookie[as] })).body.items.map(
        (a: any) => a.id,
      );
    if (!(await listed('helper')).includes(customer.id)) failures.push('helper: not in its list');
    // Contacts come with the customer.
    const seenContacts = (await get('former')).body.contacts?.map((c: any) => c.name);
    if (!seenContacts?.includes('陈经理')) failures.push(`former: contacts ${JSON.stringify(seenContacts)}`);
    if ((await listed('expired')).includes(customer.id)) failures.push('expired: in its list');

    for (const [label, write] of Object.entries(writes)) {
      const followUp = label === 'POST follow-up';
      // Collaborators (and their manager, who sees through them) do not change the customer itself.
      for (const as of ['helper', 'helpersManager'] as const)
        if (!followUp) expect_(`${as} ${label}`, await write(as), 403, 'ACCOUNT_READ_ONLY');
      expect_(`former ${label}`, await write('former'), 403, 'ACCOUNT_READ_ONLY');
      expect_(`expired ${label}`, await write('expired'), 404, 'NOT_FOUND');
      expect_(`stranger ${label}`, await write('stranger'), 404, 'NOT_FOUND');
    }
    const refused = await writes['PATCH account']('former');
    expect(refused.body.error.details).toMatchObject({ accountId: customer.id, role: 'former_owner' });
    // The assisting collaborator works the customer: its follow-up counts as one by someone not the owner.
    const logged = await writes['POST follow-up']('helper');
    expect_('helper POST follow-up', logged, 201);
    expect(logged.body).toMatchObject({ byOwner: false, mine: true });
    expect_('owner PATCH account', await writes['PATCH account']('owner'), 200);
    expect(failures).toEqual([]);
  });
});
