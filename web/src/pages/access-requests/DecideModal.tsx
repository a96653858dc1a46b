import { Alert, App, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useAccessRequestMutations } from './accessRequests.api.js';

const FIELDS = ['note', 'keepFormerUntil'] as const;

interface Values {
  note?: string;
  keepFormerUntil?: Dayjs | null;
}

/**
 * Grant or deny a request, with an optional note the requester sees. A grant hands the customer to the
 * requester; the former owner may stay on as a read-only collaborator until a date.
 */
export function DecideModal(props: {
  request: AccessRequest | null;
  decision: 'grant' | 'deny';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const { decide } = useAccessRequestMutations();
  const grant = props.decision === 'grant';
  return (
    <FormModal<Values>
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
          <Alert
            type="warning"
            showIcon
            title={t('accessRequests.grantEffect')}
            data-testid="grant-effect"
            style={{ marginBottom: 16 }}
          />
        ) : undefined
      }
      onSubmit={async (values) => {
        if (!props.request) return;
        const note = values.note?.trim();
        const keep = grant ? values.keepFormerUntil?.format('YYYY-MM-DD') : undefined;
        await decide.mutateAsync({
          id: props.request.id,
          body: { decision: props.decision, ...(note && { note }), ...(keep && { keepFormerUntil: keep }) },
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
      {grant && (
        <Form.Item
          name="keepFormerUntil"
          label={t('accessRequests.keepFormerUntil')}
          extra={t('accessRequests.keepFormerUntilHelp')}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
