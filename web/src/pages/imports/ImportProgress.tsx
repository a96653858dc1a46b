import { Alert, Card, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { jobRunState, progressCounts, progressPercent } from './importJob.js';

/**
 * The job at work on an import, live: its phase, how far it got, and whether it is waiting for a worker or
 * to try again after a failed attempt (with that attempt's error).
 */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const lt = loose(t);
  const { progress } = job;
  const percent = progressPercent(progress);
  const counts = progressCounts(progress, i18n.language);
  const run = jobRunState(job.job);
  const phase = progress.phase ?? (job.status === 'importing' ? 'import' : 'read');
  const message = progress.message
    ? lt(`imports.progressMessages.${progress.message.code}`, {
        ...progress.message.params,
        defaultValue: progress.message.code,
      })
    : null;
  return (
    <Card size="small" data-testid="import-progress" data-phase={phase} data-job={run?.state ?? 'none'}>
      <Flex vertical gap={4}>
        <Flex gap={6} wrap align="baseline">
          <Typography.Text>{lt(`imports.phases.${phase}`, { defaultValue: phase })}</Typography.Text>
          {counts && (
            <Typography.Text type="secondary" data-testid="import-progress-counts">
              {counts}
            </Typography.Text>
          )}
          {run?.state === 'running' && run.attempt > 1 && (
            <Typography.Text type="secondary">
              · {t('imports.job.attempt', { attempt: run.attempt })}
            </Typography.Text>
          )}
        </Flex>
        <Progress
          percent={percent ?? 0}
          status={run?.state === 'retrying' ? 'exception' : 'active'}
          showInfo={percent !== null}
        />
        {message && <Typography.Text type="secondary">{message}</Typography.Text>}
        {run?.state === 'waiting' && (
          <Typography.Text type="secondary">{t('imports.job.waiting')}</Typography.Text>
        )}
        {run?.state === 'retrying' && (
          <Alert
            type="warning"
            showIcon
            data-testid="import-retrying"
            title={t('imports.job.retrying', { attempts: run.attempts })}
            description={
              run.error ? (
                <span style={{ wordBreak: 'break-word' }}>
                  {t('imports.job.lastError', { error: run.error })}
                </span>
              ) : undefined
            }
          />
        )}
      </Flex>
    </Card>
  );
}
