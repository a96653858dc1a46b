import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DecisionModal } from '../decisions/DecisionModal.js';
import { useCase, useCaseMutations } from './cases.api.js';
import { DecideCaseModal } from './CaseModals.js';
import { CaseSideCard, CaseTags, CaseTimeline, SlaCountdown, useNow } from './CaseParts.js';

/**
 * One case: its deadlines, its timeline, and the evidence of both sides next to each other (one above the
 * other on a phone) for the channel; a party sees its own side and the outcome. The channel takes it up
 * and decides; the claiming partner may withdraw it.
 */
export function CasePage() {
  const { id } = useParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const found = useCase(id);
  const canDecide = useCan('cases:decide');
  const { takeUp, withdraw } = useCaseMutations();
  const [deciding, setDeciding] = useState(false);
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const now = useNow();

  if (found.isPending) return <Spin />;
  if (found.error || !found.data) return <Alert type="error" showIcon title={errorText(t, found.error)} />;
  const c = found.data;
  const open = c.status === 'open' || c.status === 'under_review';
  const when = (iso: string | null) => formatDateTime(iso, i18n.language, c.timeZone);
  const fail = (error: unknown) => void message.error(errorText(t, error));
  const sides = [
    c.claimant && {
      key: 'claimant',
      side: c.claimant,
      title: t(c.viewer === 'channel' ? 'cases.sides.claimant' : 'cases.sides.yours'),
    },
    c.holder && {
      key: 'holder',
      side: c.holder,
      title: t(c.viewer === 'channel' ? 'cases.sides.holder' : 'cases.sides.yours'),
    },
  ].filter((s) => !!s);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
      <Link to="/cases">← {t('cases.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cases.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          {canDecide && c.status === 'open' && (
            <Button
              onClick={() =>
                void takeUp.mutateAsync(c.id).then(() => void message.success(t('cases.takenUp')), fail)
              }
              loading={takeUp.isPending}
              data-testid="take-up"
            >
              {t('cases.takeUp')}
            </Button>
          )}
          {canDecide && open && (
            <Button type="primary" onClick={() => setDeciding(true)} data-testid="decide">
              {t('cases.decide')}
            </Button>
          )}
          {c.viewer === 'claimant' && open && (
            <Popconfirm
              title={t('cases.withdrawConfirm')}
              okText={t('cases.withdraw')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                void withdraw.mutateAsync(c.id).then(() => void message.success(t('cases.withdrawn')), fail)
              }
            >
              <Button danger data-testid="withdraw-case">
                {t('cases.withdraw')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <CaseTags c={c} />
        <SlaCountdown c={c} now={now} />
        {c.escalatedAt && <Tag color="red">{t('cases.due.escalated', { at: when(c.escalatedAt) })}</Tag>}
      </Flex>
      {open && (
        <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
          {t('cases.due.respondBy')}: {when(c.respondBy)} · {t('cases.due.decideBy')}: {when(c.decideBy)}
        </Typography.Text>
      )}
      {c.outcome && (
        <Alert
          type={c.outcome === 'dismissed' ? 'info' : 'success'}
          showIcon
          data-testid="case-decision"
          title={t(`cases.outcomes.${c.outcome}`)}
          description={
            <Flex vertical gap={4}>
              {c.decisionReason && (
                <Typography.Text style={{ wordBreak: 'break-word' }}>
                  {t('cases.fields.decisionReason')}: {c.decisionReason}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">{when(c.decidedAt)}</Typography.Text>
              {c.decisionId && (
                <Button
                  size="small"
                  style={{ alignSelf: 'start' }}
                  onClick={() => setDecisionId(c.decisionId)}
                >
                  {t('cases.fields.openDecision')}
                </Button>
              )}
            </Flex>
          }
        />
      )}
      {c.reason && (
        <Card size="small" title={t('cases.fields.reason')}>
          <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>
            {c.reason}
          </Typography.Paragraph>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {sides.map((s) => (
          <Col key={s.key} xs={24} md={sides.length > 1 ? 12 : 24}>
            <CaseSideCard side={s.side} title={s.title} timeZone={c.timeZone} />
          </Col>
        ))}
      </Row>
      {c.viewer === 'channel' && !c.holder && (
        <Typography.Text type="secondary">{t('cases.noOtherSide')}</Typography.Text>
      )}
      {c.match?.decisionId && (
        <Button onClick={() => setDecisionId(c.match!.decisionId)} style={{ alignSelf: 'start' }}>
          {t('cases.fields.openMatch')}
        </Button>
      )}
      <Card size="small" title={t('cases.progress')}>
        <CaseTimeline c={c} />
      </Card>
      <DecideCaseModal c={deciding ? c : null} onClose={() => setDeciding(false)} />
      <DecisionModal id={decisionId} onClose={() => setDecisionId(null)} />
    </Space>
  );
}
