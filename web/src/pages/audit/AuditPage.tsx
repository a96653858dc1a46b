import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Flex,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type GetProps,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditEntry } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useTableScroll } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { UserSelect } from '../../components/UserSelect.js';
import { errorText, loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DecisionModal } from '../decisions/DecisionModal.js';
import { useAudit, useVerifyAudit } from './audit.api.js';
import { AuditEntryDetails } from './AuditEntryDetails.js';
import { AuditReportView } from './AuditReportView.js';
import { toAuditQuery, type AuditFilters } from './auditQuery.js';

type RangeValue = Parameters<NonNullable<GetProps<typeof DatePicker.RangePicker>['onChange']>>[0];

const PAGE_SIZE = 20;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lt = loose(t);
  const canReadUsers = useCan('users:read');
  const narrow = Grid.useBreakpoint().md === false;
  const [filters, setFilters] = useState<AuditFilters>({});
  const [range, setRange] = useState<RangeValue>(null);
  const [page, setPage] = useState({ limit: PAGE_SIZE, offset: 0 });
  const audit = useAudit(filters, page);
  const verify = useVerifyAudit();
  const [decisionId, setDecisionId] = useState<string | null>(null);

  const filter = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, offset: 0 }));
  };
  // The export takes the list's filters, not its page.
  const { limit: _limit, offset: _offset, ...exportQuery } = toAuditQuery(filters, page);
  const actionLabel = (action: string) => lt(`audit.actions.${action}`, { defaultValue: action });
  const typeLabel = (type: string) => lt(`audit.entityTypes.${type}`, { defaultValue: type });

  const timeZone = audit.data?.timeZone;
  const actorText = (entry: AuditEntry) =>
    entry.actorName ?? (entry.actorId ? entry.actorLabel : t('audit.system', { label: entry.actorLabel }));
  const recordText = (entry: AuditEntry) =>
    entry.entityType === 'export'
      ? lt(`audit.values.kind.${entry.entityId}`, { defaultValue: entry.entityId })
      : entry.entityName;

  const record = (entry: AuditEntry) => (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{typeLabel(entry.entityType)}</Typography.Text>
      <Typography.Link
        data-testid="audit-record"
        onClick={(event) => {
          event.stopPropagation();
          filter({ entityType: entry.entityType, entityId: entry.entityId });
        }}
      >
        {recordText(entry) ?? t('audit.recordOutOfSight', { id: entry.entityId.slice(0, 8) })}
      </Typography.Link>
    </Space>
  );
  const time = (at: string) => formatDateTime(at, i18n.language, timeZone);

  // On a phone an entry is one stacked cell (what, which record, who and when), so nothing scrolls sideways.
  const columns: TableColumnsType<AuditEntry> = narrow
    ? [
        {
          title: t('audit.title'),
          key: 'entry',
          render: (_, entry) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{actionLabel(entry.action)}</Typography.Text>
              {record(entry)}
              <Typography.Text type="secondary">
                {actorText(entry)} · {time(entry.at)}
              </Typography.Text>
            </Space>
          ),
        },
      ]
    : [
        { title: t('audit.at'), dataIndex: 'at', render: time },
        { title: t('audit.actor'), key: 'actor', render: (_, entry) => actorText(entry) },
        { title: t('audit.action'), dataIndex: 'action', render: (action: string) => actionLabel(action) },
        { title: t('audit.record'), key: 'record', render: (_, entry) => record(entry) },
      ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('audit.title')}>
        <ExportButton sources={[{ key: 'audit', path: '/api/v1/exports/audit', query: exportQuery }]} />
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {t('audit.verify')}
        </Button>
      </PageHeader>
      {verify.data && <AuditReportView report={verify.data} />}
      {verify.error && <Alert type="error" showIcon title={errorText(t, verify.error)} />}
      <Flex wrap gap={8}>
        <Select
          allowClear
          placeholder={t('audit.entityType')}
          value={filters.entityType}
          onChange={(entityType?: string) => filter({ entityType })}
          options={AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
          style={{ width: 160, maxWidth: '100%' }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.entityId')}
          defaultValue={filters.entityId}
          key={filters.entityId ?? ''}
          onSearch={(entityId) => filter({ entityId: entityId.trim() || undefined })}
          style={{ width: 260, maxWidth: '100%' }}
        />
        {canReadUsers && (
          <UserSelect
            placeholder={t('audit.actor')}
            value={filters.actorId}
            onChange={(actorId) => filter({ actorId: actorId ?? undefined })}
            style={{ width: 200, maxWidth: '100%' }}
          />
        )}
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.action')}
          value={filters.action}
          onChange={(action?: string) => filter({ action })}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))}
          style={{ width: 200, maxWidth: '100%' }}
          data-testid="audit-action-filter"
        />
        <DatePicker.RangePicker
          showTime
          allowEmpty={[true, true]}
          value={range}
          onChange={(value) => {
            setRange(value);
            filter({ range: value });
          }}
          style={{ maxWidth: '100%' }}
        />
      </Flex>
      {audit.error && <Alert type="error" showIcon title={errorText(t, audit.error)} />}
      {timeZone && (
        <Typography.Text type="secondary" data-testid="audit-zone">
          {t('audit.timeZoneNote', { zone: timeZone })}
        </Typography.Text>
      )}
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={audit.data?.items}
        loading={audit.isFetching}
        size="middle"
        // A fixed minimum, not max-content: the expanded JSON would otherwise widen every column.
        scroll={useTableScroll<AuditEntry>({ x: 720 })}
        expandable={{
          expandedRowRender: (entry) => (
            <AuditEntryDetails entry={entry} timeZone={timeZone ?? ''} onOpenDecision={setDecisionId} />
          ),
          expandRowByClick: true,
          // A fixed column makes expanded rows as wide as the visible table, not the scrolled one.
          fixed: 'left',
        }}
        pagination={tablePagination(t, page, audit.data?.total ?? 0, setPage)}
      />
      <DecisionModal id={decisionId} onClose={() => setDecisionId(null)} />
    </Space>
  );
}
