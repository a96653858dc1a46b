import { DeleteOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  type FormInstance,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  BASES,
  MEASURES,
  MODES,
  PAY_ON,
  PERCENT_PATTERN,
  PERIODS,
} from '../../../../src/modules/commission/rules.js';
import { CURRENCIES } from '../activities/money.js';
import { ProductSelect } from '../activities/ProductSelect.js';
import { useCatalogueLines } from '../territories/parties.js';
import { PlanLiveExample } from './PlanLiveExample.js';
import { AddRow, PlanTierTable } from './PlanTierTable.js';
import type { RulesFormValues } from './planForm.js';

const AMOUNT = /^\d{1,15}(\.\d{1,4})?$/;

/**
 * The rules of a plan version as a form section (`rules.*` of the enclosing form), with the live example
 * beside it. Used to create a plan, to amend one and for a what-if's draft copy.
 */
export function PlanRulesEditor(props: {
  form: FormInstance;
  /** An amendment (and a what-if) keeps the plan's currency and calendar: shown, not editable. */
  fixedCalendar?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const rules = Form.useWatch('rules', { form: props.form, preserve: true }) as RulesFormValues | undefined;
  const lines = useCatalogueLines();
  const tr = (key: string) => t(`commissionPlans.rules.${key}` as 'commissionPlans.rules.currency');
  const options = <T extends string>(values: readonly T[], group: string) =>
    values.map((value) => ({ value, label: tr(`${group}.${value}`) }));
  const percentRule = { pattern: PERCENT_PATTERN, message: t('commissionPlans.tiers.invalid') };
  const amountRule = { pattern: AMOUNT, message: t('problems.invalid_format') };
  const half = { xs: 24, sm: 12 };
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: i + 1,
    label: new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, i, 1)),
    ),
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Flex vertical gap={16}>
          <Card size="small" title={t('commissionPlans.sections.basis')}>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name={['rules', 'currency']} label={tr('currency')} rules={[{ required: true }]}>
                  <Select
                    options={CURRENCIES.map((c) => ({ value: c, label: c }))}
                    disabled={props.fixedCalendar}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'period']} label={tr('period')}>
                  <Select options={options(PERIODS, 'periods')} disabled={props.fixedCalendar} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'yearStartMonth']} label={tr('yearStartMonth')}>
                  <Select options={months} disabled={props.fixedCalendar} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'measure']} label={tr('measure')}>
                  <Select options={options(MEASURES, 'measures')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'payOn']} label={tr('payOn')}>
                  <Select options={options(PAY_ON, 'measures')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'basis']} label={tr('basis')}>
                  <Select options={options(BASES, 'bases')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'returns']} label={tr('returns')}>
                  <Select options={options(['netted', 'excluded'] as const, 'returnsModes')} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name={['rules', 'includeOverlay']}
                  label={tr('includeOverlay')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('commissionPlans.sections.tiers')}>
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item name={['rules', 'mode']} label={tr('mode')}>
                  <Select options={options(MODES, 'modes')} popupMatchSelectWidth={false} />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name={['rules', 'attainment']} label={tr('attainment')}>
                  <Select options={options(['period', 'year_to_date'] as const, 'attainments')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name={['rules', 'tierOn']} label={tr('tierOn')}>
                  <Select
                    options={options(['attainment', 'volume'] as const, 'tierOns')}
                    popupMatchSelectWidth={false}
                  />
                </Form.Item>
              </Col>
            </Row>
            <PlanTierTable tiers={rules?.tiers} />
          </Card>

          <Card size="small" title={t('commissionPlans.sections.extras')}>
            <Form.List name={['rules', 'productRates']}>
              {(fields, { add, remove }) => (
                <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                  <strong>{t('commissionPlans.productRates.title')}</strong>
                  {fields.map((field, index) => {
                    const kind = rules?.productRates?.[index]?.kind ?? 'product';
                    return (
                      <Flex key={field.key} gap={6} wrap align="start">
                        <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 0, width: 120 }}>
                          <Select
                            aria-label={t('commissionPlans.productRates.kind')}
                            options={(['product', 'line'] as const).map((k) => ({
                              value: k,
                              label: t(`commissionPlans.productRates.kinds.${k}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'id']}
                          rules={[{ required: true, message: t('problems.product_or_line') }]}
                          style={{ marginBottom: 0, minWidth: 200, flex: 1 }}
                        >
                          {kind === 'product' ? (
                            <ProductSelect aria-label={t('commissionPlans.productRates.product')} />
                          ) : (
                            <Select
                              aria-label={t('commissionPlans.productRates.productLine')}
                              showSearch
                              optionFilterProp="label"
                              options={(lines.data?.items ?? []).map((l) => ({
                                value: l.id,
                                label: `${l.code} ${i18n.language === 'en' ? l.nameEn : l.nameZh}`,
                              }))}
                            />
                          )}
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'rate']}
                          rules={[{ required: true, ...percentRule }]}
                          style={{ marginBottom: 0, width: 110 }}
                        >
                          <Input aria-label={t('commissionPlans.productRates.rate')} suffix="%" />
                        </Form.Item>
                        <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                      </Flex>
                    );
                  })}
                  <AddRow onClick={() => add({ kind: 'product', rate: '' })}>
                    {t('commissionPlans.productRates.add')}
                  </AddRow>
                </Flex>
              )}
            </Form.List>
            <Form.List name={['rules', 'bonuses']}>
              {(fields, { add, remove }) => (
                <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                  <strong>{t('commissionPlans.bonuses.title')}</strong>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={6} wrap align="start">
                      <Form.Item
                        name={[field.name, 'atLeast']}
                        rules={[{ required: true, ...percentRule }]}
                        style={{ marginBottom: 0, width: 180 }}
                      >
                        <Input aria-label={t('commissionPlans.bonuses.atLeast')} prefix="≥" suffix="%" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'amount']}
                        rules={[{ required: true, ...amountRule }]}
                        style={{ marginBottom: 0, width: 200 }}
                      >
                        <Input aria-label={t('commissionPlans.bonuses.amount')} suffix={rules?.currency} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Flex>
                  ))}
                  <AddRow onClick={() => add({ atLeast: '100', amount: '' })}>
                    {t('commissionPlans.bonuses.add')}
                  </AddRow>
                </Flex>
              )}
            </Form.List>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name={['rules', 'cap']} label={tr('cap')} rules={[amountRule]}>
                  <Input placeholder={tr('noLimit')} suffix={rules?.currency} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['rules', 'floor']} label={tr('floor')} rules={[amountRule]}>
                  <Input placeholder={tr('noLimit')} suffix={rules?.currency} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['rules', 'pool', 'enabled']} label={tr('bonusPool')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {rules?.pool?.enabled && (
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name={['rules', 'pool', 'amount']}
                    label={tr('poolAmount')}
                    rules={[{ required: true, ...amountRule }]}
                  >
                    <Input suffix={rules.currency} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item
                    name={['rules', 'pool', 'atLeast']}
                    label={tr('poolAtLeast')}
                    rules={[{ required: true, ...percentRule }]}
                  >
                    <Input suffix="%" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={['rules', 'pool', 'split']} label={tr('poolSplit')}>
                    <Select options={options(['equal', 'measure'] as const, 'splits')} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Card>

          <Card size="small" title={t('commissionPlans.sections.settlement')}>
            <Form.Item name={['rules', 'draw', 'enabled']} label={tr('draw')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {rules?.draw?.enabled && (
              <Row gutter={12}>
                <Col {...half}>
                  <Form.Item
                    name={['rules', 'draw', 'amount']}
                    label={tr('drawAmount')}
                    rules={[{ required: true, ...amountRule }]}
                  >
                    <Input suffix={rules.currency} />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name={['rules', 'draw', 'recoverable']} valuePropName="checked" label=" ">
                    <Checkbox>{tr('recoverable')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            )}
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name={['rules', 'graceDays']} label={tr('graceDays')}>
                  <InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item name={['rules', 'clawbackPolicy']} label={tr('clawbackPolicy')}>
                  <Select
                    options={options(['paid_rate', 'recompute'] as const, 'clawbackPolicies')}
                    popupMatchSelectWidth={false}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={6}>
                <Form.Item name={['rules', 'windowDays']} label={tr('windowDays')}>
                  <InputNumber min={0} max={3660} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['rules', 'allowNegative']} label={tr('allowNegative')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={['rules', 'index', 'enabled']} label={tr('targetIndex')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {rules?.index?.enabled && (
              <Row gutter={12}>
                <Col {...half}>
                  <Form.Item
                    name={['rules', 'index', 'code']}
                    label={tr('indexCode')}
                    rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/ }]}
                  >
                    <Input placeholder="CPI" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item
                    name={['rules', 'index', 'basePeriod']}
                    label={tr('basePeriod')}
                    rules={[{ required: true, pattern: /^\d{4}-\d{2}-01$/ }]}
                  >
                    <Input placeholder="2026-01-01" />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Card>
        </Flex>
      </Col>
      <Col xs={24} xl={9}>
        <div style={{ position: 'sticky', top: 16 }}>
          <PlanLiveExample rules={rules} />
        </div>
      </Col>
    </Row>
  );
}
