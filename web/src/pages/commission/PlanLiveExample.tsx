import { Alert, Card, Descriptions, Flex, Form, Input, List, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommissionFormula, useLineKindText } from './PlanFormula.js';
import { formatMinor, liveExample, type ExampleInput, type RulesFormValues } from './planForm.js';

/**
 * The live example beside the plan editor: a target, sales and returns typed here, and the lines the
 * calculation makes of them under the rules as they are being edited, recomputed on every change.
 */
export function PlanLiveExample(props: { rules: RulesFormValues | undefined }) {
  const { t, i18n } = useTranslation();
  const kindText = useLineKindText();
  const [input, setInput] = useState<ExampleInput>({
    target: '1000000',
    sales: '800000',
    returns: '0',
    units: '0',
  });
  const run = useMemo(() => (props.rules ? liveExample(props.rules, input) : null), [props.rules, input]);
  const currency = props.rules?.currency ?? '';
  const money = (minor: bigint) => formatMinor(minor, currency, i18n.language);
  const field = (key: keyof ExampleInput, label: string) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Input
        aria-label={label}
        inputMode="decimal"
        value={input[key]}
        suffix={key === 'units' ? undefined : currency}
        onChange={(e) => setInput((before) => ({ ...before, [key]: e.target.value }))}
      />
    </Form.Item>
  );
  const r = run?.result;
  return (
    <Card size="small" title={t('commissionPlans.sections.example')} data-testid="live-example">
      <Typography.Paragraph type="secondary">{t('commissionPlans.example.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        {field('target', t('commissionPlans.example.target'))}
        {field('sales', t('commissionPlans.example.sales'))}
        {field('returns', t('commissionPlans.example.returns'))}
        {props.rules?.measure === 'units' && field('units', t('commissionPlans.example.units'))}
      </Form>
      {!r ? (
        <Alert type="info" showIcon title={t('commissionPlans.example.invalid')} />
      ) : (
        <Flex vertical gap={8}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('commissionPlans.example.attainment')}>
              {r.attainment === null ? '—' : `${r.attainment.replace(/(\.\d\d)\d*$/, '$1')} %`}
            </Descriptions.Item>
            <Descriptions.Item label={t('commissionPlans.example.tier')}>
              {r.tier === null ? '—' : r.tier + 1}
            </Descriptions.Item>
            <Descriptions.Item label={t('commissionPlans.example.earned')}>
              <Typography.Text strong data-testid="example-earned">
                {money(r.earned)}
              </Typography.Text>
            </Descriptions.Item>
            {r.payout !== r.earned && (
              <Descriptions.Item label={t('commissionPlans.example.payout')}>
                <span data-testid="example-payout">{money(r.payout)}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <List
            size="small"
            bordered
            dataSource={r.lines}
            renderItem={(line, i) => (
              <List.Item key={i} data-testid="example-line">
                <Flex vertical style={{ width: '100%' }}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Typography.Text strong>{kindText(line.kind)}</Typography.Text>
                    <Typography.Text strong>{money(line.amount)}</Typography.Text>
                  </Flex>
                  {(line.basis !== null || line.rate !== null) && (
                    <Typography.Text type="secondary">
                      {t('commissionPlans.example.basis')}: {line.basis === null ? '—' : money(line.basis)}
                      {' · '}
                      {t('commissionPlans.example.rate')}: {line.rate === null ? '—' : `${line.rate} %`}
                    </Typography.Text>
                  )}
                  <CommissionFormula
                    formula={line.formula}
                    currency={currency}
                    tierOn={props.rules?.tierOn}
                  />
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Card>
  );
}
