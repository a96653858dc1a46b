import { App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { UserSelect } from '../../components/UserSelect.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useDistribute } from './ownershipAdmin.api.js';

interface DistributeValues {
  userId: string;
  note?: string;
}
const FIELDS = ['userId', 'note'] as const;

/** A pool admin hands the selected pooled customers to one person, within that person's holding cap. */
export function DistributeModal(props: {
  open: boolean;
  poolId: string | undefined;
  accountIds: readonly string[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DistributeValues>();
  const errors = useFormErrors(form, FIELDS);
  const distribute = useDistribute(props.poolId);

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
  }, [props.open, form, errors.clear]);

  const submit = async (values: DistributeValues) => {
    const { moved } = await distribute.mutateAsync({
      accountIds: [...props.accountIds],
      userId: values.userId,
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    });
    void message.success(t('ownershipAdmin.distribute.done', { count: moved }));
    props.onClose(true);
  };

  return (
    <FormModal
      open={props.open}
      title={t('ownershipAdmin.distribute.title', { count: props.accountIds.length })}
      okText={t('ownershipAdmin.distribute.button')}
      saving={distribute.isPending}
      form={form}
      errors={errors}
      name="distribute"
      onSubmit={submit}
      onClose={() => props.onClose(false)}
    >
      <Form.Item name="userId" label={t('ownershipAdmin.distribute.to')} rules={[{ required: true }]}>
        <UserSelect />
      </Form.Item>
      <Form.Item name="note" label={t('ownershipAdmin.distribute.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
