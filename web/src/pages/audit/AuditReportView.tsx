import { Alert, Descriptions, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditReport } from '../../api/types.js';
import { formatDateTime } from '../../i18n/format.js';
import { problemPlace } from './auditReport.js';

const help = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);

/** What verifying the audit trail found: intact or not, the counts behind it, and each problem in words. */
export function AuditReportView({ report }: { report: AuditReport }) {
  const { t, i18n } = useTranslation();
  const latest = report.latestCheckpoint;
  const items = [
    { key: 'rows', label: t('audit.report.rows'), children: report.rows },
    { key: 'chained', label: t('audit.report.chained'), children: report.chained },
    {
      key: 'pending',
      label: t('audit.report.pending'),
      children: (
        <Flex vertical>
          {report.pending}
          {report.pending > 0 && help(t('audit.report.pendingHelp'))}
        </Flex>
      ),
    },
    { key: 'checkpoints', label: t('audit.report.checkpoints'), children: report.checkpoints },
    {
      key: 'latest',
      label: t('audit.report.latestCheckpoint'),
      children: latest
        ? t('audit.report.latestCheckpointValue', {
            length: latest.chainLength,
            at: formatDateTime(latest.at, i18n.language),
          })
        : t('audit.report.noCheckpoint'),
    },
    {
      key: 'unanchored',
      label: t('audit.report.unanchored'),
      children: (
        <Flex vertical>
          {report.unanchored}
          {report.unanchored > 0 && help(t('audit.report.unanchoredHelp'))}
        </Flex>
      ),
    },
    {
      key: 'head',
      span: 'filled' as const,
      label: t('audit.report.head'),
      children: (
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
          {report.head}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="audit-report" data-ok={report.ok}>
      <Alert
        showIcon
        type={report.ok ? 'success' : 'error'}
        title={
          report.ok ? t('audit.report.intact') : t('audit.report.broken', { count: report.problems.length })
        }
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={items}
        styles={{ content: { wordBreak: 'break-word' } }}
      />
      {report.problems.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text strong>{t('audit.report.problems')}</Typography.Text>}
          dataSource={report.problems}
          renderItem={(problem) => (
            <List.Item data-testid="audit-problem" data-code={problem.code}>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text>{t(`audit.report.codes.${problem.code}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {problemPlace(t, problem)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
