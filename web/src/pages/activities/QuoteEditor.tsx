import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useQuoteMutations } from './activities.api.js';
import { AMOUNT_PATTERN } from './money.js';
import { ProductSelect } from './ProductSelect.js';

interface LineValues {
  productId: string;
  quantity: number;
  unitPrice?: string;
  discountPercent?: string;
}

interface Values {
  validFrom?: Dayjs | null;
  validUntil: Dayjs;
  note?: string;
  lines: LineValues[];
}

const FIELDS = [
  'validFrom',
  'validUntil',
  'note',
  'lines',
  'lines.*.productId',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.discountPercent',
];

const blank = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/**
 * Drafts a quote on an opportunity: products from the catalogue (priced at list price unless a price is
 * typed), quantities and discounts. The server computes the totals, exactly; each line is a stack of fields so
 * it fits a phone.
 */
export function QuoteEditor(props: { open: boolean; opportunity: Opportunity; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const { create } = useQuoteMutations();

  const submit = async (values: Values) => {
    await create.mutateAsync({
      opportunityId: props.opportunity.id,
      ...(values.validFrom && { validFrom: values.validFrom.format('YYYY-MM-DD') }),
      validUntil: values.validUntil.format('YYYY-MM-DD'),
      ...(blank(values.note) && { note: blank(values.note) }),
      lines: values.lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        ...(blank(l.unitPrice) && { unitPrice: blank(l.unitPrice) }),
        ...(blank(l.discountPercent) && { discountPercent: blank(l.discountPercent) }),
      })),
    });
    void message.success(t('common.saved'));
    form.resetFields();
    props.onClose();
  };

  const decimal = { pattern: AMOUNT_PATTERN, message: t('problems.invalid_amount') };
  return (
    <FormModal<Values>
      open={props.open}
      title={t('quotes.new')}
      okText={t('common.create')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="quote"
      onSubmit={submit}
      onClose={props.onClose}
      width={640}
    >
      <Flex gap={8} wrap>
        <Form.Item name="validFrom" label={t('quotes.validFrom')} style={{ flex: 1, minWidth: 140 }}>
          <DatePicker style={{ width: '100%' }} inputReadOnly placeholder={dayjs().format('YYYY-MM-DD')} />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('quotes.validUntil')}
          style={{ flex: 1, minWidth: 140 }}
          rules={[{ required: true }]}
          initialValue={dayjs().add(30, 'day')}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Flex>
      <Typography.Text strong>
        {t('quotes.lines')} ({props.opportunity.currency})
      </Typography.Text>
      <Form.List
        name="lines"
        initialValue={props.opportunity.lines.map((l) => ({ productId: l.productId, quantity: l.quantity }))}
      >
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginTop: 8 }}>
            {fields.map((field, i) => (
              <Flex
                key={field.key}
                vertical
                gap={0}
                data-testid="quote-line"
                style={{ borderBottom: '1px dashed #eee' }}
              >
                <Flex gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'productId']}
                    rules={[{ required: true }]}
                    style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                  >
                    <ProductSelect aria-label={`${t('quotes.product')} ${i + 1}`} />
                  </Form.Item>
                  <MinusCircleOutlined
                    onClick={() => remove(field.name)}
                    aria-label={t('quotes.removeLine')}
                  />
                </Flex>
                <Flex gap={8} wrap>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    label={t('quotes.quantity')}
                    initialValue={1}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} precision={0} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitPrice']} label={t('quotes.unitPrice')} rules={[decimal]}>
                    <Input
                      inputMode="decimal"
                      placeholder={t('quotes.unitPriceHint')}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'discountPercent']}
                    label={t('quotes.discount')}
                    rules={[decimal]}
                  >
                    <Input inputMode="decimal" placeholder="0" style={{ width: 90 }} />
                  </Form.Item>
                </Flex>
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="add-quote-line">
              {t('quotes.addLine')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Form.Item name="note" label={t('quotes.note')} style={{ marginTop: 12 }}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
