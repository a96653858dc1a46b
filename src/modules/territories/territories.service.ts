import { getCountries } from 'libphonenumber-js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../errors.js';
import { evidence, runWork, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { findIndustry, isSection } from '../industries/index.js';
import { findRegion } from '../regions/index.js';
import {
  areasBelow,
  compareModels,
  decideFence,
  exclusiveConflicts,
  isRegionCode,
  type ExclusiveConflict,
  type Grant,
} from './fence.js';
import * as repo from './territories.repo.js';
import type {
  AddAuthorisationInput,
  AuthorisationView,
  ComparisonView,
  MapView,
  ModelView,
  SaveTerritoryInput,
  TerritoryView,
} from './territories.schema.js';

/**
 * Territory models (版本): the active one is what the fence reads; a draft is a copy edited under its row
 * lock, compared with the active one, then activated with a decision. Every edit of a draft is checked for
 * exclusive collisions across the whole draft, since a wider territory or a removed exclude can make two
 * authorisations that were apart collide.
 */

const COUNTRIES = new Set<string>(getCountries());

export const modelView = (m: repo.ModelRow): ModelView => ({
  id: m.id,
  name: m.name,
  status: m.status,
  basedOn: m.based_on,
  activatedAt: m.activated_at,
  decisionId: m.decision_id,
  createdAt: m.created_at,
  updatedAt: m.updated_at,
});

const authorisationView = (r: repo.AuthorisationRow): AuthorisationView => ({
  id: r.id,
  territoryCode: r.territory_code,
  party: { partnerId: r.partner_id, teamId: r.team_id, teamName: r.team_name },
  industryCodes: r.industry_codes,
  productLineCodes: r.product_line_codes,
  exclusive: r.exclusive,
  effect: r.effect,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

type TerritoryRow = Awaited<ReturnType<typeof repo.territoriesOf>>[number];

const coverage = (territories: readonly TerritoryRow[]) =>
  areasBelow(territories.map((t) => ({ code: t.code, parentCode: t.parent_code, areas: t.areas })));

export const grantOf = (r: repo.AuthorisationRow, covers: Map<string, string[]>): Grant => ({
  id: r.id,
  party: r.partner_id ? { partnerId: r.partner_id } : { teamId: r.team_id! },
  territoryCode: r.territory_code,
  regions: covers.get(r.territory_code) ?? [],
  industries: r.industry_codes,
  productLines: r.product_line_codes,
  exclusive: r.exclusive,
  effect: r.effect,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

/** Every grant of a model, for the pure fence. */
export async function modelGrants(db: Executor, modelId: string) {
  const [territories, rows] = await Promise.all([
    repo.territoriesOf(db, modelId),
    repo.authorisationsOf(db, modelId),
  ]);
  const covers = coverage(territories);
  return { territories, rows, covers, grants: rows.map((r) => grantOf(r, covers)) };
}

function territoryViews(
  territories: readonly TerritoryRow[],
  covers: Map<string, string[]>,
): TerritoryView[] {
  return territories.map((t) => ({
    code: t.code,
    parentCode: t.parent_code,
    name: t.name,
    areas: t.areas,
    covers: covers.get(t.code) ?? [],
  }));
}

/** The active map as the actor may see it: its authorisations, and the territories they lie in. */
export async function activeMap(db: Db, actor: Actor): Promise<MapView> {
  const model = await repo.activeModel(db);
  if (!model) return { model: null, territories: [], authorisations: [] };
  const [territories, rows] = await Promise.all([
    repo.territoriesOf(db, model.id),
    repo.visibleAuthorisations(db, model.id, actor),
  ]);
  const covers = coverage(territories);
  let shown = territories;
  if (actor.scope !== 'all') {
    // Outside scope all, only the territories the actor's authorisations lie in, and those above them.
    const keep = new Set<string>();
    const parent = new Map(territories.map((t) => [t.code, t.parent_code]));
    for (const r of rows)
      for (
        let code: string | null | undefined = r.territory_code;
        code && !keep.has(code);
        code = parent.get(code)
      )
        keep.add(code);
    shown = territories.filter((t) => keep.has(t.code));
  }
  return {
    model: modelView(model),
    territories: territoryViews(shown, covers),
    authorisations: rows.map(authorisationView),
  };
}

export async function listModels(db: Db) {
  return { items: (await repo.listModels(db)).map(modelView) };
}

export async function modelMap(db: Db, id: string): Promise<MapView> {
  const model = await repo.findModel(db, id);
  if (!model) throw notFound('territory_model', id);
  const { territories, rows, covers } = await modelGrants(db, id);
  return {
    model: modelView(model),
    territories: territoryViews(territories, covers),
    authorisations: rows.map(authorisationView),
  };
}

export async function createDraft(
  db: Db,
  ctx: RequestContext,
  input: { name: string; basedOn?: string | undefined },
) {
  return runWork(db, ctx, async (w) => {
    const base = input.basedOn ? await repo.findModel(w.tx, input.basedOn) : await repo.activeModel(w.tx);
    if (input.basedOn && !base) throw notFound('territory_model', input.basedOn);
    const row = await repo.insertModel(w.tx, {
      name: input.name,
      based_on: base?.id ?? null,
      created_by: w.actor.id,
    });
    if (base) await repo.copyModel(w.tx, base.id, row.id);
    w.audit({
      action: 'territory_model.created',
      entityType: 'territory_model',
      entityId: row.id,
      after: { name: row.name, basedOn: row.based_on },
    });
    return modelView(row);
  });
}

async function lockDraft(w: Work, id: string) {
  const row = await repo.lockModel(w.tx, id);
  if (!row) throw notFound('territory_model', id);
  if (row.status !== 'draft')
    throw new AppError(
      'TERRITORY_MODEL_NOT_DRAFT',
      `The territory model is ${row.status}; make a draft from it`,
      {
        status: row.status,
      },
    );
  return row;
}

const conflictDetails = (pairs: { authorisationId: string; with: ExclusiveConflict }[]) =>
  pairs.map(({ authorisationId, with: c }) => ({
    authorisationId,
    conflictsWith: c.authorisationId,
    party: { partnerId: c.party.partnerId ?? null, teamId: c.party.teamId ?? null },
    territoryCode: c.territoryCode,
    regionCode: c.regionCode,
    industries: c.industries,
    productLines: c.productLines,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  }));

/** Refuses the unit of work when two parties' authorisations in the model collide where one is exclusive. */
async function assertNoCollision(w: Work, modelId: string, first?: string) {
  const { grants } = await modelGrants(w.tx, modelId);
  // The one just added first, so the refusal names it against what it hit.
  const ordered = first
    ? [...grants.filter((g) => g.id === first), ...grants.filter((g) => g.id !== first)]
    : grants;
  const seen = new Set<string>();
  const pairs: { authorisationId: string; with: ExclusiveConflict }[] = [];
  for (const g of ordered)
    for (const c of exclusiveConflicts(g, grants)) {
      const key = [g.id, c.authorisationId].sort().join();
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ authorisationId: g.id, with: c });
    }
  if (pairs.length)
    throw new AppError('EXCLUSIVE_CONFLICT', 'The authorisation overlaps another party’s exclusive one', {
      conflicts: conflictDetails(pairs.slice(0, 20)),
    });
}

function areaProblems(areas: readonly string[]): FieldProblem[] {
  return areas.flatMap((a, i) =>
    (isRegionCode(a) ? findRegion(a) : COUNTRIES.has(a))
      ? []
      : [
          {
            field: `areas.${i}`,
            problem: 'unknown_region',
            message: `${a} is no GB/T 2260 region or ISO 3166 country`,
          },
        ],
  );
}

export async function saveTerritory(db: Db, ctx: RequestContext, modelId: string, input: SaveTerritoryInput) {
  return runWork(db, ctx, async (w) => {
    await lockDraft(w, modelId);
    const territories = await repo.territoriesOf(w.tx, modelId);
    const problems = areaProblems(input.areas);
    if (input.parentCode !== null) {
      const parent = new Map(territories.map((t) => [t.code, t.parent_code]));
      if (!parent.has(input.parentCode))
        problems.push({
          field: 'parentCode',
          problem: 'not_found',
          message: 'is no territory of this model',
        });
      else
        for (let c: string | null | undefined = input.parentCode; c; c = parent.get(c))
          if (c === input.code) {
            problems.push({ field: 'parentCode', problem: 'cycle', message: 'lies below this territory' });
            break;
          }
    }
    if (problems.length) throw invalid(problems);
    const before = territories.find((t) => t.code === input.code);
    await repo.upsertTerritory(w.tx, {
      model_id: modelId,
      code: input.code,
      parent_code: input.parentCode,
      name: input.name,
      areas: [...new Set(input.areas)],
    });
    await repo.touchModel(w.tx, modelId);
    await assertNoCollision(w, modelId);
    w.audit({
      action: 'territory.saved',
      entityType: 'territory_model',
      entityId: modelId,
      before: before
        ? { code: before.code, parentCode: before.parent_code, name: before.name, areas: before.areas }
        : null,
      after: input,
    });
    return modelMap(w.tx, modelId);
  });
}

export async function removeTerritory(db: Db, ctx: RequestContext, modelId: string, code: string) {
  return runWork(db, ctx, async (w) => {
    await lockDraft(w, modelId);
    const territories = await repo.territoriesOf(w.tx, modelId);
    const row = territories.find((t) => t.code === code);
    if (!row) throw notFound('territory', code);
    const children = territories.filter((t) => t.parent_code === code).length;
    const authorisations = await repo.authorisationsOnTerritory(w.tx, modelId, code);
    if (children || authorisations)
      throw new AppError(
        'TERRITORY_IN_USE',
        'The territory has territories below it or authorisations on it',
        {
          children,
          authorisations,
        },
      );
    await repo.deleteTerritory(w.tx, modelId, code);
    await repo.touchModel(w.tx, modelId);
    w.audit({
      action: 'territory.removed',
      entityType: 'territory_model',
      entityId: modelId,
      before: { code, parentCode: row.parent_code, name: row.name, areas: row.areas },
    });
  });
}

export async function addAuthorisation(
  db: Db,
  ctx: RequestContext,
  modelId: string,
  input: AddAuthorisationInput,
) {
  return runWork(db, ctx, async (w) => {
    await lockDraft(w, modelId);
    const problems: FieldProblem[] = [];
    const territories = await repo.territoriesOf(w.tx, modelId);
    if (!territories.some((t) => t.code === input.territoryCode))
      problems.push({
        field: 'territoryCode',
        problem: 'not_found',
        message: 'is no territory of this model',
      });
    input.industryCodes.forEach((code, i) => {
      if (!isSection(code) && !findIndustry(code))
        problems.push({
          field: `industryCodes.${i}`,
          problem: 'unknown_industry',
          message: `${code} is no GB/T 4754 code`,
        });
    });
    const lines = await repo.productLineCodes(w.tx, input.productLineCodes);
    input.productLineCodes.forEach((code, i) => {
      if (!lines.has(code.toLowerCase()))
        problems.push({
          field: `productLineCodes.${i}`,
          problem: 'not_found',
          message: `${code} is no product line`,
        });
    });
    if (input.teamId && !(await repo.teamExists(w.tx, input.teamId)))
      problems.push({ field: 'teamId', problem: 'not_found', message: 'is no team' });
    if (problems.length) throw invalid(problems);
    const { id } = await repo.insertAuthorisation(w.tx, {
      model_id: modelId,
      territory_code: input.territoryCode,
      partner_id: input.partnerId ?? null,
      team_id: input.teamId ?? null,
      industry_codes: [...new Set(input.industryCodes)],
      product_line_codes: [...new Set(input.productLineCodes.map((c) => lines.get(c.toLowerCase())!))],
      exclusive: input.exclusive,
      effect: input.effect,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      created_by: w.actor.id,
    });
    await repo.touchModel(w.tx, modelId);
    await assertNoCollision(w, modelId, id);
    w.audit({
      action: 'territory_authorisation.added',
      entityType: 'territory_model',
      entityId: modelId,
      after: { id, ...input },
    });
    const row = (await repo.authorisationsOf(w.tx, modelId)).find((r) => r.id === id)!;
    return authorisationView(row);
  });
}

export async function removeAuthorisation(db: Db, ctx: RequestContext, modelId: string, id: string) {
  return runWork(db, ctx, async (w) => {
    await lockDraft(w, modelId);
    const row = await repo.deleteAuthorisation(w.tx, modelId, id);
    if (!row) throw notFound('territory_authorisation', id);
    await repo.touchModel(w.tx, modelId);
    // An exclude that kept two exclusive authorisations apart may be the one removed.
    await assertNoCollision(w, modelId);
    w.audit({
      action: 'territory_authorisation.removed',
      entityType: 'territory_model',
      entityId: modelId,
      before: row,
    });
  });
}

/** Which parties gain and lose which cells, and which partners' customers would fall outside. */
export async function compareModel(db: Executor, id: string, date?: string): Promise<ComparisonView> {
  const draft = await repo.findModel(db, id);
  if (!draft) throw notFound('territory_model', id);
  const on = date ?? (await repo.orgToday(db));
  const active = await repo.activeModel(db);
  const after = (await modelGrants(db, id)).grants;
  const before = active && active.id !== id ? (await modelGrants(db, active.id)).grants : active ? after : [];
  const parties = compareModels(before, after, on).map((c) => ({
    party: { partnerId: c.party.partnerId ?? null, teamId: c.party.teamId ?? null },
    gained: c.gained,
    lost: c.lost,
  }));
  const byPartner = (grants: Grant[]) => {
    const map = new Map<string, Grant[]>();
    for (const g of grants)
      if (g.party.partnerId) map.set(g.party.partnerId, [...(map.get(g.party.partnerId) ?? []), g]);
    return map;
  };
  const was = byPartner(before);
  const now = byPartner(after);
  const customers = await repo.partnerCustomers(db, 100_000);
  const inside = (grants: Grant[] | undefined, c: (typeof customers)[number]) =>
    decideFence(grants ?? [], {
      regionCode: c.region_code!,
      industryCode: c.industry_code,
      productLineCode: null,
      date: on,
    }).allowed;
  const outside = customers
    .map((c) => ({
      c,
      insideNow: inside(was.get(c.partner_id!), c),
      insideDraft: inside(now.get(c.partner_id!), c),
    }))
    .filter((x) => !x.insideDraft);
  outside.sort((a, b) => Number(b.insideNow) - Number(a.insideNow));
  return {
    draftId: id,
    activeId: active?.id ?? null,
    date: on,
    parties,
    customers: {
      checked: customers.length,
      fallingOutside: outside.filter((x) => x.insideNow).length,
      items: outside.slice(0, 200).map(({ c, insideNow }) => ({
        accountId: c.id,
        legalName: c.legal_name,
        partnerId: c.partner_id!,
        regionCode: c.region_code!,
        industryCode: c.industry_code,
        insideNow,
      })),
    },
  };
}

const ACTIVATE_RULE = { id: 'territory.activate', version: 1, params: {} };

export async function activateModel(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    const locked = await repo.lockForActivation(w.tx, id);
    const draft = locked.find((m) => m.id === id);
    if (!draft) throw notFound('territory_model', id);
    if (draft.status !== 'draft')
      throw new AppError('TERRITORY_MODEL_NOT_DRAFT', `The territory model is ${draft.status}`, {
        status: draft.status,
      });
    await assertNoCollision(w, id);
    const comparison = await compareModel(w.tx, id);
    const live = locked.find((m) => m.status === 'active');
    const now = new Date().toISOString();
    if (live) await repo.setModelStatus(w.tx, live.id, { status: 'retired' });
    const count = (side: 'gained' | 'lost') => comparison.parties.reduce((n, p) => n + p[side].length, 0);
    const decisionId = w.decide({
      kind: 'territory.activate',
      subject: { type: 'territory_model', id },
      verdict: 'activated',
      rule: ACTIVATE_RULE,
      evidence: [
        evidence('territory.parties_changed', { count: comparison.parties.length }),
        evidence('territory.cells_gained', { count: count('gained') }),
        evidence('territory.cells_lost', { count: count('lost') }),
        evidence('territory.customers_outside', {
          count: comparison.customers.fallingOutside,
          checked: comparison.customers.checked,
        }),
        ...(live ? [evidence('territory.retired', { modelId: live.id })] : []),
      ],
      effective: { from: now },
    });
    const row = await repo.setModelStatus(w.tx, id, {
      status: 'active',
      activated_at: now,
      activated_by: w.actor.id,
      decision_id: decisionId,
    });
    w.audit({
      action: 'territory_model.activated',
      entityType: 'territory_model',
      entityId: id,
      before: { status: 'draft', active: live?.id ?? null },
      after: { status: 'active' },
      decisionId,
    });
    return modelView(row);
  });
}
