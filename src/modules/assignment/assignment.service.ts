import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { enqueueJob, evidence, findJob, runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './assignment.repo.js';
import type {
  ApplyView,
  CreateRuleSetInput,
  Rule,
  RuleInput,
  RuleSetStatus,
  RuleSetView,
  SaveRuleSetInput,
  WhatIfView,
} from './assignment.schema.js';
import { APPLY_JOB } from './apply.js';
import { engineSet } from './assign.js';
import { ROTATING } from './engine.js';
import { referencedIds, validateRules } from './validate-rules.js';
import { whatIf } from './what-if.js';

/**
 * Rule sets as sales ops edit them: a draft is saved only when valid (codes, people, teams and pools that
 * exist; no contradictions; no rule an earlier one always pre-empts), and publishing makes it the one live
 * version, retiring the one before — audited, with a decision naming both.
 */

const PUBLISH_RULE = { id: 'assignment.publish', version: 1, params: {} };

async function views(db: Executor, rows: readonly repo.RuleSetRow[]): Promise<RuleSetView[]> {
  const people = rows.flatMap((r) => [r.created_by, r.published_by].filter((x): x is string => !!x));
  const named = await repo.names(db, { users: [...new Set(people)], teams: [], pools: [] });
  const person = (id: string | null) => (id ? { id, displayName: named.get(id) ?? '' } : null);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    version: r.version,
    rules: [...engineSet(r).rules],
    keyAccountManagerFirst: r.key_account_manager_first,
    createdBy: person(r.created_by),
    publishedBy: person(r.published_by),
    publishedAt: r.published_at,
    retiredAt: r.retired_at,
    decisionId: r.decision_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
const view = async (db: Executor, row: repo.RuleSetRow) => (await views(db, [row]))[0]!;

/** Gives new rules a key, and refuses the set (nothing written) with every problem named by its field. */
async function checkedRules(db: Executor, input: readonly RuleInput[] | readonly Rule[]): Promise<Rule[]> {
  const rules = (input as Rule[]).map((r) => ({ ...r, key: r.key ?? randomUUID() }));
  const known = await repo.existingIds(db, referencedIds(rules));
  const { problems, conflicts } = validateRules(rules, known);
  rules.forEach((r, i) => {
    if (rules.findIndex((o) => o.key === r.key) < i)
      problems.push({
        field: `rules.${i}.key`,
        problem: 'duplicate_key',
        message: 'another rule has this key',
      });
  });
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      fields: problems,
      conflicts,
    });
  return rules;
}

export async function validateRuleSet(db: Db, rules: readonly RuleInput[]) {
  return { valid: true as const, rules: (await checkedRules(db, rules)).length };
}

export async function listRuleSets(db: Db, status: RuleSetStatus | undefined, page: Page) {
  const { items, total } = await repo.listRuleSets(db, status, page);
  return { items: await views(db, items), total, limit: page.limit, offset: page.offset };
}

export async function getRuleSet(db: Db, id: string): Promise<RuleSetView> {
  const row = await repo.findRuleSet(db, id);
  if (!row) throw notFound('assignment_rule_set', id);
  return view(db, row);
}

export async function createRuleSet(db: Db, ctx: RequestContext, input: CreateRuleSetInput) {
  return runWork(db, ctx, async (w) => {
    const base = input.basedOn
      ? await repo.findRuleSet(w.tx, input.basedOn)
      : await repo.publishedRuleSet(w.tx);
    if (input.basedOn && !base) throw notFound('assignment_rule_set', input.basedOn);
    const row = await repo.insertRuleSet(w.tx, {
      name: input.name,
      rules: JSON.stringify(base?.rules ?? []),
      based_on: base?.id ?? null,
      created_by: w.actor.id,
      key_account_manager_first: base?.key_account_manager_first ?? false,
    });
    w.audit({
      action: 'assignment.rule_set_created',
      entityType: 'assignment_rule_set',
      entityId: row.id,
      after: { name: row.name, basedOn: row.based_on },
    });
    return view(w.tx, row);
  });
}

const notDraft = (status: string) =>
  new AppError('RULE_SET_NOT_DRAFT', `The rule set is ${status}; make a draft from it to change it`, {
    status,
  });

async function lockDraft(w: Work, id: string) {
  const row = await repo.lockRuleSet(w.tx, id);
  if (!row) throw notFound('assignment_rule_set', id);
  if (row.status !== 'draft') throw notDraft(row.status);
  return row;
}

export async function saveRuleSet(db: Db, ctx: RequestContext, id: string, input: SaveRuleSetInput) {
  return runWork(db, ctx, async (w) => {
    const current = await lockDraft(w, id);
    const rules = await checkedRules(w.tx, input.rules);
    const row = await repo.updateRuleSet(w.tx, id, {
      name: input.name,
      rules: JSON.stringify(rules),
      ...(input.keyAccountManagerFirst !== undefined && {
        key_account_manager_first: input.keyAccountManagerFirst,
      }),
    });
    w.audit({
      action: 'assignment.rule_set_saved',
      entityType: 'assignment_rule_set',
      entityId: id,
      before: {
        name: current.name,
        rules: current.rules,
        keyAccountManagerFirst: current.key_account_manager_first,
      },
      after: { name: row.name, rules, keyAccountManagerFirst: row.key_account_manager_first },
    });
    return view(w.tx, row);
  });
}

export async function publishRuleSet(
  db: Db,
  ctx: RequestContext,
  id: string,
  options: { applyToExisting?: boolean } = {},
) {
  return runWork(db, ctx, async (w) => {
    const locked = await repo.lockForPublish(w.tx, id);
    const draft = locked.find((r) => r.id === id);
    if (!draft) throw notFound('assignment_rule_set', id);
    if (draft.status !== 'draft') throw notDraft(draft.status);
    // Checked again: a user, team or pool it names may have gone since it was saved.
    const rules = await checkedRules(w.tx, draft.rules as Rule[]);
    const live = locked.find((r) => r.status === 'published');
    const now = new Date().toISOString();
    if (live) await repo.updateRuleSet(w.tx, live.id, { status: 'retired', retired_at: now });
    const version = await repo.nextVersion(w.tx);
    await repo.ensureCursors(
      w.tx,
      rules.filter((r) => ROTATING.has(r.target.type)).map((r) => r.key),
    );
    const decisionId = w.decide({
      kind: 'assignment.publish',
      subject: { type: 'assignment_rule_set', id },
      verdict: 'published',
      rule: PUBLISH_RULE,
      evidence: [
        evidence('assignment.rules', { count: rules.length, version }),
        ...(live ? [evidence('assignment.retired', { ruleSetId: live.id, version: live.version ?? 0 })] : []),
      ],
      effective: { from: now },
    });
    const row = await repo.updateRuleSet(w.tx, id, {
      status: 'published',
      version,
      published_by: w.actor.id,
      published_at: now,
      decision_id: decisionId,
    });
    const apply = options.applyToExisting ? await startApply(w, id, now) : null;
    w.audit({
      action: 'assignment.rule_set_published',
      entityType: 'assignment_rule_set',
      entityId: id,
      before: { status: 'draft', live: live ? { id: live.id, version: live.version } : null },
      after: { status: 'published', version, applyId: apply?.id ?? null },
      decisionId,
    });
    w.emit('assignment.rule_set_published', { ruleSetId: id, version, retiredId: live?.id ?? null });
    return view(w.tx, row);
  });
}

/** Queues the job that moves existing accounts as the newly live set would (accounts entered by `now`). */
async function startApply(w: Work, ruleSetId: string, now: string) {
  const apply = await repo.insertApply(w.tx, {
    rule_set_id: ruleSetId,
    accounts_before: now,
    created_by: w.actor.id,
  });
  const job = await enqueueJob(w, APPLY_JOB, { applyId: apply.id });
  await repo.setApplyJob(w.tx, apply.id, job.id);
  return apply;
}

/** The latest run applying a set to existing accounts: counts, the job's state, a page of moved or skipped. */
export async function applyView(
  db: Db,
  ruleSetId: string,
  query: { outcome: 'moved' | 'skipped' } & Page,
): Promise<ApplyView> {
  if (!(await repo.findRuleSet(db, ruleSetId))) throw notFound('assignment_rule_set', ruleSetId);
  const apply = await repo.latestApply(db, ruleSetId);
  if (!apply) throw notFound('assignment_apply', ruleSetId);
  const [job, items] = await Promise.all([
    apply.job_id ? findJob(db, apply.job_id) : undefined,
    repo.applyItems(db, apply.id, query.outcome, query),
  ]);
  return {
    id: apply.id,
    ruleSetId,
    status: apply.status,
    total: apply.total,
    decided: apply.decided,
    moved: apply.moved,
    skipped: apply.skipped,
    error: apply.error,
    job: job ? { status: job.status, attempts: job.attempts, error: job.last_error } : null,
    createdAt: apply.created_at,
    finishedAt: apply.finished_at,
    items: {
      items: items.map((i) => ({
        account: { id: i.account_id, name: i.legal_name },
        outcome: i.outcome,
        reason: i.reason as ApplyView['items']['items'][number]['reason'],
        decisionId: i.decision_id,
      })),
      limit: query.limit,
      offset: query.offset,
      total: query.outcome === 'moved' ? apply.moved : apply.skipped,
    },
  };
}

/** The what-if as the web shows it: moves a page at a time, names beside ids, every changed load. */
export async function whatIfView(db: Db, id: string, page: Page): Promise<WhatIfView> {
  const result = await whatIf(db, id);
  const items = result.moves.slice(page.offset, page.offset + page.limit);
  const targets = items.flatMap((m) => [m.from, m.to]);
  const ids = (type: 'user' | 'team' | 'pool') =>
    targets.flatMap((t) =>
      t?.type !== type ? [] : [t.type === 'user' ? t.userId : t.type === 'team' ? t.teamId : t.poolId],
    );
  const named = await repo.names(db, {
    users: [...ids('user'), ...result.loads.map((l) => l.userId)],
    teams: ids('team'),
    pools: ids('pool'),
  });
  const nameOf = (t: (typeof targets)[number]) =>
    t && (named.get(t.type === 'user' ? t.userId : t.type === 'team' ? t.teamId : t.poolId) ?? '');
  return {
    ruleSetId: id,
    accounts: result.accounts,
    skipped: {
      locked: result.skipped.filter((s) => s.reason === 'locked').length,
      partner: result.skipped.filter((s) => s.reason === 'partner').length,
    },
    moves: {
      items: items.map((m) => ({
        account: { id: m.accountId, name: m.accountName },
        from: m.from,
        to: m.to,
        fromName: nameOf(m.from),
        toName: nameOf(m.to) ?? '',
        rule: { ...m.rule, name: typeof m.rule.params.name === 'string' ? m.rule.params.name : '' },
        evidence: m.evidence,
      })),
      total: result.moves.length,
      limit: page.limit,
      offset: page.offset,
    },
    loads: result.loads.map((l) => ({
      user: { id: l.userId, name: named.get(l.userId) ?? '' },
      before: l.before,
      after: l.after,
    })),
  };
}
