import { ArrowLeftOutlined, CalendarOutlined, ExperimentOutlined, FileAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan, useMe } from '../../app/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { PlanIndexes } from './PlanIndexes.js';
import { PlanPayees } from './PlanPayees.js';
import { PlanTargets } from './PlanTargets.js';
import { PLAN_STATUS_COLORS } from './PlansPage.js';
import { tierRangeText, warningText } from './planFormula.js';
import { usePayees, usePlan, usePlanMutations, type PlanDetail, type PlanVersion } from './plans.api.js';

const VERSION_COLORS = { draft: 'gold', published: 'green', rejected: 'red' } as const;

/** One version in the timeline: dates, reason, tiers, who wrote and decided it, warnings, and the decision. */
function VersionItem(props: { plan: PlanDetail; version: PlanVersion; payeeName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canApprove = useCan('commission:approve');
  const m = usePlanMutations();
  const v = props.version;
  const own = v.createdBy?.id === me.user.id;
  const decide = async (verdict: 'publish' | 'reject') => {
    try {
      await m.decide.mutateAsync({ id: props.plan.id, versionId: v.id, verdict });
      void message.success(
        t(verdict === 'publish' ? 'commissionPlans.published' : 'commissionPlans.rejected', {
          version: v.version,
        }),
      );
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };
  return (
    <Flex vertical gap={4} data-testid={`version-${v.version}`}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{t('commissionPlans.versionN', { version: v.version })}</Typography.Text>
        <Tag color={VERSION_COLORS[v.status]}>{t(`commissionPlans.versionStatuses.${v.status}`)}</Tag>
        <Typography.Text>
          {t('commissionPlans.effectiveFrom')}: {v.effectiveFrom}
        </Typography.Text>
        {v.reasonCode && <Tag>{t(`commissionPlans.reasons.${v.reasonCode}`)}</Tag>}
      </Flex>
      {v.reasonNote && <Typography.Text type="secondary">{v.reasonNote}</Typography.Text>}
      <Typography.Text>
        {v.rules.tiers
          .map((tier) => t('commissionPlans.my.rateLine', { range: tierRangeText(t, tier), rate: tier.rate }))
          .join(' · ')}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('commissionPlans.author')}: {v.createdBy?.name ?? '—'} ·{' '}
        {formatDateTime(v.createdAt, i18n.language)}
        {v.decidedBy &&
          ` · ${t('commissionPlans.decided')}: ${v.decidedBy.name} · ${formatDateTime(v.decidedAt, i18n.language)}`}
      </Typography.Text>
      {v.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('commissionPlans.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {v.warnings.map((w, i) => (
                <li key={i}>
                  {warningText(t, w, props.payeeName, {
                    currency: v.rules.currency,
                    language: i18n.language,
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {v.status === 'draft' && canApprove && !own && (
        <Space wrap>
          <Popconfirm
            title={t('commissionPlans.publishConfirm', { version: v.version })}
            onConfirm={() => void decide('publish')}
          >
            <Button type="primary" loading={m.decide.isPending}>
              {t('commissionPlans.publish')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('commissionPlans.rejectConfirm', { version: v.version })}
            onConfirm={() => void decide('reject')}
          >
            <Button danger loading={m.decide.isPending}>
              {t('commissionPlans.reject')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {v.status === 'draft' && own && (
        <Typography.Text type="secondary">{t('commissionPlans.ownDraft')}</Typography.Text>
      )}
    </Flex>
  );
}

/** A plan: its versions, payees with their sign-off, the targets grid and the index values it follows. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const payees = usePayees(id);
  const canConfigure = useCan('commission:configure');
  if (plan.error)
    return <LoadFailed error={plan.error} backTo="/commission/plans" backLabel={t('commissionPlans.back')} />;
  if (!plan.data) return <Spin />;
  const p = plan.data;
  const names = new Map((payees.data?.items ?? []).map((x) => [x.id, x.payee.name]));
  const payeeName = (payeeId: string) => names.get(payeeId) ?? payeeId;
  const versions = [...p.versions].sort((a, b) => b.version - a.version);
  const draft = versions.find((v) => v.status === 'draft');
  const latest = versions[0];
  const index = (draft ?? latest)?.rules.targetIndex;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/commission/plans">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('commissionPlans.back')}
        </Button>
      </Link>
      <PageHeader title={`${p.code} · ${p.name}`}>
        <Space wrap>
          <Link to={`/commission/plans/${p.id}/periods`}>
            <Button icon={<CalendarOutlined />}>{t('commissionPlans.periodsLink')}</Button>
          </Link>
          {canConfigure && (
            <Link to={`/commission/plans/${p.id}/what-if`}>
              <Button icon={<ExperimentOutlined />}>{t('commissionPlans.whatIf')}</Button>
            </Link>
          )}
          {canConfigure && !draft && (
            <Link to={`/commission/plans/${p.id}/amend`}>
              <Button type="primary" icon={<FileAddOutlined />}>
                {t('commissionPlans.amend')}
              </Button>
            </Link>
          )}
        </Space>
      </PageHeader>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered>
        <Descriptions.Item label={t('commissionPlans.status')}>
          <Tag color={PLAN_STATUS_COLORS[p.status]}>{t(`commissionPlans.statuses.${p.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('commissionPlans.payeeType')}>
          {t(`commissionPlans.payeeTypes.${p.payeeType}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('commissionPlans.inForce')}>
          {p.currentVersion === null
            ? t('commissionPlans.noneInForce')
            : t('commissionPlans.versionN', { version: p.currentVersion })}
        </Descriptions.Item>
        <Descriptions.Item label={t('commissionPlans.rules.currency')}>
          {latest?.rules.currency}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('commissionPlans.versions')}>
        <Timeline
          items={versions.map((v) => ({
            key: v.id,
            color: VERSION_COLORS[v.status],
            content: <VersionItem plan={p} version={v} payeeName={payeeName} />,
          }))}
        />
      </Card>
      <PlanPayees plan={p} payees={payees.data?.items ?? []} loading={payees.isLoading} />
      {(draft ?? latest) && (
        <PlanTargets plan={p} version={(draft ?? latest)!} payees={payees.data?.items ?? []} />
      )}
      {index && canConfigure && <PlanIndexes code={index.code} />}
    </Space>
  );
}
