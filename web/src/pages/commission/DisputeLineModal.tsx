import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { loose } from '../../i18n/errorText.js';
import { formatMoney } from './statementView.js';
import { useRaiseDispute, type StatementLine } from './statements.api.js';

/** A payee questions one line of its locked statement, saying why; finance answers on the disputes page. */
export function DisputeLineModal(props: {
  line: StatementLine | null;
  currency: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form, ['reason']);
  const raise = useRaiseDispute();
  const { line } = props;

  useEffect(() => {
    if (line) form.resetFields();
  }, [line, form]);

  return (
    <FormModal<{ reason: string }>
      open={line !== null}
      title={t('statements.statement.disputeTitle', { lineNo: line?.lineNo ?? '' })}
      okText={t('statements.statement.dispute')}
      saving={raise.isPending}
      form={form}
      errors={errors}
      name="dispute-line"
      onClose={props.onClose}
      intro={
        line && (
          <Typography.Paragraph type="secondary">
            {`${loose(t)(`commissionFormula.lineKinds.${line.kind}`, { defaultValue: line.kind })} · ${formatMoney(
              line.amount,
              props.currency,
              i18n.language,
            )}`}
            <br />
            {t('statements.statement.disputeHelp')}
          </Typography.Paragraph>
        )
      }
      onSubmit={async ({ reason }) => {
        await raise.mutateAsync({ lineId: line!.id, reason: reason.trim() });
        void message.success(t('statements.statement.disputeSent'));
        props.onClose();
      }}
    >
      <Form.Item
        name="reason"
        label={t('statements.statement.disputeReason')}
        rules={[
          { required: true, whitespace: true, message: t('statements.statement.disputeReasonRequired') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount data-testid="dispute-reason" />
      </Form.Item>
    </FormModal>
  );
}
