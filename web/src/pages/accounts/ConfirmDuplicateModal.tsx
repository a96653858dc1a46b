import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '../../api/types.js';
import { MatchList, type DuplicateMode } from './DuplicatePanel.js';

const SAVE = {
  title: 'match.confirmSaveTitle',
  intro: 'match.confirmSaveIntro',
  ok: 'match.confirmSaveOk',
} as const;
const TEXTS = {
  create: { title: 'match.confirmTitle', intro: 'match.confirmIntro', ok: 'match.confirmOk' },
  edit: SAVE,
  restore: SAVE,
} as const satisfies Record<DuplicateMode, object>;

/**
 * "Create anyway" / "Save anyway": look-alikes exist, so the user says why this is another customer
 * (audited; sent as `confirm.reason`).
 */
export function ConfirmDuplicateModal(props: {
  open: boolean;
  mode?: DuplicateMode;
  matches: DuplicateMatch[];
  saving: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const texts = TEXTS[props.mode ?? 'create'];
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  return (
    <Modal
      open={props.open}
      title={t(texts.title)}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
      okText={t(texts.ok)}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={props.saving}
      forceRender
      width={720}
    >
      <Typography.Paragraph>{t(texts.intro)}</Typography.Paragraph>
      <div style={{ maxHeight: 320, overflow: 'auto', marginBottom: 16 }}>
        <MatchList matches={props.matches} />
      </div>
      <Form form={form} layout="vertical" name="confirm" onFinish={(v) => props.onConfirm(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('match.confirmReason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
