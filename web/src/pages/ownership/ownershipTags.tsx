import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClaimKind, Deadline } from '../../api/types.js';
import { daysLeftText, deadlineText, deadlineUrgent } from './deadlineText.js';

const KIND_COLORS: Record<ClaimKind, string> = {
  protected: 'blue',
  long_term: 'purple',
  locked: 'gold',
  queued: 'default',
  pooled: 'default',
};

export function ClaimKindTag({ kind }: { kind: ClaimKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} data-testid="claim-kind">
      {t(`ownership.kinds.${kind}`)}
    </Tag>
  );
}

/** The deadline as a sentence with the days left; red when close or past. */
export function DeadlineText({ deadline }: { deadline: Deadline | null }) {
  const { t } = useTranslation();
  if (!deadline) return <Typography.Text type="secondary">{t('ownership.deadline.none')}</Typography.Text>;
  const urgent = deadlineUrgent(deadline);
  const left = daysLeftText(t, deadline);
  return (
    <Flex vertical gap={2} data-testid="deadline" data-urgent={urgent}>
      <Typography.Text type={urgent ? 'danger' : undefined} style={{ wordBreak: 'break-word' }}>
        {deadlineText(t, deadline)}
      </Typography.Text>
      {left && (
        <Typography.Text type={urgent ? 'danger' : 'secondary'} strong={urgent}>
          {left}
        </Typography.Text>
      )}
    </Flex>
  );
}
