import { Alert, Card, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApply } from './assignment.api.js';

/** A live set applied to existing customers: progress while the job runs, then what moved and what stayed. */
export function ApplyProgress({ ruleSetId }: { ruleSetId: string }) {
  const { t } = useTranslation();
  const apply = useApply(ruleSetId);
  const run = apply.data;
  if (!run) return null;
  const percent = run.total ? Math.round((run.decided / run.total) * 100) : 0;
  return (
    <Card size="small" title={t('assignment.apply.title')} data-testid="apply-progress">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Progress
          percent={run.status === 'done' ? 100 : percent}
          status={run.status === 'failed' ? 'exception' : run.status === 'done' ? 'success' : 'active'}
        />
        <Typography.Text>
          {t(`assignment.apply.status.${run.status}`)} ·{' '}
          {t('assignment.apply.counts', { decided: run.decided, moved: run.moved, skipped: run.skipped })}
        </Typography.Text>
        {run.error && <Alert type="error" showIcon message={run.error} />}
        {run.items.items.map((i) => (
          <Typography.Text key={i.account.id} type="secondary">
            {i.account.name}: {t(`assignment.apply.reasons.${i.reason ?? 'locked'}`)}
          </Typography.Text>
        ))}
      </Space>
    </Card>
  );
}
