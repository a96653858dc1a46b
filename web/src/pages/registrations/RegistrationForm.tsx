import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { phoneListRule } from '../../components/fieldRules.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { splitList } from '../accounts/accountForm.js';
import { IndustryField, RegionField } from '../accounts/PlaceFields.js';
import { AMOUNT_PATTERN, CURRENCIES, formatAmount } from '../activities/money.js';
import { STAGES } from '../activities/OpportunityModal.js';
import { ProductSelect } from '../activities/ProductSelect.js';
import {
  REGISTRATION_FORM_FIELDS,
  sumAmounts,
  withFormFields,
  type RegistrationFormValues,
} from './registrationForm.js';

const half = { xs: 24, md: 12 } as const;

/**
 * The end customer and the opportunity, for a new registration, a draft or one returned for information.
 * `onSave` gets the values and whether to submit them; what it throws is shown under the fields it names,
 * in the reader's language.
 */
export function RegistrationForm(props: {
  initial?: RegistrationFormValues;
  submitLabel: string;
  saving: boolean;
  onSave: (values: RegistrationFormValues, submit: boolean) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RegistrationFormValues>();
  const errors = useFormErrors(form, REGISTRATION_FORM_FIELDS);
  const lines = Form.useWatch('lines', form);
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const total = sumAmounts((lines ?? []).map((l) => l?.amount ?? ''));

  const save = async (submit: boolean) => {
    errors.clear();
    try {
      if (submit) await form.validateFields();
      await props.onSave(form.getFieldsValue(true) as RegistrationFormValues, submit);
    } catch (error) {
      // A field the browser already marked stays marked; the server's problems go under their fields.
      if (!(error && typeof error === 'object' && 'errorFields' in error)) errors.show(withFormFields(error));
    }
  };

  return (
    <Form<RegistrationFormValues>
      form={form}
      layout="vertical"
      name="registration"
      initialValues={
        props.initial ?? {
          currency: 'CNY',
          stage: 'qualify',
          lines: [{ quantity: 1 }],
          competitors: [],
        }
      }
      onValuesChange={(changed: object) => errors.onValuesChange(changed)}
      onFinish={() => void save(true)}
    >
      <Typography.Title level={5}>{t('registrations.portal.customer')}</Typography.Title>
      <Form.Item
        name="legalName"
        label={t('registrations.fields.legalName')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="uscc" label={t('registrations.fields.uscc')}>
            <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phones"
            label={t('registrations.fields.phone')}
            extra={t('accounts.listHelp')}
            rules={[phoneListRule(t, splitList)]}
          >
            <Input type="tel" maxLength={400} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <RegionField />
        </Col>
        <Col {...half}>
          <IndustryField />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="street" label={t('accounts.street')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="website" label={t('accounts.website')}>
            <Input maxLength={200} inputMode="url" />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5}>{t('registrations.portal.deal')}</Typography.Title>
      <Form.Item
        name="name"
        label={t('registrations.fields.name')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="currency" label={t('registrations.fields.currency')} rules={[{ required: true }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="stage" label={t('registrations.portal.stage')}>
            <Select options={STAGES.map((s) => ({ value: s, label: t(`opportunities.stages.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="expectedClose"
            label={t('registrations.fields.expectedClose')}
            rules={[{ required: true }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                data-testid={`line-${index}`}
                styles={{ body: { paddingBottom: 0 } }}
                extra={
                  fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('registrations.portal.removeLine')}
                      onClick={() => remove(field.name)}
                    />
                  ) : null
                }
                title={`${t('registrations.fields.product')} ${index + 1}`}
              >
                <Form.Item
                  name={[field.name, 'productId']}
                  label={t('registrations.fields.product')}
                  rules={[{ required: true }]}
                >
                  <ProductSelect style={{ width: '100%' }} />
                </Form.Item>
                <Row gutter={8}>
                  <Col span={10}>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      label={t('registrations.fields.quantity')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item
                      name={[field.name, 'amount']}
                      label={t('registrations.fields.amount')}
                      rules={[
                        { required: true, whitespace: true },
                        { pattern: AMOUNT_PATTERN, message: t('problems.invalid_amount') },
                      ]}
                    >
                      <Input inputMode="decimal" autoComplete="off" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="add-line">
                {t('registrations.portal.addLine')}
              </Button>
              {total && (
                <Typography.Text strong data-testid="registration-total">
                  {t('registrations.portal.total')}: {formatAmount(total, currency, i18n.language)}
                </Typography.Text>
              )}
            </Flex>
          </Flex>
        )}
      </Form.List>
      <Form.Item
        name="competitors"
        label={t('registrations.portal.competitors')}
        extra={t('registrations.portal.competitorsHelp')}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>

      <Typography.Title level={5}>{t('registrations.portal.customerContact')}</Typography.Title>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="contactName" label={t('registrations.portal.contactName')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactMobile" label={t('registrations.portal.contactMobile')}>
            <Input type="tel" maxLength={40} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactEmail" label={t('registrations.portal.contactEmail')}>
            <Input type="email" maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactTitle" label={t('registrations.portal.contactTitle')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('registrations.portal.note')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <FormAlert message={errors.alert} placement="bottom" />
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={props.saving} data-testid="submit-registration">
          {props.submitLabel}
        </Button>
        <Button onClick={() => void save(false)} disabled={props.saving} data-testid="save-draft">
          {t('registrations.portal.saveDraft')}
        </Button>
      </Flex>
    </Form>
  );
}
