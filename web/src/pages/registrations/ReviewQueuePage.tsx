import { Link } from 'react-router-dom';
import { Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration, RegistrationStatus } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { formatDateTime } from '../../i18n/format.js';
import { usePartner } from '../partners/partners.api.js';
import { RegistrationTable } from './RegistrationsPage.js';
import { useRegistrations } from './registrations.api.js';
import { pendingStep, REGISTRATION_STATUS_LIST } from './registrationStatus.js';

function PartnerName({ id }: { id: string }) {
  const partner = usePartner(id);
  return (
    <Link to={`/partners/${id}`} style={{ wordBreak: 'break-word' }}>
      {partner.data?.name ?? '…'}
    </Link>
  );
}

/** Partner, when submitted, and which approval step waits (a large deal takes several reviewers). */
function useQueueColumns(): TableColumnsType<Registration> {
  const { t, i18n } = useTranslation();
  return [
    {
      title: t('registrations.portal.partner'),
      key: 'partner',
      responsive: SECONDARY,
      render: (_: unknown, r) => <PartnerName id={r.partnerId} />,
    },
    {
      title: t('registrations.portal.submittedAt'),
      key: 'submittedAt',
      responsive: SECONDARY,
      render: (_: unknown, r) => formatDateTime(r.submittedAt, i18n.language),
    },
    {
      title: t('registrations.portal.waiting'),
      key: 'step',
      render: (_: unknown, r) => {
        const step = pendingStep(r);
        if (step)
          return (
            <Tag color="gold" data-testid="pending-step">
              {t('registrations.portal.step', step)}
            </Tag>
          );
        if (r.extension?.status === 'pending')
          return (
            <Typography.Text style={{ wordBreak: 'break-word' }}>
              {t('registrations.timeline.waitingExtension', { days: r.extension.days })}
            </Typography.Text>
          );
        return null;
      },
    },
  ];
}

function Queue() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const list = useRegistrations({ ...paging, queue: true });
  const columns = useQueueColumns();
  return (
    <RegistrationTable
      items={list.data?.items ?? []}
      loading={list.isPending}
      extra={columns}
      pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
    />
  );
}

/**
 * Extensions asked for: approved registrations whose partner wants more days. The list has no filter for
 * them yet, so the approved ones are read (up to 200) and those with a pending request kept.
 */
function Extensions() {
  const list = useRegistrations({ status: 'approved', limit: 200, offset: 0 });
  const columns = useQueueColumns();
  const asked = (list.data?.items ?? []).filter((r) => r.extension?.status === 'pending');
  return <RegistrationTable items={asked} loading={list.isPending} extra={columns} />;
}

function All() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RegistrationStatus | undefined>();
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const list = useRegistrations({ ...paging, status });
  const columns = useQueueColumns();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        placeholder={t('registrations.portal.anyStatus')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        options={REGISTRATION_STATUS_LIST.map((s) => ({ value: s, label: t(`registrations.statuses.${s}`) }))}
        style={{ minWidth: 160, maxWidth: '100%' }}
      />
      <RegistrationTable
        items={list.data?.items ?? []}
        loading={list.isPending}
        extra={columns.slice(0, 1)}
        pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
      />
    </Space>
  );
}

/** The channel console's review queue: registrations waiting for a reviewer, extensions to decide, all. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('registrations.queue')} />
      <Tabs
        items={[
          { key: 'queue', label: t('registrations.portal.queueTab'), children: <Queue /> },
          { key: 'extensions', label: t('registrations.portal.extensionsTab'), children: <Extensions /> },
          { key: 'all', label: t('registrations.portal.all'), children: <All /> },
        ]}
      />
    </Space>
  );
}
