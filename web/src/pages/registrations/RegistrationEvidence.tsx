import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import type { RegistrationEvidenceCode } from '../decisions/decisionCodes.js';

/** Tag colours of deal registration's evidence: what held the customer, what the reviewers did. */
export const REGISTRATION_COLORS: Record<RegistrationEvidenceCode, string> = {
  'registration.refused': 'red',
  'registration.account': 'blue',
  'registration.held': 'orange',
  'registration.auto_approve': 'green',
  'registration.review_required': 'gold',
  'registration.step': 'green',
  'registration.returned': 'gold',
  'registration.reviewer_rejected': 'red',
  'registration.withdrawn': 'default',
  'registration.won': 'green',
  'registration.lost': 'default',
  'registration.extension': 'purple',
  'registration.expired': 'red',
  'owner.registration': 'blue',
};

function textParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      value === null || value === undefined ? '—' : String(value as string | number | boolean),
    ]),
  );
}

/**
 * The text key of a piece of evidence: an automatic approval under the partner tier's own limit says so
 * (`…_tier`, naming the tier); under the organisation's limit it reads as before.
 */
export function registrationEvidenceKey(code: string, params: Record<string, unknown>): string {
  return code === 'registration.auto_approve' && params.limitSource === 'tier' ? `${code}_tier` : code;
}

/** One piece of registration evidence in the reader's language (the channel reads these in full). */
export function RegistrationEvidenceText({
  code,
  params,
}: {
  code: string;
  params: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {loose(t)(`registrations.evidence.${registrationEvidenceKey(code, params)}`, {
        ...textParams(params),
        defaultValue: code,
      })}
    </Typography.Text>
  );
}
