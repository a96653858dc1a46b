import { Alert, Button, Card, Empty, Flex, List, Segmented, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case } from '../../api/types.js';
import { useCan, useMe } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { CASE_FILTERS, useCases, type CaseFilter } from './cases.api.js';
import { CaseTags, SlaCountdown, useNow } from './CaseParts.js';
import { DisputeModal } from './CaseModals.js';

/** Who the case is between, as this reader may know it: the channel both names, a party its own side. */
function parties(c: Case, t: TFunction) {
  const name = (side: Case['claimant']) =>
    side?.partner?.name ?? side?.owner?.displayName ?? side?.account?.legalName ?? null;
  if (c.viewer === 'channel')
    return [name(c.claimant), name(c.holder) ?? t('cases.sideTypes.direct')].join(' ↔ ');
  return t(`cases.sides.${c.viewer}`);
}

/**
 * Conflict cases: the channel's queue (open and most urgent first, a red countdown once overdue), a
 * partner's "my cases" with a dispute action, a direct rep's cases about its customers. Cards, so a phone
 * shows them whole.
 */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const partner = !!me.user.partnerId;
  const canDecide = useCan('cases:decide');
  const canDispute = useCan('registrations:submit') && partner;
  const [filter, setFilter] = useState<CaseFilter>('active');
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const [disputing, setDisputing] = useState(false);
  const list = useCases(filter, paging);
  const now = useNow();

  const item = (c: Case) => (
    <List.Item key={c.id}>
      <Card size="small" style={{ width: '100%' }} data-testid="case" data-status={c.status}>
        <Flex vertical gap={6}>
          <Flex gap={8} wrap align="center">
            <CaseTags c={c} />
            <SlaCountdown c={c} now={now} />
          </Flex>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {parties(c, t)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('cases.timeline.opened')} · {formatDateTime(c.createdAt, i18n.language, c.timeZone)}
          </Typography.Text>
          {c.outcome && (
            <Typography.Text data-testid="case-outcome">{t(`cases.outcomes.${c.outcome}`)}</Typography.Text>
          )}
          <Flex>
            <Link to={`/cases/${c.id}`}>
              <Button size="small" type={canDecide && c.status !== 'decided' ? 'primary' : 'default'}>
                {t('cases.open')}
              </Button>
            </Link>
          </Flex>
        </Flex>
      </Card>
    </List.Item>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t(partner ? 'cases.mine' : 'cases.title')}>
        {canDispute && (
          <Button type="primary" onClick={() => setDisputing(true)} data-testid="dispute">
            {t('cases.dispute')}
          </Button>
        )}
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(partner ? 'cases.partnerIntro' : 'cases.intro')}
      </Typography.Paragraph>
      <Segmented<CaseFilter>
        value={filter}
        onChange={(next) => {
          setFilter(next);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        options={CASE_FILTERS.map((f) => ({
          value: f,
          label: t(`cases.filters.${f === 'active' ? 'open' : f}`),
        }))}
      />
      {list.error && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      <List<Case>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        renderItem={item}
        locale={{ emptyText: <Empty description={t('cases.empty')} /> }}
        pagination={
          (list.data?.total ?? 0) > paging.limit
            ? {
                current: Math.floor(paging.offset / paging.limit) + 1,
                pageSize: paging.limit,
                total: list.data?.total ?? 0,
                onChange: (page, size) => setPaging({ limit: size, offset: (page - 1) * size }),
                showTotal: (count) => t('common.total', { count }),
              }
            : false
        }
        data-testid="cases"
      />
      <DisputeModal open={disputing} onClose={() => setDisputing(false)} />
    </Space>
  );
}
