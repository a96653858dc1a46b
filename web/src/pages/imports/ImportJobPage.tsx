import { ArrowLeftOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CLUSTER_OUTCOMES, type ImportJob } from '../../api/types.js';
import { FullPageSpin } from '../../app/RequireAuth.js';
import { ExportButton } from '../../components/ExportButton.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { accountsKey } from '../accounts/accounts.api.js';
import { loose } from '../../i18n/errorText.js';
import { ImportClusters } from './ImportClusters.js';
import { IMPORT_STATUS_COLORS, importedCounts, isRunning, jobRunState, summaryNumbers } from './importJob.js';
import { ImportProgress } from './ImportProgress.js';
import { ImportProblems, problemText } from './ImportProblems.js';
import { importsKey, useImport, useImportMutations } from './imports.api.js';

/** The final numbers of an import: customers created, merged into existing ones, left for review, skipped. */
function ImportCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const counts = importedCounts(job.summary);
  if (!counts) return null;
  return (
    <Card size="small" title={t('imports.counts')} data-testid="import-counts">
      <Row gutter={[16, 16]}>
        {CLUSTER_OUTCOMES.map((outcome) => (
          <Col key={outcome} xs={12} md={6}>
            <Statistic
              title={t(`imports.outcomes.${outcome}`)}
              value={counts[outcome]}
              data-testid={`count-${outcome}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** One import: progress while the worker runs, problems by line, the clusters to review, start, and the result. */
export function ImportJobPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const job = useImport(id);
  const { start } = useImportMutations();
  const status = job.data?.status;

  // When the worker moves the job on, what it wrote (clusters, outcomes, accounts) is fetched afresh; a
  // job that was already finished when the page opened needs nothing refetched.
  const seen = useRef(status);
  useEffect(() => {
    const before = seen.current;
    seen.current = status;
    if (!before || !status || !isRunning(before) || isRunning(status)) return;
    void client.invalidateQueries({ queryKey: [...importsKey, 'clusters', id] });
    if (status === 'done') void client.invalidateQueries({ queryKey: accountsKey });
  }, [status, id, client]);

  // A failed import lists why first (a refused file, a job given up): shown in the UI language when it is
  // that problem, else as the server wrote it. A job given up after its attempts says how many it had.
  const failure = (j: ImportJob) => {
    const why = j.problems[0];
    const text = why && j.error?.endsWith(why.message) ? problemText(loose(t), why) : j.error;
    const run = jobRunState(j.job);
    const gaveUp =
      run?.state === 'failed' && run.dead ? t('imports.job.gaveUp', { count: run.attempts }) : null;
    return [text, gaveUp].filter(Boolean).join(' ');
  };

  if (job.isPending) return <FullPageSpin />;
  if (job.error) return <LoadFailed error={job.error} backTo="/imports" backLabel={t('imports.back')} />;
  const j = job.data;
  const problemCount = typeof j.summary.problems === 'number' ? j.summary.problems : j.problems.length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" gap={8} wrap>
        <Link to="/imports">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('imports.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, minWidth: 0, wordBreak: 'break-all' }}>
          {j.filename}
        </Typography.Title>
        <Tag color={IMPORT_STATUS_COLORS[j.status]} data-testid="import-status">
          {t(`imports.statuses.${j.status}`)}
        </Tag>
        <Typography.Text type="secondary">{formatDateTime(j.createdAt, i18n.language)}</Typography.Text>
        <div style={{ flex: 1 }} />
        {(j.status === 'done' || j.status === 'review') && (
          <ExportButton sources={[{ key: 'import-results', path: `/api/v1/imports/${j.id}/results` }]} />
        )}
        {j.status === 'review' && (
          <Popconfirm
            title={t('imports.start')}
            description={<div style={{ maxWidth: 320 }}>{t('imports.startConfirm')}</div>}
            okText={t('imports.start')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              start.mutate(j.id, {
                onSuccess: () => void message.success(t('imports.started')),
                onError: (error) => void message.error(errorText(t, error)),
              })
            }
          >
            <Button type="primary" icon={<CloudUploadOutlined />} loading={start.isPending}>
              {t('imports.start')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {isRunning(j.status) && <ImportProgress job={j} />}
      {j.status === 'failed' && (
        <Alert type="error" showIcon title={t('imports.statuses.failed')} description={failure(j)} />
      )}
      <ImportCounts job={j} />
      {summaryNumbers(j.summary).length > 0 && (
        <Card size="small">
          <Row gutter={[16, 16]}>
            {summaryNumbers(j.summary).map(({ key, value }) => (
              <Col key={key} xs={12} sm={8} lg={4}>
                <Statistic title={t(`imports.summary.${key}`)} value={value} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <ImportProblems problems={j.problems} total={problemCount} />
      {j.status !== 'analyzing' && j.status !== 'failed' && <ImportClusters job={j} />}
    </Space>
  );
}
