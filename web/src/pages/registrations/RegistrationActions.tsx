import { App, Button, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Registration, ReviewRejectionCode } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { useRegistrationMutations } from './registrations.api.js';
import { pendingStep } from './registrationStatus.js';

const REJECTION_CODES = [
  'INSUFFICIENT_INFORMATION',
  'NOT_A_QUALIFIED_DEAL',
  'CUSTOMER_DECLINED_PARTNER',
  'CONFLICTS_WITH_EXISTING_DEAL',
  'OTHER',
] as const satisfies readonly ReviewRejectionCode[];

type Dialog = 'withdraw' | 'extension' | 'approve' | 'return' | 'reject' | 'decideExtension' | null;

interface Values {
  reason?: string;
  note?: string;
  days?: number;
  code?: (typeof REJECTION_CODES)[number];
  approve?: boolean;
}

/**
 * What the reader may do with a registration now: the partner edits, submits, withdraws or asks for more
 * days; a reviewer approves the pending step, returns it for information, rejects it with a reason code,
 * or decides an extension. The server decides in the end (409 for a step the status does not allow).
 */
export function RegistrationActions({ registration: r }: { registration: Registration }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canSubmit = useCan('registrations:submit');
  const canReview = useCan('registrations:review');
  const m = useRegistrationMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, ['reason', 'note', 'days', 'code', 'approve']);
  const step = pendingStep(r);
  const extensionPending = r.extension?.status === 'pending';

  const open = (next: Dialog) => {
    form.resetFields();
    errors.clear();
    setDialog(next);
  };
  const run = async (done: string, action: () => Promise<unknown>) => {
    await action();
    void message.success(done);
    setDialog(null);
  };
  const submitNow = async () => {
    try {
      const sent = await m.submit.mutateAsync({ id: r.id, body: {} });
      void message.info(
        t('registrations.portal.sent', { status: t(`registrations.statuses.${sent.status}`) }),
      );
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };

  const dialogs: Record<
    Exclude<Dialog, null>,
    { title: string; ok: string; danger?: boolean; submit: (v: Values) => Promise<void> }
  > = {
    withdraw: {
      title: t('registrations.portal.withdrawTitle'),
      ok: t('registrations.portal.withdraw'),
      danger: true,
      submit: (v) =>
        run(t('registrations.portal.withdrawn'), () =>
          m.withdraw.mutateAsync({ id: r.id, body: { reason: v.reason } }),
        ),
    },
    extension: {
      title: t('registrations.portal.extension'),
      ok: t('registrations.portal.extension'),
      submit: (v) =>
        run(t('registrations.portal.extensionAsked'), () =>
          m.extension.mutateAsync({ id: r.id, body: { days: v.days, reason: v.reason } }),
        ),
    },
    approve: {
      title: t('registrations.portal.approveTitle', step ?? { step: 1, of: 1 }),
      ok: t('registrations.actions.approve'),
      submit: (v) =>
        run(t('registrations.portal.approved'), () =>
          m.approve.mutateAsync({ id: r.id, body: v.note?.trim() ? { note: v.note.trim() } : {} }),
        ),
    },
    return: {
      title: t('registrations.portal.returnTitle'),
      ok: t('registrations.actions.return'),
      submit: (v) =>
        run(t('registrations.portal.returnedDone'), () =>
          m.return.mutateAsync({ id: r.id, body: { reason: v.reason } }),
        ),
    },
    reject: {
      title: t('registrations.portal.rejectTitle'),
      ok: t('registrations.actions.reject'),
      danger: true,
      submit: (v) =>
        run(t('registrations.portal.rejectedDone'), () =>
          m.reject.mutateAsync({ id: r.id, body: { code: v.code, reason: v.reason } }),
        ),
    },
    decideExtension: {
      title: t('registrations.portal.decideExtension'),
      ok: t('common.save'),
      submit: (v) =>
        run(t('registrations.portal.extensionDecided'), () =>
          m.decideExtension.mutateAsync({ id: r.id, body: { approve: v.approve, reason: v.reason } }),
        ),
    },
  };
  const current = dialogs[dialog ?? 'approve'];
  const saving = Object.values(m).some((x) => x.isPending);

  const reasonItem = (label: string, required = true) => (
    <Form.Item name="reason" label={label} rules={[{ required, whitespace: true }]}>
      <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
    </Form.Item>
  );

  return (
    <>
      <Flex gap={8} wrap data-testid="registration-actions">
        {canSubmit && (r.status === 'draft' || r.status === 'returned') && (
          <Link to={`/registrations/${r.id}/edit`}>
            <Button type={r.status === 'returned' ? 'primary' : 'default'} data-testid="edit-registration">
              {r.status === 'returned' ? t('registrations.portal.resubmit') : t('registrations.portal.edit')}
            </Button>
          </Link>
        )}
        {canSubmit && r.status === 'draft' && (
          <Button
            type="primary"
            loading={m.submit.isPending}
            onClick={() => void submitNow()}
            data-testid="submit-now"
          >
            {t('registrations.actions.submit')}
          </Button>
        )}
        {canSubmit && r.status === 'approved' && !extensionPending && (
          <Button onClick={() => open('extension')} data-testid="request-extension">
            {t('registrations.portal.extension')}
          </Button>
        )}
        {canSubmit && ['draft', 'submitted', 'returned', 'resubmitted', 'approved'].includes(r.status) && (
          <Button danger onClick={() => open('withdraw')} data-testid="withdraw">
            {t('registrations.portal.withdraw')}
          </Button>
        )}
        {canReview && step && (
          <Button type="primary" onClick={() => open('approve')} data-testid="approve">
            {t('registrations.actions.approve')} · {t('registrations.portal.step', step)}
          </Button>
        )}
        {canReview && step && (
          <Button onClick={() => open('return')} data-testid="return">
            {t('registrations.actions.return')}
          </Button>
        )}
        {canReview && (step || r.status === 'returned') && (
          <Button danger onClick={() => open('reject')} data-testid="reject">
            {t('registrations.actions.reject')}
          </Button>
        )}
        {canReview && r.status === 'approved' && extensionPending && (
          <Button type="primary" onClick={() => open('decideExtension')} data-testid="decide-extension">
            {t('registrations.portal.decideExtension')}
          </Button>
        )}
      </Flex>
      {
        <FormModal<Values>
          open={dialog !== null}
          title={current.title}
          okText={current.ok}
          danger={current.danger}
          saving={saving}
          form={form}
          errors={errors}
          name={`registration-${dialog}`}
          onSubmit={current.submit}
          onClose={() => setDialog(null)}
        >
          {dialog === 'withdraw' && reasonItem(t('registrations.fields.reason'))}
          {dialog === 'extension' && (
            <>
              <Form.Item
                name="days"
                label={t('registrations.portal.extensionDays')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              {reasonItem(t('registrations.fields.reason'))}
            </>
          )}
          {dialog === 'approve' && (
            <Form.Item name="note" label={t('registrations.portal.approveNote')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          )}
          {dialog === 'return' && reasonItem(t('registrations.portal.returnReason'))}
          {dialog === 'reject' && (
            <>
              <Form.Item
                name="code"
                label={t('registrations.portal.rejectCode')}
                rules={[{ required: true }]}
              >
                <Select
                  options={REJECTION_CODES.map((c) => ({
                    value: c,
                    label: t(`registrations.portal.rejectionCodes.${c}`),
                  }))}
                />
              </Form.Item>
              {reasonItem(t('registrations.portal.rejectNote'))}
            </>
          )}
          {dialog === 'decideExtension' && (
            <>
              <Form.Item name="approve" initialValue={true} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: true, label: t('registrations.portal.grant') },
                    { value: false, label: t('registrations.portal.decline') },
                  ]}
                />
              </Form.Item>
              {reasonItem(t('registrations.fields.reason'))}
            </>
          )}
        </FormModal>
      }
    </>
  );
}
