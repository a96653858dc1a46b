import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FenceException } from '../../api/types.js';
import { useCan, useMe } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { AccountSelect } from '../accounts/AccountSelect.js';
import { RegionCascader } from '../accounts/PlacePickers.js';
import { PartnerSelect, useAreaLabel, usePartnerNames } from './parties.js';
import { useExceptions, useTerritoryMutations } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';

const STATUS_COLORS: Record<FenceException['status'], string> = {
  live: 'green',
  expired: 'default',
  revoked: 'red',
};

/** Fence exceptions: who may pass the fence where, until when, and why; channel managers grant and revoke. */
export function ExceptionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const manage = useCan('territories:manage');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const exceptions = useExceptions(partnerId ?? undefined);
  const partnerName = usePartnerNames();
  const area = useAreaLabel();
  const { revokeException } = useTerritoryMutations();
  const [granting, setGranting] = useState(false);

  const columns: TableColumnsType<FenceException> = [
    {
      title: t('territories.partnerKind'),
      key: 'partner',
      render: (_: unknown, e) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {partnerName(e.partnerId)}
          </Typography.Text>
          <Typography.Text style={{ wordBreak: 'break-word' }}>
            {e.account ? (
              <Link to={`/accounts/${e.account.id}`}>{e.account.legalName}</Link>
            ) : (
              area(e.regionCode ?? '')
            )}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('territories.expiresOn'),
      key: 'expires',
      render: (_: unknown, e) => (
        <Flex vertical gap={2}>
          <span>{e.expiresOn}</span>
          <Tag color={STATUS_COLORS[e.status]} data-testid="exception-status">
            {t(`territories.exceptionStatus.${e.status}`)}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('territories.note'),
      key: 'note',
      responsive: SECONDARY,
      render: (_: unknown, e) => (
        <Flex vertical>
          <Typography.Text style={{ wordBreak: 'break-word' }}>{e.note}</Typography.Text>
          <Typography.Text type="secondary">
            {t('territories.grantedAt', { when: formatDateTime(e.grantedAt, i18n.language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, e: FenceException) =>
              e.status === 'live' && (
                <Popconfirm
                  title={t('territories.revokeConfirm')}
                  okText={t('territories.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    void revokeException.mutateAsync(e.id).then(
                      () => void message.success(t('territories.revoked')),
                      (error: unknown) => void message.error(errorText(t, error)),
                    )
                  }
                >
                  <Button size="small" danger data-testid="revoke-exception">
                    {t('territories.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="exceptions" />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('territories.exceptionsIntro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap justify="space-between">
        {me.scope !== 'partner' && (
          <PartnerSelect
            value={partnerId}
            onChange={setPartnerId}
            placeholder={t('territories.anyPartner')}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
        )}
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setGranting(true)}
            data-testid="grant-exception"
          >
            {t('territories.grant')}
          </Button>
        )}
      </Flex>
      <Table<FenceException>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={exceptions.data?.items ?? []}
        loading={exceptions.isPending}
        locale={{ emptyText: t('territories.noExceptions') }}
        pagination={false}
      />
      {manage && <GrantExceptionModal open={granting} onClose={() => setGranting(false)} />}
    </Space>
  );
}

interface GrantValues {
  partnerId: string | null;
  subject: 'region' | 'account';
  regionCode?: string | null;
  accountId?: string | null;
  expiresOn: Dayjs | null;
  note: string;
}

const GRANT_FIELDS = ['partnerId', 'regionCode', 'accountId', 'expiresOn', 'note'] as const;

function GrantExceptionModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const errors = useFormErrors(form, GRANT_FIELDS);
  const { grantException } = useTerritoryMutations();
  const subject = Form.useWatch('subject', form) ?? 'region';
  const close = () => {
    form.resetFields();
    errors.clear();
    props.onClose();
  };
  return (
    <FormModal<GrantValues>
      open={props.open}
      title={t('territories.grant')}
      okText={t('territories.grantOk')}
      saving={grantException.isPending}
      form={form}
      errors={errors}
      name="grant-exception"
      intro={<Typography.Paragraph type="secondary">{t('territories.grantIntro')}</Typography.Paragraph>}
      onSubmit={async (v) => {
        await grantException.mutateAsync({
          partnerId: v.partnerId ?? '',
          ...(v.subject === 'account'
            ? { accountId: v.accountId ?? undefined }
            : { regionCode: v.regionCode ?? undefined }),
          expiresOn: v.expiresOn?.format('YYYY-MM-DD') ?? '',
          note: v.note,
        });
        void message.success(t('territories.granted'));
        close();
      }}
      onClose={close}
    >
      <Form.Item
        name="partnerId"
        label={t('territories.partnerKind')}
        rules={[{ required: true, message: t('problems.required') }]}
      >
        <PartnerSelect style={{ width: '100%' }} data-testid="grant-partner" />
      </Form.Item>
      <Form.Item name="subject" label={t('territories.exceptionFor')} initialValue="region">
        <Radio.Group
          options={[
            { value: 'region', label: t('territories.region') },
            { value: 'account', label: t('territories.customer') },
          ]}
        />
      </Form.Item>
      {subject === 'region' ? (
        <Form.Item
          name="regionCode"
          label={t('territories.region')}
          rules={[{ required: true, message: t('problems.required') }]}
        >
          <RegionCascader style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item
          name="accountId"
          label={t('territories.customer')}
          rules={[{ required: true, message: t('problems.required') }]}
        >
          <AccountSelect style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item
        name="expiresOn"
        label={t('territories.expiresOn')}
        extra={t('territories.expiresOnHelp')}
        rules={[{ required: true, message: t('problems.required') }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('territories.note')}
        rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
