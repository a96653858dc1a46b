import type { Db } from '../../db/database.js';
import { fieldError, invalid, isUniqueViolation, notFound, type FieldProblem } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './partners.repo.js';
import type { CreateChecklistItemInput, Tier, UpdateTierInput } from './partners.schema.js';

/** Tiers, the onboarding checklist and certification types: the channel's configuration, as data. */

export function toTier(row: repo.TierRow): Tier {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    rank: row.rank,
    protectionDays: row.protection_days,
    autoApprove: {
      maxAmountMinor: row.auto_approve_max_minor,
      currency: row.auto_approve_currency,
      productLineIds: row.auto_approve_product_line_ids,
    },
  };
}

export async function listTiers(db: Db) {
  return { items: (await repo.listTiers(db)).map(toTier) };
}

/** Changes a tier's names, protection period or auto-approval placeholders; audited with before and after. */
export async function updateTier(db: Db, ctx: RequestContext, id: string, input: UpdateTierInput) {
  return runWork(db, ctx, async (w) => {
    const current = await repo.lockTier(w.tx, id);
    if (!current) throw notFound('tier', id);
    const problems: FieldProblem[] = [];
    const auto = input.autoApprove;
    if (auto && (auto.maxAmountMinor === null) !== (auto.currency === null))
      problems.push({
        field: auto.currency === null ? 'autoApprove.currency' : 'autoApprove.maxAmountMinor',
        problem: 'required',
        message: 'an amount limit needs its currency, and a currency its amount',
      });
    if (
      auto &&
      (await repo.countProductLines(w.tx, auto.productLineIds)) !== new Set(auto.productLineIds).size
    )
      problems.push({
        field: 'autoApprove.productLineIds',
        problem: 'not_found',
        message: 'names no such product line',
      });
    if (problems.length) throw invalid(problems);
    const row = await repo.updateTier(w.tx, id, {
      ...(input.nameZh !== undefined && { name_zh: input.nameZh }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.protectionDays !== undefined && { protection_days: input.protectionDays }),
      ...(auto && {
        auto_approve_max_minor: auto.maxAmountMinor,
        auto_approve_currency: auto.currency,
        auto_approve_product_line_ids: [...new Set(auto.productLineIds)],
      }),
    });
    const tier = toTier(row);
    w.audit({
      action: 'partner_tier.updated',
      entityType: 'partner_tier',
      entityId: id,
      before: toTier(current),
      after: tier,
      reason: input.reason,
    });
    return tier;
  });
}

const toItem = (row: Awaited<ReturnType<typeof repo.listChecklistItems>>[number]) => ({
  id: row.id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  position: row.position,
  required: row.required,
});

export async function listChecklistItems(db: Db) {
  return { items: (await repo.listChecklistItems(db)).map(toItem) };
}

export async function createChecklistItem(db: Db, ctx: RequestContext, input: CreateChecklistItemInput) {
  try {
    return await runWork(db, ctx, async (w) => {
      const row = await repo.insertChecklistItem(w.tx, {
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        position: input.position,
        required: input.required,
      });
      const item = toItem(row);
      w.audit({
        action: 'partner_checklist_item.created',
        entityType: 'partner_checklist_item',
        entityId: item.id,
        after: item,
      });
      return item;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw fieldError(
        'CONFLICT',
        `A checklist item ${input.code} exists`,
        { field: 'code', problem: 'taken', message: 'is already used' },
        { constraint: 'partner_checklist_items_code' },
      );
    throw error;
  }
}

export async function listCertificationTypes(db: Db) {
  return {
    items: (await repo.listCertificationTypes(db)).map((t) => ({
      id: t.id,
      code: t.code,
      nameZh: t.name_zh,
      nameEn: t.name_en,
      required: t.required,
    })),
  };
}
