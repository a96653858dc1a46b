import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import type { CreditEvidenceCode } from '../decisions/decisionCodes.js';

/** Tag colours of where a credit line came from. */
export const CREDIT_COLORS: Record<CreditEvidenceCode, string> = {
  'credit.owner': 'blue',
  'credit.partner_registration': 'magenta',
  'credit.team': 'cyan',
  'credit.overlay': 'gold',
  'credit.no_holder': 'default',
  'credit.manual_split': 'purple',
};

/** Basis points as a percentage, exactly ("3333" → "33.33"). */
export const percentOf = (bp: unknown) =>
  typeof bp === 'number'
    ? `${Math.trunc(bp / 100)}${bp % 100 ? `.${String(bp % 100).padStart(2, '0')}` : ''}`.replace(
        /(\.\d)0$/,
        '$1',
      )
    : '';

/** One piece of credit evidence in the reader's language: the share, the date, the role, since when. */
export function CreditEvidenceText({ code, params }: { code: string; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const role = text(params.role);
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {loose(t)(`transactions.evidence.${code}`, {
        share: percentOf(params.shareBp),
        date: text(params.date),
        since: text(params.since).slice(0, 10),
        role: role ? loose(t)(`transactions.roles.${role}`, { defaultValue: role }) : '',
        defaultValue: code,
      })}
    </Typography.Text>
  );
}
