import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_SIZES } from '../../api/types.js';
import { emailListRule, phoneListRule } from '../../components/fieldRules.js';
import { splitList } from './accountForm.js';
import { AccountSelect } from './AccountSelect.js';
import { IndustryField, RegionField } from './PlaceFields.js';

const half = { xs: 24, md: 12 };
const quarter = { xs: 12, md: 6 };

/**
 * The account's own fields, for the new-customer page and the edit dialog. `usccWarnings` come from the
 * duplicate check (a wrong check character); `afterIdentity` is placed after name, USCC and phones.
 */
export function AccountFields(props: {
  usccWarnings?: string[];
  afterIdentity?: ReactNode;
  excludeId?: string;
}) {
  const { t } = useTranslation();
  const warned = (props.usccWarnings ?? []).length > 0;
  return (
    <>
      <Form.Item
        name="legalName"
        label={t('accounts.legalName')}
        extra={t('accounts.legalNameHelp')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="uscc"
            label={t('accounts.uscc')}
            validateStatus={warned ? 'warning' : undefined}
            extra={
              warned ? <span data-testid="uscc-warning">{props.usccWarnings?.join('; ')}</span> : undefined
            }
          >
            <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phones"
            label={t('accounts.phones')}
            extra={t('accounts.listHelp')}
            rules={[phoneListRule(t, splitList)]}
          >
            <Input type="tel" maxLength={400} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      {props.afterIdentity}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="englishName" label={t('accounts.englishName')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="aliases" label={t('accounts.aliases')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="emails"
            label={t('accounts.emails')}
            extra={t('accounts.listHelp')}
            rules={[emailListRule(t, splitList)]}
          >
            <Input maxLength={1000} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="website" label={t('accounts.website')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <RegionField />
        </Col>
        <Col {...half}>
          <Form.Item name="street" label={t('accounts.street')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <IndustryField />
        </Col>
        <Col {...quarter}>
          <Form.Item name="size" label={t('accounts.size')}>
            <Select
              allowClear
              options={ACCOUNT_SIZES.map((size) => ({ value: size, label: t(`accounts.sizes.${size}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="source" label={t('accounts.source')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="tags" label={t('accounts.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="parentId" label={t('accounts.parent')}>
            <AccountSelect excludeId={props.excludeId} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item noStyle dependencies={['parentId']}>
            {({ getFieldValue }) => (
              <Form.Item name="isBranch" valuePropName="checked" label=" " colon={false}>
                <Checkbox disabled={!getFieldValue('parentId')}>{t('accounts.isBranch')}</Checkbox>
              </Form.Item>
            )}
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
