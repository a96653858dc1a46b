import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkedMinor, fromMinor } from '../../../../src/modules/activities/money.js';
import { api } from '../../api/client.js';
import type { RegistrationSettings, UpdateRegistrationSettingsBody } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
import { amountRule } from '../../components/fieldRules.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { currencyOptions } from '../organization/zones.js';

export const registrationSettingsKey = ['registrations', 'settings'] as const;

/** The approval steps as the form edits them: amounts in the settings' currency, not minor units. */
interface RulesFormValues extends Omit<RegistrationSettings, 'approvalSteps' | 'autoApproveMax'> {
  autoApproveMax: string | undefined;
  approvalSteps: { from: string; steps: number }[];
}

const FIELDS = [
  'protectionScope',
  'currency',
  'autoApproveMax',
  'minimumAmount',
  'directFollowUpDays',
  'approvalSteps.*.from',
  'approvalSteps',
  'extensionMaxDays',
  'lookupsPerMinute',
  'reminderDays',
  'attachmentQuotaMiB',
] as const;

const toForm = (s: RegistrationSettings): RulesFormValues => ({
  ...s,
  autoApproveMax: s.autoApproveMax ?? undefined,
  approvalSteps: s.approvalSteps.map((step) => ({
    from: fromMinor(step.fromMinor, s.currency),
    steps: step.steps,
  })),
});

/** The form's values as the API takes them; amounts are checked against the currency by the form's rules. */
function toBody(values: RulesFormValues): UpdateRegistrationSettingsBody {
  const { approvalSteps, autoApproveMax, ...rest } = values;
  return {
    ...rest,
    autoApproveMax: autoApproveMax?.trim() ? autoApproveMax.trim() : null,
    approvalSteps: approvalSteps.map((step) => ({
      fromMinor: checkedMinor(step.from.trim(), values.currency),
      steps: step.steps,
    })),
    reminderDays: values.reminderDays.map(Number),
  };
}

/**
 * The organisation's registration rules: what a registration protects, the limits that decide it without a
 * reviewer, how many reviewers a large deal needs, extensions, the availability check's rate and reminders.
 * Channel managers change them; anyone else who may read them sees the form disabled.
 */
export function RegistrationRulesCard({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RulesFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const currency = Form.useWatch('currency', form);
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);
  const settings = useQuery({
    queryKey: registrationSettingsKey,
    queryFn: () => api.get<RegistrationSettings>('/api/v1/registrations/settings'),
  });
  const save = useMutation({
    mutationFn: (body: UpdateRegistrationSettingsBody) =>
      api.patch<RegistrationSettings>('/api/v1/registrations/settings', body),
    onSuccess: (saved) => {
      // The effect below puts what was saved back into the form.
      client.setQueryData(registrationSettingsKey, saved);
      void message.success(t('channelSettings.rulesSaved'));
    },
    onError: errors.show,
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toForm(settings.data));
  }, [settings.data, form]);

  // An amount must fit the chosen currency (its decimals, never negative); the server says the same.
  const amount = (required: boolean) => amountRule(t, currency ?? 'CNY', required);
  const wholeNumber = (min: number, max: number) => ({ min, max, precision: 0, style: { width: 160 } });
  const label = (key: string) => t(`channelSettings.${key}` as 'channelSettings.rules');

  return (
    <Card title={label('rules')} loading={settings.isLoading} style={{ maxWidth: 720 }}>
      {settings.error && (
        <Alert type="error" showIcon title={errorText(t, settings.error)} style={{ marginBottom: 16 }} />
      )}
      <Alert
        type="info"
        showIcon
        title={canWrite ? label('rulesHelp') : label('rulesReadOnly')}
        style={{ marginBottom: 16 }}
      />
      <FormAlert message={errors.alert} />
      <Form<RulesFormValues>
        form={form}
        layout="vertical"
        name="registration-rules"
        disabled={!canWrite}
        onFinish={(values) => save.mutate(toBody(values))}
        onValuesChange={errors.onValuesChange}
      >
        <Form.Item
          name="protectionScope"
          label={label('protectionScope')}
          extra={label('scopeHelp')}
          rules={[{ required: true }]}
        >
          <Select
            options={(['customer', 'customer_product_line'] as const).map((value) => ({
              value,
              label: t(`channelSettings.scopes.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="currency" label={label('currency')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={currencies} />
        </Form.Item>
        <Form.Item
          name="autoApproveMax"
          label={label('autoApproveMax')}
          extra={label('autoApproveMaxHelp')}
          dependencies={['currency']}
          rules={[amount(false)]}
        >
          <Input inputMode="decimal" suffix={currency} style={{ maxWidth: 280 }} />
        </Form.Item>
        <Form.Item
          name="minimumAmount"
          label={label('minimumAmount')}
          dependencies={['currency']}
          rules={[amount(true)]}
        >
          <Input inputMode="decimal" suffix={currency} style={{ maxWidth: 280 }} />
        </Form.Item>
        <Form.Item label={label('approvalSteps')} required>
          <Form.List name="approvalSteps">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap data-testid={`approval-step-${index}`}>
                    <Form.Item
                      name={[field.name, 'from']}
                      label={label('approvalFrom')}
                      dependencies={['currency']}
                      rules={[amount(true)]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input inputMode="decimal" suffix={currency} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'steps']}
                      label={label('approvalCount')}
                      rules={[{ required: true }]}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber min={1} max={5} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label={label('removeStep')}
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: 30 }}
                      />
                    )}
                  </Space>
                ))}
                {fields.length < 10 && (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ from: '', steps: Math.min(fields.length + 1, 5) })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {label('addStep')}
                  </Button>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="directFollowUpDays"
          label={label('directFollowUpDays')}
          extra={label('directFollowUpHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber {...wholeNumber(0, 3650)} />
        </Form.Item>
        <Form.Item name="extensionMaxDays" label={label('extensionMaxDays')} rules={[{ required: true }]}>
          <InputNumber {...wholeNumber(0, 3650)} />
        </Form.Item>
        <Form.Item name="lookupsPerMinute" label={label('lookupsPerMinute')} rules={[{ required: true }]}>
          <InputNumber {...wholeNumber(1, 1000)} />
        </Form.Item>
        <Form.Item
          name="reminderDays"
          label={label('reminderDays')}
          extra={label('reminderDaysHelp')}
          normalize={(value: (string | number)[]) =>
            value.map((v) => (/^\d+$/.test(String(v)) ? Number(v) : v))
          }
          rules={[
            {
              validator: (_: unknown, value: (string | number)[] | undefined) => {
                const list = value ?? [];
                const whole = (v: string | number) => typeof v === 'number' && v >= 1 && v <= 365;
                return list.length <= 5 && list.every(whole)
                  ? Promise.resolve()
                  : Promise.reject(new Error(label('reminderInvalid')));
              },
            },
          ]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item
          name="attachmentQuotaMiB"
          label={label('attachmentQuota')}
          extra={label('attachmentQuotaHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={1_048_576} precision={0} suffix="MiB" style={{ width: 200 }} />
        </Form.Item>
        {canWrite && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
