import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Partner, PartnerStatus } from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { useDebouncedValue } from '../../components/useDebouncedValue.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { formatDateTime } from '../../i18n/format.js';
import { usePartnerMutations, usePartners } from './partners.api.js';

export const PARTNER_STATUSES: readonly PartnerStatus[] = [
  'applicant',
  'onboarding',
  'active',
  'suspended',
  'terminated',
];

export const STATUS_COLORS: Record<PartnerStatus, string> = {
  applicant: 'default',
  onboarding: 'processing',
  active: 'success',
  suspended: 'warning',
  terminated: 'error',
};

/** Partners in the caller's sight: channel staff see theirs, a partner's people only their own. */
export function PartnersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const query = useDebouncedValue(q.trim(), 300);
  const partners = usePartners({ ...paging, q: query || undefined, status });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Partner> = [
    {
      title: t('partners.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Link to={`/partners/${p.id}`} style={{ wordBreak: 'break-word' }}>
          {p.name}
        </Link>
      ),
    },
    {
      title: t('partners.status'),
      key: 'status',
      render: (_: unknown, p) => (
        <Tag color={STATUS_COLORS[p.status]}>{t(`partners.statuses.${p.status}`)}</Tag>
      ),
    },
    { title: t('partners.tier'), dataIndex: 'tierCode', responsive: SECONDARY },
    {
      title: t('partners.since'),
      key: 'since',
      responsive: SECONDARY,
      render: (_: unknown, p) => formatDateTime(p.statusChangedAt, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('partners.title')}>
        {me.permissions.includes('partners:manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="new-partner"
          >
            {t('partners.new')}
          </Button>
        )}
      </PageHeader>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('partners.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPaging((p) => ({ ...p, offset: 0 }));
          }}
          style={{ maxWidth: 280 }}
        />
        <Select
          allowClear
          placeholder={t('partners.anyStatus')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging((p) => ({ ...p, offset: 0 }));
          }}
          options={PARTNER_STATUSES.map((s) => ({ value: s, label: t(`partners.statuses.${s}`) }))}
          style={{ minWidth: 140 }}
        />
      </Flex>
      <Table<Partner>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={partners.data?.items ?? []}
        loading={partners.isPending}
        locale={{ emptyText: t('partners.empty') }}
        pagination={tablePagination(t, paging, partners.data?.total ?? 0, setPaging)}
      />
      <NewPartnerModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

interface NewPartnerValues {
  legalName: string;
  uscc?: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
  confirmReason?: string;
}

function NewPartnerModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewPartnerValues>();
  const errors = useFormErrors(form, ['legalName', 'uscc', 'contactName', 'contactEmail', 'contactPhone']);
  const { create } = usePartnerMutations();
  return (
    <FormModal<NewPartnerValues>
      open={props.open}
      title={t('partners.new')}
      okText={t('common.create')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="partner"
      onSubmit={async (v) => {
        const created = await create.mutateAsync({
          legalName: v.legalName,
          uscc: v.uscc?.trim() || null,
          contactName: v.contactName,
          contactEmail: v.contactEmail,
          ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
          ...(v.confirmReason?.trim() ? { confirm: { reason: v.confirmReason.trim() } } : {}),
        });
        form.resetFields();
        props.onClose();
        void navigate(`/partners/${created.id}`);
      }}
      onClose={props.onClose}
    >
      <Form.Item
        name="legalName"
        label={t('partners.legalName')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="uscc" label={t('partners.uscc')}>
        <Input />
      </Form.Item>
      <Form.Item
        name="contactName"
        label={t('partners.contactName')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="contactEmail"
        label={t('partners.contactEmail')}
        rules={[{ required: true, type: 'email', message: t('problems.invalid_email') }]}
      >
        <Input inputMode="email" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('partners.contactPhone')}>
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="confirmReason" label={t('partners.confirmReason')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
