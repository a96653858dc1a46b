import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Spin, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { errorText } from '../../i18n/errorText.js';
import { baseVersion } from './PlanEditPage.js';
import { PlanRulesEditor } from './PlanRulesEditor.js';
import {
  formatMajor,
  periodStarts,
  toRules,
  toRulesValues,
  whatIfTotals,
  type RulesFormValues,
  type WhatIfPayeeTotal,
  type WhatIfRow,
} from './planForm.js';
import { usePlan, usePlanMutations, type WhatIfResult } from './plans.api.js';

/** A difference in green when the payee gains, red when it loses. */
function Difference(props: { amount: string; currency: string }) {
  const { i18n } = useTranslation();
  const sign = /^-/.test(props.amount) ? -1 : /^[0.]*$/.test(props.amount) ? 0 : 1;
  return (
    <Typography.Text type={sign > 0 ? 'success' : sign < 0 ? 'danger' : undefined} strong={sign !== 0}>
      {sign > 0 ? '+' : ''}
      {formatMajor(props.amount, props.currency, i18n.language)}
    </Typography.Text>
  );
}

/** Each payee's current and what-if earnings over the chosen periods, their difference, and the totals. */
function WhatIfTable(props: { result: WhatIfResult }) {
  const { t, i18n } = useTranslation();
  const { currency } = props.result;
  const totals = useMemo(() => whatIfTotals(props.result), [props.result]);
  const money = (amount: string | null) =>
    amount === null ? '—' : formatMajor(amount, currency, i18n.language);
  // The three amounts, the same for a payee's total and for each of its periods.
  const amounts = <
    T extends { current: string | null; whatIf: string; difference: string },
  >(): TableColumnsType<T> => [
    { title: t('commissionPlans.current'), dataIndex: 'current', align: 'right', render: money },
    { title: t('commissionPlans.whatIfEarned'), dataIndex: 'whatIf', align: 'right', render: money },
    {
      title: t('commissionPlans.difference'),
      dataIndex: 'difference',
      align: 'right',
      render: (d: string) => <Difference amount={d} currency={currency} />,
    },
  ];
  const columns: TableColumnsType<WhatIfPayeeTotal> = [
    { title: t('commissionPlans.payee'), dataIndex: 'name' },
    ...amounts<WhatIfPayeeTotal>(),
  ];
  const periodColumns: TableColumnsType<WhatIfRow> = [
    { title: t('commissionPlans.periodStart'), dataIndex: 'periodStart' },
    ...amounts<WhatIfRow>(),
  ];
  return (
    <Table
      rowKey="payeeId"
      size="small"
      data-testid="what-if-table"
      columns={columns}
      dataSource={totals.payees}
      pagination={false}
      expandable={{
        expandedRowRender: (p) => (
          <Table
            rowKey="periodStart"
            size="small"
            columns={periodColumns}
            dataSource={p.rows}
            pagination={false}
          />
        ),
      }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} />
          <Table.Summary.Cell index={1}>
            <Typography.Text strong>{t('commissionPlans.totals')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {money(totals.current)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {money(totals.whatIf)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            <Difference amount={totals.difference} currency={currency} />
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/**
 * What-if: a draft copy of the rules (the draft waiting, else the version in force) run over past periods;
 * nothing is saved.
 */
export function WhatIfPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const m = usePlanMutations();
  const [form] = Form.useForm<{ rules: RulesFormValues; periods: string[] }>();
  const [alert, setAlert] = useState<string | null>(null);
  const start = plan.data && (plan.data.versions.find((v) => v.status === 'draft') ?? baseVersion(plan.data));
  const first = plan.data && [...plan.data.versions].sort((a, b) => a.version - b.version)[0];
  const periods = useMemo(
    () =>
      start && first
        ? periodStarts(start.rules, first.effectiveFrom, dayjs().format('YYYY-MM-DD')).reverse()
        : [],
    [start, first],
  );
  const initial = useMemo(
    () =>
      start
        ? { rules: toRulesValues(start.rules), periods: periods.length > 1 ? periods.slice(1, 4) : periods }
        : null,
    [start, periods],
  );
  const back = `/commission/plans/${id}`;
  if (plan.error)
    return <LoadFailed error={plan.error} backTo="/commission/plans" backLabel={t('commissionPlans.back')} />;
  if (!plan.data || !initial) return <Spin />;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8}>
        <Link to={back}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('commissionPlans.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('commissionPlans.whatIfTitle', { code: plan.data.code })}
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary">{t('commissionPlans.whatIfIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() =>
          void (async () => {
            setAlert(null);
            const values = form.getFieldsValue(true) as { rules: RulesFormValues; periods: string[] };
            try {
              await m.whatIf.mutateAsync({
                id,
                body: { rules: toRules(values.rules), periodStarts: [...values.periods].sort() },
              });
            } catch (error) {
              setAlert(errorText(t, error));
            }
          })()
        }
      >
        <Card size="small">
          <Flex gap={12} wrap align="end">
            <Form.Item
              name="periods"
              label={t('commissionPlans.periods')}
              rules={[{ required: true }]}
              style={{ minWidth: 260, flex: 1, marginBottom: 0 }}
            >
              <Select mode="multiple" maxCount={24} options={periods.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={m.whatIf.isPending}>
              {t('commissionPlans.run')}
            </Button>
          </Flex>
          <FormAlert message={alert} placement="bottom" />
          <div style={{ marginTop: 16 }}>
            {m.whatIf.data ? (
              <WhatIfTable result={m.whatIf.data} />
            ) : (
              <Typography.Text type="secondary">{t('commissionPlans.noResults')}</Typography.Text>
            )}
          </div>
        </Card>
        <div style={{ marginTop: 16 }}>
          <PlanRulesEditor form={form} fixedCalendar />
        </div>
      </Form>
    </Flex>
  );
}
