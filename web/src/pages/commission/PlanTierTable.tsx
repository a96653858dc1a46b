import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Button, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERCENT_PATTERN } from '../../../../src/modules/commission/rules.js';
import { loose } from '../../i18n/errorText.js';
import { tierRowProblems, type TierRow } from './planForm.js';

/** The button under a list of rows (tiers, product rates, bonuses) that adds one. */
export function AddRow(props: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="dashed" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={props.onClick}>
      {props.children}
    </Button>
  );
}

const percentRule = (message: string, required: boolean) => ({
  validator: (_: unknown, value: string | undefined) => {
    const v = (value ?? '').trim();
    if ((v === '' && !required) || PERCENT_PATTERN.test(v)) return Promise.resolve();
    return Promise.reject(new Error(message));
  },
});

/**
 * The tier table: one row per band (from, to, whether each bound is included, rate), rows added and removed.
 * Gaps and overlaps are shown on the row at fault as the user types, by the server's own check.
 */
export function PlanTierTable(props: { tiers: readonly TierRow[] | undefined; disabled?: boolean }) {
  const { t } = useTranslation();
  const problems = tierRowProblems((props.tiers ?? []).filter(Boolean));
  const invalid = t('commissionPlans.tiers.invalid');
  return (
    <Form.List name={['rules', 'tiers']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} data-testid="tier-table">
          {fields.map((field, index) => {
            const rowProblems = problems.get(index) ?? [];
            const bad = (f: string) => (rowProblems.some((p) => p.field === f) ? 'error' : undefined);
            return (
              <div key={field.key} data-testid={`tier-row-${index}`}>
                <Flex gap={6} wrap align="start">
                  <Typography.Text strong style={{ width: 20, lineHeight: '32px' }}>
                    {index + 1}
                  </Typography.Text>
                  <Form.Item
                    name={[field.name, 'from']}
                    rules={[percentRule(invalid, true)]}
                    style={{ marginBottom: 0, width: 110 }}
                  >
                    <Input
                      aria-label={`${t('commissionPlans.tiers.from')} ${index + 1}`}
                      prefix={t('commissionPlans.tiers.from')}
                      status={bad('from')}
                      disabled={props.disabled}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'includesFrom']}
                    valuePropName="checked"
                    style={{ marginBottom: 0 }}
                  >
                    <Checkbox
                      aria-label={`${t('commissionPlans.tiers.from')} ${index + 1} ${t('commissionPlans.tiers.includesFrom')}`}
                      disabled={props.disabled}
                      style={{ lineHeight: '32px' }}
                    >
                      {t('commissionPlans.tiers.includesFrom')}
                    </Checkbox>
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'to']}
                    rules={[percentRule(invalid, false)]}
                    style={{ marginBottom: 0, width: 140 }}
                  >
                    <Input
                      aria-label={`${t('commissionPlans.tiers.to')} ${index + 1}`}
                      prefix={t('commissionPlans.tiers.to')}
                      placeholder={t('commissionPlans.tiers.toOpen')}
                      status={bad('to')}
                      disabled={props.disabled}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'includesTo']}
                    valuePropName="checked"
                    style={{ marginBottom: 0 }}
                  >
                    <Checkbox
                      aria-label={`${t('commissionPlans.tiers.to')} ${index + 1} ${t('commissionPlans.tiers.includesTo')}`}
                      disabled={props.disabled}
                      style={{ lineHeight: '32px' }}
                    >
                      {t('commissionPlans.tiers.includesTo')}
                    </Checkbox>
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'rate']}
                    rules={[percentRule(invalid, true)]}
                    style={{ marginBottom: 0, width: 120 }}
                  >
                    <Input
                      aria-label={`${t('commissionPlans.tiers.rate')} ${index + 1}`}
                      suffix="%"
                      disabled={props.disabled}
                    />
                  </Form.Item>
                  {!props.disabled && fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={`${t('commissionPlans.tiers.remove')} ${index + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Flex>
                {rowProblems.map((p) => (
                  <Typography.Text
                    key={`${p.field}-${p.code}`}
                    type="danger"
                    role="alert"
                    data-testid={`tier-problem-${index}`}
                    style={{ display: 'block', paddingInlineStart: 26 }}
                  >
                    {loose(t)(`problems.${p.code}`, { defaultValue: p.message })}
                  </Typography.Text>
                ))}
              </div>
            );
          })}
          {!props.disabled && (
            <AddRow
              onClick={() => {
                const last = props.tiers?.[props.tiers.length - 1];
                add({ from: last?.to ?? '', to: '', includesFrom: true, includesTo: false, rate: '' });
              }}
            >
              {t('commissionPlans.tiers.add')}
            </AddRow>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
