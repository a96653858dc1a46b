import { Alert, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkArchiveResult } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useBulkArchive } from './accountList.api.js';

const FIELDS = ['reason'] as const;

/** Archives the list's selection with one reason, kept in each customer's audit record. */
export function BulkArchiveModal(props: {
  ids: string[] | null;
  onClose: () => void;
  onDone: (result: BulkArchiveResult) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form, FIELDS);
  const archive = useBulkArchive();
  const count = props.ids?.length ?? 0;

  useEffect(() => {
    if (!props.ids) return;
    errors.clear();
    form.resetFields();
  }, [props.ids, form, errors.clear]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!props.ids) return;
    const result = await archive.mutateAsync({ ids: props.ids, reason: reason.trim() });
    props.onDone(result);
  };

  return (
    <FormModal
      open={props.ids !== null}
      title={t('customerList.archiveTitle', { count })}
      okText={t('customerList.archive')}
      danger
      saving={archive.isPending}
      form={form}
      errors={errors}
      name="bulk-archive"
      onSubmit={submit}
      onClose={props.onClose}
      intro={
        <Alert type="warning" showIcon title={t('customerList.archiveHelp')} style={{ marginBottom: 16 }} />
      }
    >
      <Form.Item
        name="reason"
        label={t('customerList.archiveReason')}
        extra={t('accounts.statusReasonHelp')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
