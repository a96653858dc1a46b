import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { UpdateUserBody, User } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import {
  HandoverTargetFields,
  toHandoverTarget,
  type HandoverTargetValues,
} from '../ownership/HandoverTargetFields.js';
import { useUserMutations } from './users.api.js';

interface HandoverValues extends HandoverTargetValues {
  reason?: string;
}
// The server names the person as handover.userId; the form's field is userId.
const FIELDS = ['userId', 'poolId', 'reason'] as const;

/**
 * Deactivating someone who holds customers: says how many (from the server's USER_HOLDS_CUSTOMERS), asks
 * where they go — a person, each one's manager, or a pool — and sends the same change with the handover.
 */
export function HandoverModal(props: {
  user: User | null;
  count: number;
  body: UpdateUserBody | null;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<HandoverValues>();
  const errors = useFormErrors(form, FIELDS);
  const { update } = useUserMutations();
  const open = props.user !== null;
  const name = props.user?.displayName ?? '';

  useEffect(() => {
    if (!open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue({ targetType: 'manager', reason: props.body?.reason });
  }, [open, form, errors.clear, props.body]);

  const submit = async (values: HandoverValues) => {
    if (!props.user || !props.body) return;
    const reason = values.reason?.trim();
    await update
      .mutateAsync({
        id: props.user.id,
        body: { ...props.body, handover: toHandoverTarget(values), ...(reason ? { reason } : {}) },
      })
      .catch((error: unknown) => {
        throw renameHandoverFields(error);
      });
    void message.success(t('ownershipAdmin.handover.done', { name, count: props.count }));
    props.onClose(true);
  };

  return (
    <FormModal
      open={open}
      title={t('ownershipAdmin.handover.title', { name })}
      okText={t('ownershipAdmin.handover.submit')}
      danger
      saving={update.isPending}
      form={form}
      errors={errors}
      name="handover"
      intro={
        <Typography.Paragraph data-testid="handover-count">
          {t('ownershipAdmin.handover.holds', { name, count: props.count })}
        </Typography.Paragraph>
      }
      onSubmit={submit}
      onClose={() => props.onClose(false)}
    >
      <HandoverTargetFields excludeUserId={props.user?.id} />
      <Form.Item name="reason" label={t('users.reason')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** `handover.userId` → `userId`, so the problem shows under the person picked. */
function renameHandoverFields(error: unknown): unknown {
  if (error instanceof ApiError) for (const p of error.fields) p.field = p.field.replace(/^handover\./, '');
  return error;
}
