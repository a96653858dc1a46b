import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useAccessRequestMutations } from './accessRequests.api.js';

const FIELDS = ['note'] as const;

export interface AskTarget {
  accountRef: string;
  kind: AccessRequest['kind'];
  customerName: string;
}

/** Ask for access to a customer held out of sight, or flag it as a conflict, with a note for the decider. */
export function AskAccessModal(props: { target: AskTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const errors = useFormErrors(form, FIELDS);
  const { create } = useAccessRequestMutations();
  const conflict = props.target?.kind === 'conflict';
  const close = () => {
    form.resetFields();
    errors.clear();
    props.onClose();
  };
  return (
    <FormModal<{ note?: string }>
      open={props.target !== null}
      title={t(conflict ? 'accessRequests.flagTitle' : 'accessRequests.askTitle')}
      okText={t('accessRequests.send')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="ask-access"
      intro={
        <Typography.Paragraph type="secondary">
          {t(conflict ? 'accessRequests.flagHelp' : 'accessRequests.askHelp')}
        </Typography.Paragraph>
      }
      onSubmit={async (values) => {
        if (!props.target) return;
        const note = values.note?.trim();
        await create.mutateAsync({
          accountRef: props.target.accountRef,
          kind: props.target.kind,
          customerName: props.target.customerName,
          ...(note && { note }),
        });
        void message.success(t('accessRequests.sent'));
        close();
      }}
      onClose={close}
    >
      <Form.Item name="note" label={t('accessRequests.note')}>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t('accessRequests.notePlaceholder')}
          data-testid="access-note"
        />
      </Form.Item>
    </FormModal>
  );
}
