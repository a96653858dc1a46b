import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { emailRule, phoneRule } from '../../components/fieldRules.js';

/** The people at a new customer; their mobiles and e-mails count as evidence in the duplicate check. */
export function ContactFields() {
  const { t } = useTranslation();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          <Typography.Title level={5}>{t('accounts.contacts')}</Typography.Title>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" wrap>
              <Col xs={12} md={5}>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                  <Input
                    placeholder={t('accounts.contactName')}
                    aria-label={t('accounts.contactName')}
                    maxLength={100}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[field.name, 'mobile']} rules={[phoneRule(t)]}>
                  <Input
                    type="tel"
                    placeholder={t('accounts.contactMobile')}
                    aria-label={t('accounts.contactMobile')}
                    maxLength={40}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name={[field.name, 'email']} rules={[emailRule(t)]}>
                  <Input
                    placeholder={t('accounts.contactEmail')}
                    aria-label={t('accounts.contactEmail')}
                    maxLength={200}
                  />
                </Form.Item>
              </Col>
              <Col xs={9} md={5}>
                <Form.Item name={[field.name, 'title']}>
                  <Input
                    placeholder={t('accounts.contactTitle')}
                    aria-label={t('accounts.contactTitle')}
                    maxLength={100}
                  />
                </Form.Item>
              </Col>
              <Col xs={3} md={1}>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Form.Item>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({})}
              disabled={fields.length >= 20}
            >
              {t('accounts.addContact')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
