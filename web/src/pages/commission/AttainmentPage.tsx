import { Card, Col, Empty, Flex, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { errorText } from '../../i18n/errorText.js';
import { EChart } from '../reports/EChart.js';
import { attainmentOption } from './attainmentChart.js';
import { attainmentColor, attainmentText, formatMoney, periodLabel } from './statementView.js';
import { usePayees, usePlans } from './plans.api.js';
import { useAttainment } from './statements.api.js';

/** The payees of a plan to choose from (finance, sales ops, a manager: its team's). */
function PayeeSelect(props: { planId: string; value?: string; onChange: (value?: string) => void }) {
  const { t } = useTranslation();
  const payees = usePayees(props.planId);
  return (
    <Select
      style={{ minWidth: 200, maxWidth: '100%' }}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value}
      loading={payees.isLoading}
      placeholder={t('statements.attainment.payee')}
      options={(payees.data?.items ?? []).map((p) => ({ value: p.id, label: p.payee.name }))}
      onChange={(value?: string) => props.onChange(value)}
      data-testid="attainment-payee"
    />
  );
}

/**
 * Attainment per period of a plan — the caller's own, one payee's, or a team's — with the 80 % alert line; the
 * running period's forecast (run rate plus stage-weighted open opportunities) is shown apart, per payee.
 */
export function AttainmentPage() {
  const { t, i18n } = useTranslation();
  // Finance and sales ops see every payee, a manager its team; a rep or a partner only itself.
  const scope = useMe().scope;
  const seesOthers = scope === 'all' || scope === 'team';
  const plans = usePlans({ limit: 100, offset: 0 });
  const planList = plans.data?.items ?? [];
  const [planId, setPlanId] = useState<string | undefined>();
  const [payeeId, setPayeeId] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const chosenPlan = planId ?? planList[0]?.id;
  const attainment = useAttainment({ planId: chosenPlan, payeeId, teamId: payeeId ? undefined : teamId });
  const series = attainment.data?.payees ?? [];
  const currency = attainment.data?.currency ?? '';
  const option = useMemo(
    () =>
      attainmentOption(attainment.data?.payees ?? [], {
        alert: t('statements.attainment.alertLine'),
        forecast: t('statements.attainment.forecast'),
      }),
    [attainment.data, t],
  );
  const money = (amount: string | null) => formatMoney(amount, currency, i18n.language);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('statements.attainment.title')} />
      <Flex gap={8} wrap>
        <Select
          style={{ minWidth: 200, maxWidth: '100%' }}
          value={chosenPlan}
          placeholder={t('statements.attainment.plan')}
          loading={plans.isLoading}
          options={planList.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(value: string) => {
            setPlanId(value);
            setPayeeId(undefined);
          }}
          data-testid="attainment-plan"
        />
        {seesOthers && (
          <>
            {chosenPlan && <PayeeSelect planId={chosenPlan} value={payeeId} onChange={setPayeeId} />}
            <TeamSelect
              style={{ minWidth: 200, maxWidth: '100%' }}
              value={teamId ?? null}
              placeholder={t('statements.attainment.team')}
              onChange={(value) => {
                setTeamId(value ?? undefined);
                if (value) setPayeeId(undefined);
              }}
            />
          </>
        )}
      </Flex>
      {!chosenPlan ? (
        <Empty
          description={plans.error ? errorText(t, plans.error) : t('statements.attainment.choosePlan')}
        />
      ) : attainment.error ? (
        <Typography.Text type="danger">{errorText(t, attainment.error)}</Typography.Text>
      ) : (
        <>
          <Card size="small" loading={attainment.isLoading}>
            {series.some((s) => s.periods.length > 0 || s.forecast) ? (
              <EChart option={option} height={320} testId="attainment-chart" />
            ) : (
              <Empty description={t('statements.attainment.empty')} />
            )}
          </Card>
          {series.every((s) => !s.forecast) && !attainment.isLoading ? (
            <Typography.Text type="secondary">{t('statements.attainment.forecastNone')}</Typography.Text>
          ) : (
            series.map((s) => {
              const f = s.forecast;
              if (!f) return null;
              return (
                <Card
                  key={s.payee.id}
                  size="small"
                  title={`${s.payee.name} · ${t('statements.attainment.forecastTitle', { period: periodLabel(f) })}`}
                  data-testid="attainment-forecast"
                >
                  <Row gutter={[16, 16]}>
                    <Col xs={12} md={6}>
                      <Statistic title={t('statements.attainment.soFar')} value={money(f.measureSoFar)} />
                      <Typography.Text type="secondary">
                        {t('statements.attainment.elapsed', { elapsed: f.elapsedDays, days: f.daysInPeriod })}
                      </Typography.Text>
                    </Col>
                    <Col xs={12} md={6}>
                      <Statistic title={t('statements.attainment.runRate')} value={money(f.runRate)} />
                    </Col>
                    <Col xs={12} md={6}>
                      <Statistic
                        title={t('statements.attainment.weighted')}
                        value={money(f.pipeline.weighted)}
                      />
                      <Typography.Text type="secondary">
                        {t('statements.attainment.opportunities', { count: f.pipeline.opportunities })}
                      </Typography.Text>
                    </Col>
                    <Col xs={12} md={6}>
                      <Statistic title={t('statements.attainment.projected')} value={money(f.projected)} />
                      <Tag color={attainmentColor(f.attainment)} data-testid="forecast-attainment">
                        {`${t('statements.attainment.projectedAttainment')} ${attainmentText(f.attainment)}`}
                      </Tag>
                    </Col>
                  </Row>
                </Card>
              );
            })
          )}
        </>
      )}
    </Space>
  );
}
