import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import {
  contextOf,
  makeAccount,
  makeImport,
  makePartnerId,
  makeTeam,
  makeUser,
  type TestUser,
} from '../../db/testing/factories.js';
import { runDueJobs } from '../../db/testing/jobs.js';
import { PERMISSIONS, ROLES, permissionsOf, type Permission, type Role } from '../../modules/access/index.js';
import {
  createAccessRequest,
  decideAccessRequest,
} from '../../modules/access-requests/access-requests.service.js';
import { checkAccount, updateAccount } from '../../modules/accounts/accounts.service.js';
import { mergeAccounts, unmergeAccounts } from '../../modules/accounts/merge.service.js';
import { insertApiToken } from '../../modules/auth/auth.repo.js';
import { createApiToken } from '../../modules/auth/index.js';
import { listImportClusters, startImport } from '../../modules/imports/imports.service.js';
import { usccCheckChar } from '../../modules/matching/index.js';
import { updateOrganization } from '../../modules/org/org.service.js';
import { updateTeam } from '../../modules/teams/teams.service.js';
import { createRuleSet, publishRuleSet } from '../../modules/assignment/assignment.service.js';
import type { Sight } from './policy-model.js';
import { buildActivityWorld } from './visibility-world.activities.js';
import { buildRegistrationWorld } from './visibility-world.registrations.js';
import { buildTerritoryWorld } from './visibility-world.territories.js';
import { buildCaseWorld } from './visibility-world.cases.js';
import { buildCommissionExtrasWorld } from './visibility-world.commission-extras.js';
import { buildCommissionWorld } from './visibility-world.commission-plans.js';

/**
 * The world the visibility matrix walks: a caller of every role inside team A (partners in partner P1), and
 * beside them what none of the scope-limited callers may see — team B's rep and its customer (with a
 * contact, a merge, an un-merge and decisions), partner P2's customer, another sales-ops user's imports, a
 * token of someone else. Every object carries a marker in its names, so a leak is found by searching the
 * replies for it; every marker starts with `prefix`, so `q=<prefix>` finds the whole world.
 */

export interface WorldObject {
  key: string;
  id: string;
  marker: string | null;
  seenBy(sight: Sight): boolean;
}

export type Caller = TestUser & { role: Role };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function buildWorld(database: Database) {
  const db = database.db;
  const prefix = `mx${randomBytes(3).toString('hex')}`;
  let counter = 0;
  // Same length for every marker, so that none is a substring of another.
  const mark = (kind: string) => `${prefix}${kind}${String(++counter).padStart(2, '0')}`;
  const objects: WorldObject[] = [];
  const add = (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => {
    objects.push({ key, id, marker, seenBy });
    return id;
  };

  // Partners carry a marker in their names: a reply naming P2 to someone who may not see it is a leak.
  // Trade names of their own: two names differing only in a marker's digits read as one company.
  const partner = async (trade: string) => {
    const marker = mark('pt');
    const id = await makePartnerId(db, { name: `${trade}${marker}渠道有限公司` });
    add(`partner ${marker}`, id, marker, (s) => s.partner({ id, managerId: null }));
    return id;
  };
  const p1 = await partner('青松');
  const p2 = await partner('海燕');

  const team = async (parentId?: string) => {
    const marker = mark('tm');
    const created = await makeTeam(db, { name: marker, parentId: parentId ?? null });
    add(`team ${marker}`, created.id, marker, (s) => s.team());
    return { ...created, marker };
  };
  const teamA = await team();
  const teamA1 = await team(teamA.id);
  const teamB = await team();

  const user = async (role: Role, where: { teamId?: string; partnerId?: string }) => {
    const marker = mark('us');
    const created = await makeUser(db, {
      login: marker,
      displayName: `${marker} ${role}`,
      role,
      teamId: where.teamId ?? null,
      partnerId: where.partnerId ?? null,
    });
    const facts = { id: created.id, teamId: created.teamId, partnerId: created.partnerId };
    add(`user ${role} ${marker}`, created.id, marker, (s) => s.user(facts.id));
    return { ...created, role, marker };
  };

  const callers = {} as Record<Role, Caller & { marker: string }>;
  for (const role of ROLES)
    callers[role] = await user(
      role,
      role === 'partner_admin' || role === 'partner_user' ? { partnerId: p1 } : { teamId: teamA.id },
    );
  await updateTeam(db, await contextOf(db, callers.admin), teamA.id, { managerId: callers.manager.id });
  const repA1 = await user('rep', { teamId: teamA1.id });
  const repB = await user('rep', { teamId: teamB.id });
  const opsB = await user('sales_ops', { teamId: teamB.id });
  const p2Admin = await user('partner_admin', { partnerId: p2 });
  const p2User = await user('partner_user', { partnerId: p2 });

  const account = async (
    owner: Caller,
    input: Record<string, unknown> = {},
    // A name that moves away (merged into a survivor others see) is no longer this account's secret.
    { contact = false, kind = 'ac', nameMovesAway = false } = {},
  ) => {
    const marker = mark(kind);
    const created = await makeAccount(db, {
      owner,
      legalName: `测试${marker}贸易有限公司`,
      contacts: contact ? [{ name: mark('co'), mobile: phone() }] : [],
      confirm: { reason: 'matrix world' },
      ...input,
    });
    const facts = { ownerId: created.ownerId, partnerId: created.partnerId };
    add(`account ${marker}`, created.id, nameMovesAway ? null : marker, (s) => s.account(facts));
    for (const c of created.contacts) add(`contact ${c.name}`, c.id, c.name, (s) => s.account(facts));
    add(`decision ${marker} admission`, created.decisionId, null, (s) => s.account(facts));
    return { ...created, marker, facts };
  };

  const own = {} as Record<Role, Awaited<ReturnType<typeof account>>>;
  for (const role of ROLES) own[role] = await account(callers[role], { phones: [phone()] });
  const accountA1 = await account(repA1);

  const usccB = uscc();
  const phoneB = phone();
  // No marker in B's website: the rep's look-alike has it too.
  const websiteB = `w${prefix.slice(2)}.cn`;
  const accountB = await account(
    repB,
    { uscc: usccB, phones: [phoneB], website: websiteB },
    { contact: true },
  );
  const contactB = accountB.contacts[0]!;
  const opsCtx = await contextOf(db, opsB);
  // Merged into B and left there; merged into B and taken back: B's history holds both.
  const duplicateB = await account(repB);
  const merged = await mergeAccounts(db, opsCtx, accountB.id, duplicateB.id, mark('re'));
  add('merge decision of B', merged.decisionId, null, (s) => s.account(accountB.facts));
  const undoneB = await account(repB);
  const undone = await mergeAccounts(db, opsCtx, accountB.id, undoneB.id, mark('re'));
  await unmergeAccounts(db, opsCtx, undone.mergeId, 'matrix world');
  add('merge of B', merged.mergeId, null, (s) => s.account(accountB.facts));
  add('undone merge of B', undone.mergeId, null, (s) => s.account(accountB.facts));
  add('undone merge decision of B', undone.decisionId, null, (s) => s.account(accountB.facts));

  const accountP2 = await account(p2User, { phones: [phone()] });
  // The rep's own customer, let in although it looks like B (same website): its admission names B.
  const lookalike = await account(callers.rep, { website: websiteB }, { kind: 'lk' });

  // Another sales-ops user's imports: one reviewed, one done (it folded a row into the rep's customer),
  // one still waiting for analysis.
  const importOf = async (csv: string) => {
    const marker = mark('im');
    const created = await makeImport(db, { creator: opsB, csv, filename: `${marker}.csv` });
    add(`import ${marker}`, created.id, marker, (s) => s.import(opsB.id));
    return { ...created, marker };
  };
  const importReview = await importOf(
    `名称,电话\n测试${mark('ir')}物流有限公司,${phone()}\n${accountB.legalName},${phoneB}\n`,
  );
  const importDone = await importOf(`名称,电话\n${own.rep.legalName},${own.rep.phones[0]}\n`);
  await runDueJobs(database);
  await startImport(db, opsCtx, importDone.id);
  await runDueJobs(database);
  const importAnalyzing = await importOf(`名称,电话\n测试${mark('ia')}物流有限公司,${phone()}\n`);
  const clusters = await listImportClusters(
    db,
    opsCtx,
    importReview.id,
    { sort: 'file' },
    { limit: 10, offset: 0 },
  );
  const clusterId = clusters.items[0]!.clusterId;

  // Ties a sales-ops user makes across scopes. A1's customer is a subsidiary of B. One of the rep's customers
  // was B all along and was merged into it: B kept its own USCC over the rep's. One of team B's customers
  // was A1's, and was merged into it: A1's kept its website over B's. A merge's history must not show either
  // side what the other side kept for itself.
  await updateAccount(db, opsCtx, accountA1.id, { parentId: accountB.id });
  add('USCC of B', accountB.id, usccB, (s) => s.account(accountB.facts));
  const mergedIntoB = await account(callers.rep, { uscc: uscc() });
  const intoB = await mergeAccounts(db, opsCtx, accountB.id, mergedIntoB.id, mark('re'));
  add('decision merging the rep’s into B', intoB.decisionId, null, (s) => s.account(accountB.facts));
  const survivorA1 = await account(repA1, { website: `a1${prefix}.cn` });
  const droppedWebsite = `${mark('ws')}.cn`;
  const mergedIntoA1 = await account(repB, { website: droppedWebsite }, { nameMovesAway: true });
  add('website of a customer merged into A1', mergedIntoA1.id, droppedWebsite, (s) =>
    s.account(mergedIntoA1.facts),
  );
  const intoA1 = await mergeAccounts(db, opsCtx, survivorA1.id, mergedIntoA1.id, mark('re'));
  add('decision merging into A1’s', intoA1.decisionId, null, (s) => s.account(survivorA1.facts));

  // Callers who may not see B typed it again and asked for it: the check gave each a reference of its own.
  // The rep asked twice (denied, then again): every one of them now holds an open request, so asking again
  // answers 409 without changing the world. Owners are not revealed here — their display names carry
  // markers; access-requests.api.test.ts covers that setting.
  await updateOrganization(db, await contextOf(db, callers.admin), { revealOwnerOnConflict: false });
  const accessRefs: Partial<Record<Role, string>> = {};
  const openRequests: Partial<Record<Role, string>> = {};
  const askB = async (role: Role) => {
    const ctx = await contextOf(db, callers[role]);
    const checked = await checkAccount(db, ctx, {
      legalName: accountB.legalName,
      uscc: usccB,
      phones: [phoneB],
    });
    const ref = checked.matches.find((m) => !m.visible)?.accessRef;
    if (!ref) throw new Error(`${role} got no reference for B`);
    accessRefs[role] = ref;
    const marker = mark('ar');
    const made = await createAccessRequest(db, ctx, {
      accountRef: ref,
      kind: 'access',
      customerName: marker,
    });
    const facts = { requesterId: callers[role].id, account: accountB.facts };
    add(`access request of the ${role} ${marker}`, made.id, marker, (s) => s.accessRequest(facts));
    return { ...made, facts };
  };
  const deniedRequest = await askB('rep');
  const denied = await decideAccessRequest(db, opsCtx, deniedRequest.id, { decision: 'deny' });
  add('decision denying the rep’s request', denied.request.decisionId!, null, (s) =>
    s.accessRequest(deniedRequest.facts),
  );
  for (const role of ['rep', 'manager', 'partner_admin', 'partner_user'] as const)
    openRequests[role] = (await askB(role)).id;

  const tokenMarker = mark('tk');
  const tokenB = await createApiToken(db, await contextOf(db, repB), {
    name: tokenMarker,
    scopes: ['accounts:read'],
  });
  add('token of B', tokenB.id, tokenMarker, (s) => s.token(repB.id));
  const activities = await buildActivityWorld(db, {
    prefix,
    mark,
    add,
    admin: callers.admin,
    repB,
    repA1,
    accountB,
    accountA1,
  });

  const registrations = await buildRegistrationWorld(db, {
    mark,
    add,
    p2User,
    partnerId: p2,
    productId: activities.product.id,
  });
  // Before the territories: the fence they draw would keep P2 from registering team B's customer.
  const cases = await buildCaseWorld(db, {
    add,
    p2User,
    ops: opsB,
    partnerId: p2,
    directOwnerId: repB.id,
    customerName: accountB.legalName,
    productId: activities.product.id,
  });

  const commissionExtras = await buildCommissionExtrasWorld(db, {
    add,
    repA: callers.rep,
    repB,
    finance: callers.finance,
  });

  // Assignment rule sets (sales ops' alone): a live version, and a draft made from it.
  const liveRules = await createRuleSet(db, opsCtx, { name: mark('rs') });
  await publishRuleSet(db, opsCtx, liveRules.id);
  const draftRules = await createRuleSet(db, opsCtx, { name: mark('rs') });
  const territories = await buildTerritoryWorld(db, {
    mark,
    add,
    admin: callers.admin,
    partners: { p1, p2 },
    teams: { a: teamA.id, b: teamB.id },
  });

  const commission = await buildCommissionWorld(db, {
    mark,
    add,
    author: callers.sales_ops,
    approver: callers.finance,
    repB,
    partnerId: p2,
  });

  return {
    prefix,
    partners: { p1, p2 },
    teams: { a: teamA, a1: teamA1, b: teamB },
    callers,
    users: { repA1, repB, opsB, p2Admin, p2User },
    own,
    accounts: {
      a1: accountA1,
      b: accountB,
      duplicateB,
      undoneB,
      p2: accountP2,
      lookalike,
      mergedIntoB,
      survivorA1,
    },
    contactB,
    usccB,
    phoneB,
    merges: { live: merged.mergeId, undone: undone.mergeId },
    decisions: {
      admissionB: accountB.decisionId,
      mergeB: merged.decisionId,
      lookalike: lookalike.decisionId,
    },
    imports: { review: importReview, done: importDone, analyzing: importAnalyzing },
    clusterId,
    tokenB: tokenB.id,
    accessRefs,
    accessRequests: { denied: deniedRequest.id, open: openRequests },
    ruleSets: { live: liveRules.id, draft: draftRules.id },
    activities,
    registrations,
    territories,
    cases,
    commissionExtras,
    commission,
    tokens: await callerTokens(database, callers),
    objects,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * One token per caller and permission. Where the role holds the permission the token is made the way a
 * user makes one; where it does not, the row is written through the repository, as a token minted before
 * its owner was demoted would be — the request must still carry only what the role holds today.
 */
async function callerTokens(database: Database, callers: Record<Role, Caller>) {
  const db = database.db;
  const tokens = {} as Record<Role, Record<Permission, string>>;
  for (const role of ROLES) {
    const caller = callers[role];
    const ctx = await contextOf(db, caller);
    tokens[role] = {} as Record<Permission, string>;
    for (const permission of PERMISSIONS) {
      // profile:write is never minted for a token; a row holding it (forged) must still not act on it.
      if (permissionsOf(role).has(permission) && permission !== 'profile:write') {
        const made = await createApiToken(db, ctx, { name: `matrix ${permission}`, scopes: [permission] });
        tokens[role][permission] = made.token;
      } else {
        const secret = `fs_${randomBytes(32).toString('base64url')}`;
        await insertApiToken(db, {
          user_id: caller.id,
          name: `matrix ${permission} (beyond the role)`,
          token_hash: sha256(secret),
          prefix: secret.slice(0, 9),
          scopes: [permission],
          expires_at: null,
        });
        tokens[role][permission] = secret;
      }
    }
  }
  return tokens;
}

let phones = 0;
/** A Shanghai landline nobody else in the world has. */
function phone() {
  phones += 1;
  return `021-6${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`;
}

function uscc() {
  const first17 = `91310000MA1${randomBytes(3).toString('hex').toUpperCase()}`;
  return first17 + usccCheckChar(first17)!;
}
