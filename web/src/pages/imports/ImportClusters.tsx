import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Input,
  Pagination,
  Popconfirm,
  Segmented,
  Select,
  Spin,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLUSTER_DECISIONS,
  CLUSTER_OUTCOMES,
  CLUSTER_VERDICTS,
  type ImportCluster,
  type ImportJob,
} from '../../api/types.js';
import { errorText } from '../../i18n/errorText.js';
import { ClusterCard } from './ClusterCard.js';
import { useClusters, useImportMutations, type ClusterFilters } from './imports.api.js';

const PAGE_SIZE = 10;

/** Which clusters a person may pick for a bulk action: any under review; after the import, those waiting. */
const selectable = (job: ImportJob, cluster: ImportCluster) =>
  job.status === 'review' || (job.status === 'done' && cluster.outcome === 'needs_review');

/**
 * The companies found in the file, riskiest first (the server sorts: waiting for a person, look-alikes of
 * customers here, possible duplicates, duplicates, single rows), filtered and a page at a time; picked ones
 * are decided together, and "accept all suggested" takes the analysis' grouping for all the filters select.
 */
export function ImportClusters({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<ClusterFilters>({ limit: PAGE_SIZE, offset: 0 });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const clusters = useClusters(job.id, filters, job.status !== 'analyzing');
  const { decideMany, resolveMany } = useImportMutations();
  const filter = (patch: Partial<ClusterFilters>) => {
    setFilters((f) => ({ ...f, ...patch, offset: 0 }));
    setSelected(new Set());
  };
  const editable = job.status === 'review';
  const items = clusters.data?.items ?? [];
  const pickable = items.filter((c) => selectable(job, c));
  const allPicked = pickable.length > 0 && pickable.every((c) => selected.has(c.clusterId));
  const toggle = (clusterId: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(clusterId);
      else next.delete(clusterId);
      return next;
    });
  const total = clusters.data?.total ?? 0;
  // Row problems (a cell left out, an owner not honoured) shown on their rows; file notes stay above.
  const problems = useMemo(() => {
    const byLine = new Map<number, ImportJob['problems']>();
    for (const p of job.problems) {
      if (p.line === 1 && !p.id) continue;
      byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
    }
    return byLine;
  }, [job.problems]);
  const failed = (error: Error) => void message.error(errorText(t, error));

  const decideSelected = (decision: (typeof CLUSTER_DECISIONS)[number]) =>
    decideMany.mutate(
      { id: job.id, body: { decision, clusterIds: [...selected] } },
      {
        onSuccess: (r) => {
          void message.success(t('imports.bulkDone', { count: r.decided }));
          setSelected(new Set());
        },
        onError: failed,
      },
    );
  const acceptSuggested = () =>
    decideMany.mutate(
      {
        id: job.id,
        body: {
          acceptSuggested: true,
          verdict: filters.verdict,
          q: filters.q,
          ...(filters.problems && { problems: true }),
          ...(filters.existing && { existing: true }),
        },
      },
      {
        onSuccess: (r) => void message.success(t('imports.bulkDone', { count: r.decided })),
        onError: failed,
      },
    );
  const skipSelected = () =>
    resolveMany.mutate(
      { id: job.id, items: [...selected].map((clusterId) => ({ clusterId, action: 'skip' as const })) },
      {
        onSuccess: (r) => {
          void message.success(t('imports.resolved', { count: r.items.length }));
          setSelected(new Set());
        },
        onError: failed,
      },
    );

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
      <Flex gap={12} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('imports.filters.search')}
          aria-label={t('imports.filters.search')}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="cluster-search"
        />
        <Checkbox
          checked={!!filters.problems}
          onChange={(e) => filter({ problems: e.target.checked ? 'true' : undefined })}
          data-testid="cluster-problems-filter"
        >
          {t('imports.filters.problems')}
        </Checkbox>
        <Checkbox
          checked={!!filters.existing}
          onChange={(e) => filter({ existing: e.target.checked ? 'true' : undefined })}
        >
          {t('imports.filters.existing')}
        </Checkbox>
      </Flex>
      {(editable || (job.status === 'done' && pickable.length > 0)) && (
        <Flex gap={8} wrap align="center" data-testid="cluster-bulk">
          <Checkbox
            checked={allPicked}
            indeterminate={!allPicked && pickable.some((c) => selected.has(c.clusterId))}
            disabled={pickable.length === 0}
            onChange={(e) => {
              for (const c of pickable) toggle(c.clusterId, e.target.checked);
            }}
          >
            {t('imports.selectPage')}
          </Checkbox>
          {selected.size > 0 && (
            <>
              <Typography.Text type="secondary">
                {t('imports.selected', { count: selected.size })}
              </Typography.Text>
              {editable &&
                CLUSTER_DECISIONS.map((d) => (
                  <Button
                    key={d}
                    size="small"
                    loading={decideMany.isPending}
                    onClick={() => decideSelected(d)}
                    data-testid={`bulk-${d}`}
                  >
                    {t(`imports.decisions.${d}`)}
                  </Button>
                ))}
              {job.status === 'done' && (
                <Popconfirm
                  title={t('imports.skipSelected')}
                  description={t('imports.skipSelectedConfirm', { count: selected.size })}
                  okText={t('imports.skipSelected')}
                  cancelText={t('common.cancel')}
                  onConfirm={skipSelected}
                >
                  <Button size="small" loading={resolveMany.isPending} data-testid="bulk-resolve-skip">
                    {t('imports.skipSelected')}
                  </Button>
                </Popconfirm>
              )}
              <Button size="small" type="link" onClick={() => setSelected(new Set())}>
                {t('imports.clearSelection')}
              </Button>
            </>
          )}
          {editable && (
            <Popconfirm
              title={t('imports.acceptSuggested')}
              description={
                <div style={{ maxWidth: 320 }} data-testid="accept-suggested-confirm">
                  {t('imports.acceptSuggestedConfirm', { count: total })}
                </div>
              }
              okText={t('imports.acceptSuggested')}
              cancelText={t('common.cancel')}
              onConfirm={acceptSuggested}
              disabled={total === 0}
            >
              <Button
                type="primary"
                ghost
                size="small"
                disabled={total === 0}
                loading={decideMany.isPending}
                data-testid="accept-suggested"
              >
                {t('imports.acceptSuggested')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {clusters.error && <Alert type="error" showIcon title={errorText(t, clusters.error)} />}
      <Spin spinning={clusters.isFetching}>
        <Flex vertical gap={12}>
          {items.map((cluster) => (
            <ClusterCard
              key={cluster.clusterId}
              jobId={job.id}
              cluster={cluster}
              editable={editable}
              problems={problems}
              {...(selectable(job, cluster) && {
                selected: selected.has(cluster.clusterId),
                onSelect: (on: boolean) => toggle(cluster.clusterId, on),
              })}
            />
          ))}
          {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Flex>
      </Spin>
      {total > filters.limit && (
        <Pagination
          current={Math.floor(filters.offset / filters.limit) + 1}
          pageSize={filters.limit}
          total={total}
          showSizeChanger={false}
          showTotal={(count) => t('common.total', { count })}
          onChange={(page) => setFilters((f) => ({ ...f, offset: (page - 1) * f.limit }))}
          size="small"
        />
      )}
    </Flex>
  );
}
