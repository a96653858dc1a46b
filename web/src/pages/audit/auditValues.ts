import type { TFunction } from 'i18next';
import { formatPhone } from '../../../../src/modules/matching/phone-format.js';
import { loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';

/** What turning an entry's values into text needs: the language, the organisation's zone, the names. */
export interface ValueContext {
  t: TFunction;
  language: string;
  timeZone: string;
  /** Names of the records the entry refers to, those the reader may see (from the server). */
  refs: Record<string, string>;
  entityType: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const PHONE_FIELDS = new Set(['phone', 'phones', 'mobile']);

/** Fields whose values are codes, and where their translations are. */
function codePrefix(field: string, entityType: string): string | null {
  switch (field) {
    case 'role':
      return 'roles';
    case 'status':
      return entityType === 'account' ? 'accounts.statuses' : entityType === 'import' ? null : 'statuses';
    case 'language':
    case 'defaultLanguage':
      return 'language';
    case 'size':
      return 'accounts.sizes';
    case 'scopes':
      return 'permissions';
    case 'field':
      return 'audit.fields';
    default:
      return `audit.values.${field}`;
  }
}

/** A field's label: `audit.fields.<name>`, nested ones joined (`Survivor · Legal name`). */
export function fieldLabel(t: TFunction, path: readonly string[]): string {
  const lt = loose(t);
  if (path.length === 0) return t('audit.value');
  return path.map((name) => lt(`audit.fields.${name}`, { defaultValue: name })).join(' · ');
}

/** A value as a person reads it: names for ids, national phones, yes/no, local times, translated codes. */
export function valueText(ctx: ValueContext, path: readonly string[], value: unknown): string {
  const { t } = ctx;
  const lt = loose(t);
  const field = path.at(-1) ?? '';
  const text = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'number') return new Intl.NumberFormat(ctx.language).format(v);
    if (typeof v === 'string') {
      if (UUID.test(v)) return ctx.refs[v] ?? t('audit.recordOutOfSight', { id: v.slice(0, 8) });
      if (INSTANT.test(v)) return formatDateTime(v, ctx.language, ctx.timeZone);
      if (PHONE_FIELDS.has(field)) return formatPhone(v);
      const prefix = codePrefix(field, ctx.entityType);
      if (prefix && /^[a-z][a-z0-9_:.-]*$/i.test(v)) return lt(`${prefix}.${v}`, { defaultValue: v });
      return v;
    }
    if (Array.isArray(v)) return v.length ? v.map(text).join(t('audit.listSeparator')) : '—';
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = o.legalName ?? o.displayName ?? o.name;
      if (typeof name === 'string' && name) return name;
      return Object.entries(o)
        .filter(([k]) => k !== 'id')
        .map(([k, inner]) => `${fieldLabel(t, [k])}: ${valueText(ctx, [...path, k], inner)}`)
        .join('; ');
    }
    return '—';
  };
  return text(value);
}
