import { Alert, App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useAccessRequestMutations } from './accessRequests.api.js';

const FIELDS = ['note'] as const;

/** Grant or deny a request, with an optional note the requester sees. */
export function DecideModal(props: {
  request: AccessRequest | null;
  decision: 'grant' | 'deny';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const errors = useFormErrors(form, FIELDS);
  const { decide } = useAccessRequestMutations();
  const grant = props.decision === 'grant';
  return (
    <FormModal<{ note?: string }>
      open={props.request !== null}
      title={t(grant ? 'accessRequests.grantTitle' : 'accessRequests.denyTitle')}
      okText={t(grant ? 'accessRequests.grant' : 'accessRequests.deny')}
      danger={!grant}
      saving={decide.isPending}
      form={form}
      errors={errors}
      name="decide-access"
      intro={
        grant ? (
          <Alert type="info" showIcon title={t('accessRequests.grantEffect')} style={{ marginBottom: 16 }} />
        ) : undefined
      }
      onSubmit={async (values) => {
        if (!props.request) return;
        const note = values.note?.trim();
        await decide.mutateAsync({
          id: props.request.id,
          body: { decision: props.decision, ...(note && { note }) },
        });
        void message.success(t('accessRequests.decided'));
        form.resetFields();
        props.onClose();
      }}
      onClose={() => {
        form.resetFields();
        errors.clear();
        props.onClose();
      }}
    >
      <Form.Item
        name="note"
        label={t('accessRequests.decisionNote')}
        extra={t('accessRequests.decisionNoteHelp')}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
