import { Alert, Empty, Flex, Pagination, Segmented, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUSTER_OUTCOMES, CLUSTER_VERDICTS, type ImportJob } from '../../api/types.js';
import { errorText } from '../../i18n/errorText.js';
import { ClusterCard } from './ClusterCard.js';
import { useClusters, type ClusterFilters } from './imports.api.js';

const PAGE_SIZE = 10;

/** The companies found in the file, filtered by verdict (and, once imported, by outcome), a page at a time. */
export function ImportClusters({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ClusterFilters>({ limit: PAGE_SIZE, offset: 0 });
  const clusters = useClusters(job.id, filters, job.status !== 'analyzing');
  const filter = (patch: Partial<ClusterFilters>) => setFilters((f) => ({ ...f, ...patch, offset: 0 }));
  const editable = job.status === 'review';

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('imports.clusters')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Segmented
            value={filters.verdict ?? 'all'}
            onChange={(value) => filter({ verdict: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('imports.anyVerdict') },
              ...CLUSTER_VERDICTS.map((v) => ({ value: v, label: t(`imports.verdicts.${v}`) })),
            ]}
            data-testid="cluster-verdict-filter"
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
          {job.status === 'done' && (
            <Select
              allowClear
              placeholder={t('imports.anyOutcome')}
              aria-label={t('imports.anyOutcome')}
              value={filters.outcome}
              onChange={(outcome?: string) => filter({ outcome })}
              options={CLUSTER_OUTCOMES.map((o) => ({ value: o, label: t(`imports.outcomes.${o}`) }))}
              style={{ width: 160 }}
            />
          )}
        </Flex>
      </Flex>
      {clusters.error && <Alert type="error" showIcon title={errorText(t, clusters.error)} />}
      <Spin spinning={clusters.isFetching}>
        <Flex vertical gap={12}>
          {clusters.data?.items.map((cluster) => (
            <ClusterCard key={cluster.clusterId} jobId={job.id} cluster={cluster} editable={editable} />
          ))}
          {clusters.data?.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Flex>
      </Spin>
      {(clusters.data?.total ?? 0) > filters.limit && (
        <Pagination
          current={Math.floor(filters.offset / filters.limit) + 1}
          pageSize={filters.limit}
          total={clusters.data?.total ?? 0}
          showSizeChanger={false}
          showTotal={(total) => t('common.total', { count: total })}
          onChange={(page) => setFilters((f) => ({ ...f, offset: (page - 1) * f.limit }))}
          size="small"
        />
      )}
    </Flex>
  );
}
