import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Registration, RegistrationTimeline } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useProducts } from '../activities/activities.api.js';
import { formatAmount } from '../activities/money.js';
import { MatchEvidence } from './MatchEvidence.js';
import { RegistrationActions } from './RegistrationActions.js';
import { RegistrationAttachments } from './RegistrationAttachments.js';
import { ProtectionCountdown, RefusalText, RegistrationStatusTag } from './RegistrationBits.js';
import { useRegistration, useRegistrationTimeline } from './registrations.api.js';
import { timelineSteps } from './registrationStatus.js';

function StatusTimeline({
  registration,
  timeline,
}: {
  registration: Registration;
  timeline: RegistrationTimeline;
}) {
  const { t, i18n } = useTranslation();
  const steps = timelineSteps(timeline, registration);
  return (
    <div data-testid="registration-timeline">
      <Timeline
        items={steps.map((s, i) =>
          s.kind === 'pending'
            ? {
                key: `pending-${i}`,
                color: 'gray',
                loading: true,
                content: (
                  <Typography.Text type="secondary" data-testid="timeline-pending">
                    {loose(t)(`registrations.timeline.${s.key}`, s.params)}
                  </Typography.Text>
                ),
              }
            : {
                key: `${s.at}-${i}`,
                color: s.color,
                content: (
                  <Flex vertical data-testid="timeline-step" data-key={s.key}>
                    <Typography.Text strong>
                      {loose(t)(`registrations.timeline.${s.key}`, s.params)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(s.at, i18n.language)}
                    </Typography.Text>
                    {s.reason && (
                      <Typography.Text style={{ wordBreak: 'break-word' }}>“{s.reason}”</Typography.Text>
                    )}
                  </Flex>
                ),
              },
        )}
      />
    </div>
  );
}

function Deal({ registration: r }: { registration: Registration }) {
  const { t, i18n } = useTranslation();
  const products = useProducts({ active: true, limit: 200, offset: 0 });
  const nameOf = (id: string) => products.data?.items.find((p) => p.id === id)?.name ?? '…';
  const contact = r.customerContact;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'deal', label: t('registrations.fields.name'), children: r.name },
        {
          key: 'amount',
          label: t('registrations.portal.amount'),
          children: (
            <span data-testid="registration-amount">{formatAmount(r.amount, r.currency, i18n.language)}</span>
          ),
        },
        { key: 'close', label: t('registrations.fields.expectedClose'), children: r.expectedClose },
        {
          key: 'stage',
          label: t('registrations.portal.stage'),
          children: t(`opportunities.stages.${r.stage}`),
        },
        {
          key: 'products',
          label: t('registrations.portal.products'),
          children: (
            <Flex vertical>
              {r.lines.map((l, i) => (
                <span key={i} style={{ wordBreak: 'break-word' }}>
                  {nameOf(l.productId)} × {l.quantity} · {formatAmount(l.amount, r.currency, i18n.language)}
                </span>
              ))}
            </Flex>
          ),
        },
        {
          key: 'competitors',
          label: t('registrations.portal.competitors'),
          children: r.competitors.join('、') || '—',
        },
        {
          key: 'contact',
          label: t('registrations.portal.customerContact'),
          children: contact
            ? [contact.name, contact.title, contact.mobile, contact.email].filter(Boolean).join(' · ')
            : '—',
        },
        { key: 'uscc', label: t('registrations.fields.uscc'), children: r.customer.uscc || '—' },
      ]}
    />
  );
}

/**
 * One registration: its status and protection countdown, why it was refused or returned, the deal, the
 * timeline, and what the reader may do. The channel also sees the match evidence side by side.
 */
export function RegistrationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const canReview = useCan('registrations:review');
  const registration = useRegistration(id);
  const timeline = useRegistrationTimeline(id);
  if (registration.error)
    return (
      <LoadFailed
        error={registration.error}
        backTo="/registrations"
        backLabel={t('registrations.portal.back')}
      />
    );
  if (!registration.data) return <Spin />;
  const r = registration.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" gap={8} wrap>
        <Link to={canReview ? '/registration-queue' : '/registrations'}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('registrations.portal.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word', minWidth: 0 }}>
          {r.customer.legalName}
        </Typography.Title>
        <RegistrationStatusTag status={r.status} />
      </Flex>
      {r.daysLeft !== null && <ProtectionCountdown registration={r} />}
      {r.refusal && (
        <Alert
          type="error"
          showIcon
          title={t('registrations.portal.refusedTitle')}
          description={<RefusalText refusal={r.refusal} />}
        />
      )}
      {r.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={t('registrations.portal.returnedTitle')}
          description={t('registrations.portal.returnedHelp')}
        />
      )}
      {r.extension?.status === 'pending' && (
        <Alert type="info" showIcon title={t('registrations.portal.extensionPending', r.extension)} />
      )}
      <RegistrationActions registration={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('registrations.portal.deal')}>
              <Deal registration={r} />
            </Card>
            <RegistrationAttachments registration={r} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('registrations.portal.timeline')}>
            {timeline.data ? <StatusTimeline registration={r} timeline={timeline.data} /> : <Spin />}
          </Card>
        </Col>
      </Row>
      {canReview && timeline.data && <MatchEvidence registration={r} timeline={timeline.data} />}
    </Space>
  );
}
