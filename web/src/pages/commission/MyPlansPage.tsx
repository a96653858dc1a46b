import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { formatMajor } from './planForm.js';
import { tierRangeText } from './planFormula.js';
import { useMyPlans, usePlanMutations, type MyPlan } from './plans.api.js';

/** One plan the caller is paid by: its version in force, tiers, targets, and the sign-off. */
function MyPlanCard({ plan }: { plan: MyPlan }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const m = usePlanMutations();
  const rules = plan.inForce?.rules;
  const latest = plan.latestPublished;
  const target = (amount: string) =>
    rules && rules.measure !== 'units' ? formatMajor(amount, rules.currency, i18n.language) : amount;
  const acknowledge = async () => {
    if (!latest) return;
    try {
      await m.acknowledge.mutateAsync({ payeeId: plan.payeeId, versionId: latest.id });
      void message.success(t('commissionPlans.my.acknowledged'));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };
  return (
    <Card
      size="small"
      data-testid="my-plan"
      title={<span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{plan.name}</span>}
      extra={<Typography.Text type="secondary">{plan.code}</Typography.Text>}
    >
      <Flex vertical gap={12}>
        {latest && !plan.acknowledgedLatest && (
          <Alert
            type="info"
            showIcon
            title={t('commissionPlans.my.pending', { version: latest.version })}
            action={
              <Popconfirm
                title={t('commissionPlans.my.acknowledgeConfirm', {
                  version: latest.version,
                  name: plan.name,
                })}
                onConfirm={() => void acknowledge()}
              >
                <Button type="primary" size="small" loading={m.acknowledge.isPending}>
                  {t('commissionPlans.my.acknowledge')}
                </Button>
              </Popconfirm>
            }
            style={{ flexWrap: 'wrap', rowGap: 8 }}
          />
        )}
        {plan.acknowledged && (
          <Tag
            color={plan.acknowledgedLatest ? 'green' : 'gold'}
            icon={<CheckCircleOutlined />}
            style={{ whiteSpace: 'normal' }}
          >
            {t('commissionPlans.signedOff', {
              version: plan.acknowledged.version,
              at: formatDateTime(plan.acknowledged.at, i18n.language),
            })}
          </Tag>
        )}
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('commissionPlans.inForce')}>
            {plan.inForce
              ? `${t('commissionPlans.versionN', { version: plan.inForce.version })} · ${plan.inForce.effectiveFrom}`
              : t('commissionPlans.noneInForce')}
          </Descriptions.Item>
          <Descriptions.Item label={t('commissionPlans.startDate')}>{plan.startDate}</Descriptions.Item>
          {plan.endDate && (
            <Descriptions.Item label={t('commissionPlans.endDate')}>{plan.endDate}</Descriptions.Item>
          )}
          {rules && (
            <Descriptions.Item label={t('commissionPlans.rules.period')}>
              {t(`commissionPlans.rules.periods.${rules.period}`)} ·{' '}
              {t(`commissionPlans.rules.modes.${rules.mode}`)}
            </Descriptions.Item>
          )}
          {rules && (
            <Descriptions.Item label={t('commissionPlans.my.rates')}>
              <Flex vertical>
                {rules.tiers.map((tier, i) => (
                  <span key={i}>
                    {t('commissionPlans.my.rateLine', { range: tierRangeText(t, tier), rate: tier.rate })}
                  </span>
                ))}
              </Flex>
            </Descriptions.Item>
          )}
        </Descriptions>
        {plan.targets.length > 0 && (
          <Descriptions size="small" column={1} bordered title={t('commissionPlans.targets')}>
            {plan.targets.map((x) => (
              <Descriptions.Item key={x.periodStart} label={x.periodStart}>
                {target(x.target)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Flex>
    </Card>
  );
}

/** A payee's own plans, to read and sign off; laid out in one column, so it reads on a phone. */
export function MyPlansPage() {
  const { t } = useTranslation();
  const list = useMyPlans();
  return (
    <Flex vertical gap={16} style={{ width: '100%', maxWidth: 720 }}>
      <PageHeader title={t('commissionPlans.my.title')} />
      {list.error && <Typography.Text type="danger">{errorText(t, list.error)}</Typography.Text>}
      {list.isLoading && <Spin />}
      {list.data?.items.length === 0 && <Empty description={t('commissionPlans.my.empty')} />}
      {list.data?.items.map((plan) => (
        <MyPlanCard key={plan.payeeId} plan={plan} />
      ))}
    </Flex>
  );
}
