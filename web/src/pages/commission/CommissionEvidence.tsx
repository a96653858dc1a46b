import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';

/**
 * Commission evidence in a decision: its parameters by name in the reader's language (amounts as the
 * server stored them, in minor units where the name says amount).
 */
export function CommissionEvidenceText({ params }: { params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(params).filter(([, v]) => v !== null && typeof v !== 'object');
  if (entries.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
      {entries
        .map(([k, v]) => `${loose(t)(`commissionParams.${k}`, { defaultValue: k })}: ${String(v as string)}`)
        .join(' · ')}
    </Typography.Text>
  );
}
