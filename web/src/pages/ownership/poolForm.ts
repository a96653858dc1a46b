import type { Pool, PoolBody, RecoveryRule, RecoveryRuleBody } from '../../api/types.js';

/** The pool editor's values: the server's body, every limit present (null: no limit). */
export type PoolFormValues = Required<PoolBody>;

export const POOL_FORM_FIELDS = [
  'name',
  'kind',
  'regionCodes',
  'excludedRegionCodes',
  'teamId',
  'productLine',
  'adminIds',
  'memberTeamIds',
  'claimsPerDay',
  'maxOwned',
  'maxLocked',
  'countWon',
  'cooldownDays',
  'embargoHours',
  'dailyViewCap',
  'maskContacts',
  'priorityWindow',
] as const satisfies readonly (keyof PoolFormValues)[];

export const NEW_POOL: PoolFormValues = {
  name: '',
  kind: 'general',
  regionCodes: [],
  excludedRegionCodes: [],
  teamId: null,
  productLine: null,
  adminIds: [],
  memberTeamIds: [],
  claimsPerDay: null,
  maxOwned: null,
  maxLocked: null,
  countWon: false,
  cooldownDays: 0,
  embargoHours: 0,
  dailyViewCap: null,
  maskContacts: true,
  priorityWindow: null,
};

export function toPoolValues(pool: Pool): PoolFormValues {
  const values = { ...NEW_POOL };
  for (const key of POOL_FORM_FIELDS) (values as Record<string, unknown>)[key] = pool[key];
  return values;
}

/** What the form holds, as the server takes it: blank text is null, a cleared number is no limit (or 0). */
export function toPoolBody(values: PoolFormValues): PoolBody {
  const orNull = (n: number | null | undefined) => (typeof n === 'number' ? n : null);
  return {
    ...values,
    name: values.name.trim(),
    productLine: values.productLine?.trim() || null,
    teamId: values.teamId ?? null,
    claimsPerDay: orNull(values.claimsPerDay),
    maxOwned: orNull(values.maxOwned),
    maxLocked: orNull(values.maxLocked),
    dailyViewCap: orNull(values.dailyViewCap),
    cooldownDays: values.cooldownDays ?? 0,
    embargoHours: values.embargoHours ?? 0,
    priorityWindow: toPriorityWindow(values.priorityWindow),
  };
}

/**
 * A window without hours is no window. The server takes exactly one of top N and top %; the form sends what
 * was entered (top N first) and lets the server name the field when neither is.
 */
function toPriorityWindow(w: PoolFormValues['priorityWindow']): PoolBody['priorityWindow'] {
  if (!w || typeof w.hours !== 'number' || w.hours <= 0) return null;
  const topN = typeof w.topN === 'number' ? w.topN : null;
  const topPercent = topN === null && typeof w.topPercent === 'number' ? w.topPercent : null;
  return { hours: w.hours, measure: w.measure ?? 'won_amount', topN, topPercent };
}

/** The recovery-rule editor's values: the server's body with every field present. */
export type RuleFormValues = Required<RecoveryRuleBody>;

export const RULE_FORM_FIELDS = [
  'name',
  'position',
  'scope',
  'poolId',
  'trigger',
  'days',
  'grade',
  'followUpKinds',
  'minSpacingHours',
  'remindDays',
  'escalateDays',
  'exemptWon',
  'exemptOpenOpportunity',
  'active',
] as const satisfies readonly (keyof RuleFormValues)[];

export function newRuleValues(rules: readonly RecoveryRule[]): Partial<RuleFormValues> {
  return {
    position: rules.reduce((max, r) => Math.max(max, r.position), 0) + 1,
    scope: 'pool',
    trigger: 'no_follow_up',
    days: 30,
    grade: null,
    followUpKinds: [],
    minSpacingHours: 0,
    remindDays: [7, 3, 1],
    escalateDays: null,
    exemptWon: true,
    exemptOpenOpportunity: true,
    active: true,
  };
}

export function toRuleValues(rule: RecoveryRule): RuleFormValues {
  const values = {} as Record<string, unknown>;
  for (const key of RULE_FORM_FIELDS) values[key] = rule[key];
  return values as RuleFormValues;
}

/**
 * Reminder days sorted, largest first and without repeats, as the owner receives them; a typed day that is
 * not a number goes to the server as it is, which names it under the field.
 */
export function toRuleBody(values: RuleFormValues): RecoveryRuleBody {
  return {
    ...values,
    name: values.name.trim(),
    grade: values.grade ?? null,
    escalateDays: typeof values.escalateDays === 'number' ? values.escalateDays : null,
    remindDays: [...new Set((values.remindDays ?? []).map(Number))].sort((a, b) => b - a),
  };
}
