import { Alert, App, Button, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, MergeResult } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { AccountSelect } from './AccountSelect.js';
import { toCheckBody, toFormValues } from './accountForm.js';
import { useAccountMutations, useDuplicateCheck } from './accounts.api.js';
import { VERDICT_COLORS } from './colors.js';
import { duplicatesOf } from './duplicates.js';
import { MergeDeltaView } from './MergeDeltaView.js';
import { scorePercent } from './evidenceText.js';

interface MergeFormValues {
  mergedId: string;
  reason: string;
}
const FIELDS = ['mergedId', 'reason'] as const;

/**
 * Folds a duplicate into `account`. Suggestions come from checking the account's own values; any other
 * customer can be searched for. After the merge, the delta shows what the survivor gained and kept.
 */
export function MergeModal(props: {
  open: boolean;
  account: Account;
  onClose: () => void;
  /** The duplicate chosen already (the edit dialog found that another account is this customer). */
  mergedId?: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MergeFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const { merge } = useAccountMutations();
  const [result, setResult] = useState<MergeResult | null>(null);
  const check = useDuplicateCheck(props.open ? toCheckBody(toFormValues(props.account)) : null);
  const suggestions = duplicatesOf(check.data, props.account.id);
  const chosen = Form.useWatch('mergedId', form);

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    if (props.mergedId) form.setFieldsValue({ mergedId: props.mergedId });
    setResult(null);
  }, [props.open, props.mergedId, form, errors.clear]);

  const submit = async (values: MergeFormValues) => {
    errors.clear();
    try {
      const merged = await merge.mutateAsync({
        id: props.account.id,
        mergedId: values.mergedId,
        reason: values.reason.trim(),
      });
      setResult(merged);
      void message.success(t('merge.done', { name: merged.survivor.legalName }));
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('merge.title', { name: props.account.legalName })}
      onCancel={props.onClose}
      width={720}
      forceRender
      footer={
        result ? (
          <Button type="primary" onClick={props.onClose}>
            {t('common.close')}
          </Button>
        ) : (
          <Flex justify="end" gap={8}>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" danger loading={merge.isPending} onClick={() => form.submit()}>
              {t('merge.submit')}
            </Button>
          </Flex>
        )
      }
    >
      {result && (
        <Flex vertical gap={12} data-testid="merge-result">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('merge.result')}
          </Typography.Title>
          <MergeDeltaView delta={result.delta} />
          <Typography.Text type="secondary">
            {t('merge.moved', {
              contacts: result.moved.contacts.length,
              children: result.moved.children.length,
            })}
          </Typography.Text>
        </Flex>
      )}
      {/* Kept mounted after the merge: the form instance stays connected. */}
      <div style={{ display: result ? 'none' : undefined }}>
        <Alert type="info" showIcon title={t('merge.intro')} style={{ marginBottom: 16 }} />
        {suggestions.length > 0 && (
          <Flex vertical gap={6} style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('merge.suggestions')}</Typography.Text>
            {suggestions.map((m) => (
              <Button
                key={m.accountId}
                type={chosen === m.accountId ? 'primary' : 'default'}
                ghost={chosen === m.accountId}
                style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'start', justifyContent: 'start' }}
                onClick={() => form.setFieldsValue({ mergedId: m.accountId })}
              >
                <Tag color={VERDICT_COLORS[m.verdict]}>{t(`match.verdicts.${m.verdict}`)}</Tag>
                {m.legalName}
                {m.score !== undefined && (
                  <Typography.Text type="secondary"> · {scorePercent(m.score)}</Typography.Text>
                )}
              </Button>
            ))}
          </Flex>
        )}
        <Form<MergeFormValues>
          form={form}
          layout="vertical"
          name="merge"
          onFinish={(values) => void submit(values)}
          onValuesChange={errors.onValuesChange}
        >
          <Form.Item name="mergedId" label={t('merge.duplicate')} rules={[{ required: true }]}>
            <AccountSelect excludeId={props.account.id} />
          </Form.Item>
          <Form.Item name="reason" label={t('merge.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
        <FormAlert message={errors.alert} placement="bottom" />
      </div>
    </Modal>
  );
}
