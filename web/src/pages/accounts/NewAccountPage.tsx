import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Grid, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { FormAlert } from '../../components/FormAlert.js';
import { useDebouncedValue } from '../../components/useDebouncedValue.js';
import { useEnterKey } from '../../components/enterKey.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText, problemText } from '../../i18n/errorText.js';
import { AccountFields } from './AccountFields.js';
import { ACCOUNT_FORM_FIELDS, toCheckBody, toCreateBody, type AccountFormValues } from './accountForm.js';
import { useAccountMutations, useDuplicateCheck } from './accounts.api.js';
import { ConfirmDuplicateModal } from './ConfirmDuplicateModal.js';
import { ContactFields } from './ContactFields.js';
import { DuplicatePanel } from './DuplicatePanel.js';
import { existingAccountId, warningsFor } from './duplicates.js';
import { useDuplicateGate } from './useDuplicateGate.js';

const CHECK_DELAY_MS = 400;

/**
 * A new customer, checked for duplicates while it is typed: a 'same' match blocks the submit (and links to
 * the existing customer when the user may see it); 'possible' matches need a reason to create anyway.
 */
export function NewAccountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().lg === false;
  const [form] = Form.useForm<AccountFormValues>();
  const errors = useFormErrors(form, ACCOUNT_FORM_FIELDS);
  const onKeyDown = useEnterKey(form);
  const { create } = useAccountMutations();
  const [values, setValues] = useState<AccountFormValues>({});
  // A 409 from the create (someone entered the customer since the last check) stands until the next edit.
  const gate = useDuplicateGate();

  const checkBody = useDebouncedValue(toCheckBody(values), CHECK_DELAY_MS);
  const check = useDuplicateCheck(checkBody);
  const result = gate.refused ?? (checkBody ? check.data : null);
  const blocked = result?.verdict === 'same';
  const existingId = existingAccountId(result);
  const usccWarnings = warningsFor(result, 'uscc', (w) => problemText(t, w));

  const submit = async (reason?: string) => {
    errors.clear();
    try {
      const body = toCreateBody(form.getFieldsValue(true) as AccountFormValues, reason);
      const created = await gate.attempt(() => create.mutateAsync(body));
      if (!created) return;
      void message.success(t('accounts.created', { name: created.legalName }));
      for (const warning of created.warnings) void message.warning(problemText(t, warning));
      void navigate(`/accounts/${created.id}`);
    } catch (error) {
      errors.show(error);
    }
  };

  const onFinish = () => {
    if (blocked) return;
    if (result?.verdict === 'possible') gate.setConfirming(true);
    else void submit();
  };

  const panel = (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: narrow ? 24 : 0 }}>
      {check.error && <Alert type="error" showIcon title={errorText(t, check.error)} />}
      <DuplicatePanel result={result} checking={check.isFetching} customerName={values.legalName} />
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" gap={8} wrap>
        <Link to="/accounts">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('accounts.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accounts.new')}
        </Typography.Title>
      </Flex>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <Card styles={{ body: { padding: narrow ? 12 : 24 } }}>
            <Form<AccountFormValues>
              form={form}
              layout="vertical"
              name="account"
              onFinish={onFinish}
              onKeyDown={onKeyDown}
              onValuesChange={(changed: object, all) => {
                errors.onValuesChange(changed);
                setValues(all);
                gate.forget();
              }}
            >
              <AccountFields usccWarnings={usccWarnings} afterIdentity={narrow ? panel : null} />
              <ContactFields />
              <FormAlert message={errors.alert} placement="bottom" />
              <Flex gap={8} wrap style={{ marginTop: 16 }}>
                <Button
                  type="primary"
                  htmlType="submit"
                  disabled={blocked}
                  loading={create.isPending && !gate.confirming}
                  data-testid="create-account"
                >
                  {t('common.create')}
                </Button>
                {blocked && existingId && (
                  <Link to={`/accounts/${existingId}`}>
                    <Button>{t('accounts.openExisting')}</Button>
                  </Link>
                )}
              </Flex>
            </Form>
          </Card>
        </Col>
        {!narrow && (
          <Col lg={10}>
            <div style={{ position: 'sticky', top: 16 }}>{panel}</div>
          </Col>
        )}
      </Row>
      <ConfirmDuplicateModal
        open={gate.confirming}
        matches={result?.matches ?? []}
        saving={create.isPending}
        onCancel={() => gate.setConfirming(false)}
        onConfirm={(reason) => void submit(reason)}
      />
    </Space>
  );
}
