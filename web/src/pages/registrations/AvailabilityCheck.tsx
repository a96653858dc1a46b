import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errorText.js';
import { RefusalText } from './RegistrationBits.js';
import { useAvailability } from './registrations.api.js';
import { toAvailabilityBody } from './registrationForm.js';

interface Values {
  legalName?: string;
  uscc?: string;
  phones?: string;
}

/**
 * "Is this customer available to me?": asked only when the partner presses the button (the server counts
 * lookups), answered as available, "protected until <date>" or "direct customer" — never who holds it.
 */
export function AvailabilityCheck() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const check = useAvailability();
  const answer = check.data;
  return (
    <Card size="small" title={t('registrations.availability')} data-testid="availability">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('registrations.portal.checkHelp')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="availability"
        onValuesChange={() => check.reset()}
        onFinish={(values) => {
          const body = toAvailabilityBody(values);
          if (body) check.mutate(body);
        }}
      >
        <Row gutter={8}>
          <Col xs={24} md={10}>
            <Form.Item
              name="legalName"
              label={t('registrations.fields.legalName')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="uscc" label={t('registrations.fields.uscc')}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="phones" label={t('registrations.fields.phone')}>
              <Input type="tel" maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Button
          htmlType="submit"
          icon={<SearchOutlined />}
          loading={check.isPending}
          data-testid="check-availability"
        >
          {t('registrations.actions.check')}
        </Button>
      </Form>
      {check.error && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(t, check.error)} />
      )}
      {answer && (
        <Alert
          style={{ marginTop: 12 }}
          data-testid="availability-answer"
          data-available={answer.available}
          type={answer.available ? 'success' : 'warning'}
          showIcon
          title={
            answer.available ? (
              t('registrations.available')
            ) : answer.refusal ? (
              <RefusalText refusal={answer.refusal} />
            ) : (
              t('registrations.portal.notAvailable')
            )
          }
        />
      )}
    </Card>
  );
}
