import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { OpportunityStage } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { AccountSelect } from '../accounts/AccountSelect.js';
import { useOpportunityMutations } from './activities.api.js';
import { AMOUNT_PATTERN, CURRENCIES } from './money.js';
import { ProductSelect } from './ProductSelect.js';

export const STAGES: OpportunityStage[] = ['qualify', 'propose', 'negotiate', 'commit'];

interface Values {
  accountId: string;
  name: string;
  stage: OpportunityStage;
  amount: string;
  currency: string;
  expectedClose?: Dayjs | null;
  lines?: { productId: string; quantity: number }[];
}

const FIELDS = [
  'accountId',
  'name',
  'stage',
  'amount',
  'currency',
  'expectedClose',
  'lines.*.productId',
  'lines.*.quantity',
];

/** Opens an opportunity: on the given customer (from its page), or on one chosen here. */
export function OpportunityModal(props: { open: boolean; accountId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const { create } = useOpportunityMutations();

  const submit = async (values: Values) => {
    const made = await create.mutateAsync({
      accountId: props.accountId ?? values.accountId,
      name: values.name,
      stage: values.stage,
      amount: values.amount.trim(),
      currency: values.currency,
      ...(values.expectedClose && { expectedClose: values.expectedClose.format('YYYY-MM-DD') }),
      lines: values.lines ?? [],
    });
    void message.success(t('common.saved'));
    form.resetFields();
    props.onClose();
    void navigate(`/opportunities/${made.id}`);
  };

  return (
    <FormModal<Values>
      open={props.open}
      title={t('opportunities.new')}
      okText={t('common.create')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="opportunity"
      onSubmit={submit}
      onClose={props.onClose}
    >
      {!props.accountId && (
        <Form.Item name="accountId" label={t('opportunities.account')} rules={[{ required: true }]}>
          <AccountSelect />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('opportunities.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="amount"
          label={t('opportunities.amount')}
          style={{ flex: 1 }}
          rules={[{ required: true }, { pattern: AMOUNT_PATTERN, message: t('problems.invalid_amount') }]}
        >
          <Input inputMode="decimal" placeholder="0.00" />
        </Form.Item>
        <Form.Item name="currency" label={t('opportunities.currency')} initialValue="CNY">
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} style={{ width: 96 }} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="stage" label={t('opportunities.stage')} initialValue="qualify">
        <Select options={STAGES.map((s) => ({ value: s, label: t(`opportunities.stages.${s}`) }))} />
      </Form.Item>
      <Form.Item name="expectedClose" label={t('opportunities.expectedClose')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="baseline">
                <Form.Item
                  name={[field.name, 'productId']}
                  rules={[{ required: true }]}
                  style={{ flex: 1, minWidth: 0 }}
                >
                  <ProductSelect />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} initialValue={1} rules={[{ required: true }]}>
                  <InputNumber
                    min={1}
                    precision={0}
                    style={{ width: 80 }}
                    aria-label={t('opportunities.quantity')}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('quotes.removeLine')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
              {t('opportunities.products')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
