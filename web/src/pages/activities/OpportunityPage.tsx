import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { OpportunityStage } from '../../api/types.js';
import { FullPageSpin } from '../../app/RequireAuth.js';
import { useCan } from '../../app/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useOpportunity, useOpportunityMutations } from './activities.api.js';
import { formatAmount } from './money.js';
import { OPPORTUNITY_STATUS_COLORS } from './OpportunityList.js';
import { STAGES } from './OpportunityModal.js';
import { QuoteEditor } from './QuoteEditor.js';
import { QuoteList } from './QuoteList.js';

/** One opportunity: its stage (changed in place while open), won or lost, and its quotes. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const canWrite = useCan('opportunities:write');
  const opportunity = useOpportunity(id);
  const { update, won, lost } = useOpportunityMutations();
  const [quoting, setQuoting] = useState(false);
  const [losing, setLosing] = useState(false);
  const [reason, setReason] = useState('');
  const fail = (error: unknown) => void message.error(errorText(t, error));

  if (opportunity.isPending) return <FullPageSpin />;
  if (opportunity.error)
    return (
      <LoadFailed error={opportunity.error} backTo="/opportunities" backLabel={t('opportunities.back')} />
    );
  const o = opportunity.data;
  const open = o.status === 'open';
  const act = canWrite && open;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" gap={8} wrap>
        <Link to="/opportunities">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('opportunities.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, minWidth: 0, wordBreak: 'break-word' }}>
          {o.name}
        </Typography.Title>
        <Tag color={OPPORTUNITY_STATUS_COLORS[o.status]} data-testid="opportunity-status">
          {t(`opportunities.statuses.${o.status}`)}
        </Tag>
        <div style={{ flex: 1 }} />
        {act && (
          <>
            <Button
              type="primary"
              onClick={() =>
                void modal.confirm({
                  title: t('opportunities.confirmWon'),
                  okText: t('opportunities.markWon'),
                  cancelText: t('common.cancel'),
                  onOk: () => won.mutateAsync(o.id).catch(fail),
                })
              }
            >
              {t('opportunities.markWon')}
            </Button>
            <Button danger onClick={() => setLosing(true)}>
              {t('opportunities.markLost')}
            </Button>
          </>
        )}
      </Flex>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          styles={{ content: { wordBreak: 'break-word' } }}
          items={[
            {
              key: 'account',
              label: t('opportunities.account'),
              children: o.account ? (
                <Link to={`/accounts/${o.account.id}`}>{o.account.legalName}</Link>
              ) : (
                t('opportunities.hiddenAccount')
              ),
            },
            {
              key: 'amount',
              label: t('opportunities.amount'),
              children: (
                <span data-testid="opportunity-amount">
                  {formatAmount(o.amount, o.currency, i18n.language)}
                </span>
              ),
            },
            {
              key: 'stage',
              label: t('opportunities.stage'),
              children: act ? (
                <Select<OpportunityStage>
                  size="small"
                  value={o.stage}
                  style={{ minWidth: 120 }}
                  options={STAGES.map((s) => ({ value: s, label: t(`opportunities.stages.${s}`) }))}
                  onChange={(stage) => update.mutate({ id: o.id, body: { stage } }, { onError: fail })}
                />
              ) : (
                t(`opportunities.stages.${o.stage}`)
              ),
            },
            { key: 'owner', label: t('opportunities.owner'), children: o.owner?.displayName ?? '—' },
            {
              key: 'expectedClose',
              label: t('opportunities.expectedClose'),
              children: o.expectedClose ?? '—',
            },
            {
              key: 'products',
              label: t('opportunities.products'),
              children: o.lines.length ? o.lines.map((l) => `${l.name} × ${l.quantity}`).join('; ') : '—',
            },
            ...(o.closedAt
              ? [
                  {
                    key: 'closedAt',
                    label: t(`opportunities.statuses.${o.status}`),
                    children: formatDateTime(o.closedAt, i18n.language),
                  },
                ]
              : []),
            ...(o.lostReason
              ? [{ key: 'lostReason', label: t('opportunities.lostReason'), children: o.lostReason }]
              : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('quotes.title')}
        extra={
          act && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setQuoting(true)}
              data-testid="new-quote"
            >
              {t('quotes.new')}
            </Button>
          )
        }
      >
        <QuoteList opportunityId={o.id} canAct={canWrite} />
      </Card>
      <QuoteEditor open={quoting} opportunity={o} onClose={() => setQuoting(false)} />
      <Modal
        open={losing}
        title={t('opportunities.lostReason')}
        okText={t('opportunities.markLost')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={t('common.cancel')}
        confirmLoading={lost.isPending}
        onCancel={() => setLosing(false)}
        onOk={() =>
          lost.mutate(
            { id: o.id, reason: reason.trim() },
            { onSuccess: () => setLosing(false), onError: fail },
          )
        }
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          autoSize
        />
      </Modal>
    </Space>
  );
}
