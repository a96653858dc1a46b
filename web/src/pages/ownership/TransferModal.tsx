import { Alert, Checkbox, DatePicker, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errorText.js';
import { HandoverTargetFields, toHandoverTarget, type HandoverTargetValues } from './HandoverTargetFields.js';
import { useTransfer } from './ownershipAdmin.api.js';
import { movedCount, type TransferOutcome } from './transfer.js';

interface TransferValues extends HandoverTargetValues {
  note: string;
  keepFormer?: boolean;
  keepFormerUntil?: Dayjs | null;
}

/**
 * Hands the chosen customers over with a note — to a person, each owner's manager, or a pool — optionally
 * keeping the former owner on the account team until a date; then lists each customer as moved or refused,
 * with the refusal in the reader's language.
 */
export function TransferModal(props: {
  open: boolean;
  accounts: readonly { id: string; name: string }[];
  onClose: (moved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferValues>();
  const transfer = useTransfer();
  const [outcomes, setOutcomes] = useState<TransferOutcome[] | null>(null);
  const keepFormer = Form.useWatch('keepFormer', form);
  const names = new Map(props.accounts.map((a) => [a.id, a.name]));

  useEffect(() => {
    if (!props.open) return;
    setOutcomes(null);
    form.resetFields();
  }, [props.open, form]);

  const submit = (values: TransferValues) => {
    transfer.mutate(
      {
        accountIds: props.accounts.map((a) => a.id),
        to: toHandoverTarget(values),
        note: values.note.trim(),
        ...(values.keepFormer && values.keepFormerUntil
          ? { keepFormerUntil: values.keepFormerUntil.format('YYYY-MM-DD') }
          : {}),
      },
      { onSuccess: setOutcomes },
    );
  };
  const close = () => props.onClose(outcomes !== null && movedCount(outcomes) > 0);

  return (
    <Modal
      open={props.open}
      title={t('ownershipAdmin.transfer.title', { count: props.accounts.length })}
      onCancel={close}
      onOk={() => (outcomes ? close() : form.submit())}
      okText={outcomes ? t('ownershipAdmin.transfer.close') : t('ownershipAdmin.transfer.submit')}
      cancelButtonProps={outcomes ? { style: { display: 'none' } } : {}}
      cancelText={t('common.cancel')}
      confirmLoading={transfer.isPending}
      forceRender
    >
      {outcomes ? (
        <Flex vertical gap={8} data-testid="transfer-result">
          <Typography.Text strong>
            {t('ownershipAdmin.transfer.summary', { moved: movedCount(outcomes), count: outcomes.length })}
          </Typography.Text>
          <List
            size="small"
            dataSource={outcomes}
            renderItem={(o) => (
              <List.Item key={o.accountId} data-testid="transfer-outcome">
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={8} wrap align="center">
                    <Tag color={o.moved ? 'green' : 'red'}>
                      {o.moved ? t('ownershipAdmin.transfer.moved') : t('ownershipAdmin.transfer.refused')}
                    </Tag>
                    <Typography.Text style={{ wordBreak: 'break-word' }}>
                      {names.get(o.accountId) ?? o.accountId}
                    </Typography.Text>
                  </Flex>
                  {!o.moved && <Typography.Text type="danger">{errorText(t, o.error)}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      ) : (
        <Form<TransferValues>
          form={form}
          layout="vertical"
          name="transfer"
          initialValues={{ targetType: 'user', keepFormer: false }}
          onFinish={submit}
        >
          <HandoverTargetFields />
          <Form.Item
            name="note"
            label={t('ownershipAdmin.transfer.note')}
            rules={[{ required: true, whitespace: true, message: t('ownershipAdmin.transfer.noteRequired') }]}
          >
            <Input.TextArea
              maxLength={1000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              data-testid="transfer-note"
            />
          </Form.Item>
          <Form.Item name="keepFormer" valuePropName="checked">
            <Checkbox data-testid="keep-former">{t('ownershipAdmin.transfer.keepFormer')}</Checkbox>
          </Form.Item>
          {keepFormer && (
            <Form.Item
              name="keepFormerUntil"
              label={t('ownershipAdmin.transfer.keepFormerUntil')}
              rules={[{ required: true }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="keep-former-until" />
            </Form.Item>
          )}
          {transfer.error && <Alert type="error" showIcon title={errorText(t, transfer.error)} />}
        </Form>
      )}
    </Modal>
  );
}
