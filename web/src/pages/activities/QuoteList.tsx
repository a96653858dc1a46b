import { App, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Quote, QuoteStatus } from '../../api/types.js';
import { errorText } from '../../i18n/errorText.js';
import { useQuoteMutations, useQuotes } from './activities.api.js';
import { formatAmount } from './money.js';

const STATUS_COLORS: Record<QuoteStatus, string> = {
  draft: 'default',
  sent: 'processing',
  accepted: 'success',
  rejected: 'error',
  expired: 'warning',
};

/** An opportunity's quotes, each a card (a phone shows it whole) with the step it can take next. */
export function QuoteList({ opportunityId, canAct }: { opportunityId: string; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const quotes = useQuotes(opportunityId);
  const { send, decide } = useQuoteMutations();
  const money = (amount: string, q: Quote) => formatAmount(amount, q.currency, i18n.language);
  const fail = (error: unknown) => void message.error(errorText(t, error));

  const sendQuote = (q: Quote) =>
    send.mutate(q.id, {
      onSuccess: (result) => {
        if (result.alerts.length === 0) void message.success(t('quotes.sent'));
        else
          void modal.warning({
            title: t('overlaps.title'),
            content: t('quotes.sentWithAlerts', { count: result.alerts.length }),
          });
      },
      onError: fail,
    });

  const item = (q: Quote) => (
    <List.Item key={q.id}>
      <Card size="small" style={{ width: '100%' }} data-testid="quote" data-status={q.status}>
        <Flex vertical gap={6}>
          <Flex gap={8} wrap align="center">
            <Tag color={STATUS_COLORS[q.status]}>{t(`quotes.statuses.${q.status}`)}</Tag>
            <Typography.Text strong data-testid="quote-total">
              {t('quotes.total')}: {money(q.total, q)}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary">
            {t('quotes.validity')}: {q.validFrom} – {q.validUntil}
          </Typography.Text>
          {q.lines.map((l, i) => (
            <Typography.Text key={i} style={{ wordBreak: 'break-word' }}>
              {l.code} {l.name} × {l.quantity} @ {money(l.unitPrice, q)}
              {l.discountPercent !== '0' ? ` −${l.discountPercent}%` : ''} = {money(l.total, q)}
            </Typography.Text>
          ))}
          {(q.team || q.byPartner) && (
            <Typography.Text type="secondary">
              {t('quotes.team')}: {q.byPartner ? t('quotes.partner') : q.team?.name}
            </Typography.Text>
          )}
          {q.note && <Typography.Text type="secondary">{q.note}</Typography.Text>}
          {canAct && (q.status === 'draft' || q.status === 'sent') && (
            <Flex gap={8} wrap>
              {q.status === 'draft' && (
                <Button
                  type="primary"
                  size="small"
                  loading={send.isPending}
                  onClick={() => sendQuote(q)}
                  data-testid="send-quote"
                >
                  {t('quotes.send')}
                </Button>
              )}
              {q.status === 'sent' && (
                <>
                  <Button
                    size="small"
                    onClick={() => decide.mutate({ id: q.id, outcome: 'accept' }, { onError: fail })}
                  >
                    {t('quotes.accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => decide.mutate({ id: q.id, outcome: 'reject' }, { onError: fail })}
                  >
                    {t('quotes.reject')}
                  </Button>
                </>
              )}
            </Flex>
          )}
        </Flex>
      </Card>
    </List.Item>
  );

  if (quotes.error) return <Typography.Text type="danger">{errorText(t, quotes.error)}</Typography.Text>;
  if (quotes.data?.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quotes.empty')} />;
  return (
    <List loading={quotes.isPending} dataSource={quotes.data?.items ?? []} renderItem={item} split={false} />
  );
}
