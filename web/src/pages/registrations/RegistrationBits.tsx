import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Registration, RegistrationRefusal, RegistrationStatus } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { protectionCountdown, REGISTRATION_STATUS_COLORS, refusalMessage } from './registrationStatus.js';

export function RegistrationStatusTag({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={REGISTRATION_STATUS_COLORS[status]} data-testid="registration-status" data-status={status}>
      {t(`registrations.statuses.${status}`)}
    </Tag>
  );
}

/** "Protected until 2027-02-01 · 90 days left", red under three days; nothing without a protection. */
export function ProtectionCountdown({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const countdown = protectionCountdown(registration);
  if (!countdown)
    return <Typography.Text type="secondary">{t('registrations.portal.noProtection')}</Typography.Text>;
  return (
    <span data-testid="protection" data-days={countdown.days} data-urgent={countdown.urgent}>
      <Typography.Text style={{ marginRight: 6, whiteSpace: 'nowrap' }}>
        {t('registrations.portal.protectedUntil', { until: countdown.until })}
      </Typography.Text>
      <Tag color={countdown.urgent ? 'red' : 'green'} icon={<ClockCircleOutlined />} data-testid="countdown">
        {t('registrations.portal.daysLeft', { days: countdown.days })}
      </Tag>
    </span>
  );
}

/** A refusal in the reader's language, from its code and parameters; a reviewer's note quoted after it. */
export function RefusalText({ refusal }: { refusal: RegistrationRefusal }) {
  const { t } = useTranslation();
  const message = refusalMessage(refusal);
  const params =
    refusal.code === 'REVIEWER_REJECTED' ? { code: loose(t)(message.params.code ?? '') } : message.params;
  const note = refusal.code === 'REVIEWER_REJECTED' ? refusal.params.reason : null;
  return (
    <span data-testid="refusal" data-code={refusal.code} style={{ wordBreak: 'break-word' }}>
      {loose(t)(message.key, { ...params, defaultValue: refusal.code })}
      {note ? ` — “${String(note)}”` : ''}
    </span>
  );
}
