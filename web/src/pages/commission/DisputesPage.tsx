import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText, loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DISPUTE_COLORS, SIGNED_AMOUNT, formatMoney, periodLabel } from './statementView.js';
import {
  DISPUTE_STATUSES,
  useDisputes,
  useResolveDispute,
  useReviewDispute,
  type Dispute,
  type DisputeStatus,
} from './statements.api.js';

interface ResolveValues {
  outcome: 'upheld' | 'rejected';
  amount?: string;
  note: string;
}

/**
 * Disputes of single statement lines: a payee's own, every one for finance. Finance starts a review and
 * resolves — upheld with an amount (paid as an adjustment in the next open period) or rejected — with a note.
 */
export function DisputesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canDecide = useCan('commission:approve');
  const [status, setStatus] = useState<DisputeStatus | 'all'>('open');
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const disputes = useDisputes({ status: status === 'all' ? undefined : status, ...paging });
  const review = useReviewDispute();
  const resolve = useResolveDispute();
  const [resolving, setResolving] = useState<Dispute | null>(null);
  const [form] = Form.useForm<ResolveValues>();
  const errors = useFormErrors(form, ['outcome', 'amount', 'note']);
  const outcome = Form.useWatch('outcome', form);
  const currencyOf = (d: Dispute | null) => d?.currency ?? '';

  const columns: TableColumnsType<Dispute> = [
    {
      title: t('statements.disputes.status'),
      key: 'status',
      render: (_: unknown, d) => (
        <Tag color={DISPUTE_COLORS[d.status]} data-testid="dispute-status">
          {t(`statements.disputeStatuses.${d.status}`)}
        </Tag>
      ),
    },
    {
      title: t('statements.disputes.payee'),
      key: 'payee',
      render: (_: unknown, d) => (
        <Link
          to={`/commission/periods/${d.periodId}/statements/${d.payeeId}`}
          style={{ wordBreak: 'break-word' }}
        >
          {d.payee.name ?? d.payeeId}
        </Link>
      ),
    },
    {
      title: t('statements.disputes.period'),
      key: 'period',
      responsive: SECONDARY,
      render: (_: unknown, d) => periodLabel(d),
    },
    {
      title: t('statements.disputes.line'),
      key: 'line',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          <Typography.Text type="secondary">#{d.line.lineNo}</Typography.Text>
          <Tag>{loose(t)(`commissionFormula.lineKinds.${d.line.kind}`, { defaultValue: d.line.kind })}</Tag>
          {formatMoney(d.line.amount, d.currency, i18n.language)}
        </Space>
      ),
    },
    {
      title: t('statements.disputes.reason'),
      key: 'reason',
      render: (_: unknown, d) => (
        <Flex vertical gap={4}>
          <Typography.Text style={{ wordBreak: 'break-word' }}>{d.reason}</Typography.Text>
          {d.note && (
            <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
              {`${t('statements.disputes.resolution')}: ${d.note}`}
              {d.adjustment
                ? ` (${t('statements.disputes.adjusted', {
                    amount: formatMoney(d.adjustment.amount, d.currency, i18n.language),
                    period: periodLabel({ periodStart: d.adjustment.periodStart }),
                  })})`
                : ''}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('statements.disputes.raisedAt'),
      key: 'raisedAt',
      responsive: SECONDARY,
      render: (_: unknown, d) => formatDateTime(d.raisedAt, i18n.language),
    },
    ...(canDecide
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: Dispute) => (
              <Flex gap={4} wrap>
                {d.status === 'open' && (
                  <Button
                    size="small"
                    loading={review.isPending && review.variables?.id === d.id}
                    onClick={() =>
                      review.mutate(
                        { id: d.id },
                        {
                          onSuccess: () => void message.success(t('statements.disputes.reviewed')),
                          onError: (error) => void message.error(errorText(t, error)),
                        },
                      )
                    }
                    data-testid="dispute-review"
                  >
                    {t('statements.disputes.review')}
                  </Button>
                )}
                {(d.status === 'open' || d.status === 'in_review') && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.resetFields();
                      errors.clear();
                      setResolving(d);
                    }}
                    data-testid="dispute-resolve"
                  >
                    {t('statements.disputes.resolve')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('statements.disputes.title')} />
      <Segmented<DisputeStatus | 'all'>
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        options={[
          ...DISPUTE_STATUSES.map((s) => ({ value: s, label: t(`statements.disputeStatuses.${s}`) })),
          { value: 'all' as const, label: t('common.all') },
        ]}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
        data-testid="dispute-filter"
      />
      <Table
        rowKey="id"
        columns={columns}
        dataSource={disputes.data?.items ?? []}
        loading={disputes.isLoading}
        pagination={tablePagination(t, paging, disputes.data?.total ?? 0, setPaging)}
        locale={{ emptyText: disputes.error ? errorText(t, disputes.error) : t('statements.disputes.empty') }}
        data-testid="disputes"
      />
      <FormModal<ResolveValues>
        open={resolving !== null}
        title={t('statements.disputes.resolveTitle')}
        okText={t('statements.disputes.resolve')}
        saving={resolve.isPending}
        form={form}
        errors={errors}
        name="resolve-dispute"
        onClose={() => setResolving(null)}
        intro={
          resolving && (
            <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-word' }}>
              {resolving.reason}
            </Typography.Paragraph>
          )
        }
        onSubmit={async (values) => {
          const note = values.note.trim();
          await resolve.mutateAsync(
            values.outcome === 'upheld'
              ? { id: resolving!.id, outcome: 'upheld', amount: values.amount!.trim(), note }
              : { id: resolving!.id, outcome: 'rejected', note },
          );
          void message.success(t('statements.disputes.resolved'));
          setResolving(null);
        }}
      >
        <Form.Item
          name="outcome"
          label={t('statements.disputes.outcome')}
          initialValue="upheld"
          rules={[{ required: true }]}
        >
          <Radio.Group
            options={[
              { value: 'upheld', label: t('statements.disputes.upheld') },
              { value: 'rejected', label: t('statements.disputes.rejected') },
            ]}
            optionType="button"
          />
        </Form.Item>
        {outcome !== 'rejected' && (
          <Form.Item
            name="amount"
            label={t('statements.disputes.amount', { currency: currencyOf(resolving) })}
            extra={t('statements.disputes.amountHelp')}
            rules={[
              { required: true, pattern: SIGNED_AMOUNT, message: t('statements.disputes.amountRequired') },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" data-testid="dispute-amount" />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('statements.disputes.note')}
          rules={[{ required: true, whitespace: true, message: t('statements.disputes.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="dispute-note" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
