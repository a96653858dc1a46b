import { App, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, CaseOutcome } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useCaseMutations, useRefusedRegistrations } from './cases.api.js';

const OUTCOMES: readonly CaseOutcome[] = ['partner_wins', 'direct_wins', 'dismissed'];

/** The channel decides: an outcome and the reason both parties read with it. */
export function DecideCaseModal({ c, onClose }: { c: Case | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome?: CaseOutcome; reason?: string }>();
  const errors = useFormErrors(form, ['outcome', 'reason']);
  const { decide } = useCaseMutations();
  return (
    <FormModal
      open={c !== null}
      title={t('cases.decideTitle')}
      okText={t('cases.decide')}
      saving={decide.isPending}
      form={form}
      errors={errors}
      name="decide-case"
      onSubmit={async (values) => {
        if (!c || !values.outcome) return;
        await decide.mutateAsync({
          id: c.id,
          body: { outcome: values.outcome, reason: values.reason ?? '' },
        });
        void message.success(t('cases.decided'));
        form.resetFields();
        onClose();
      }}
      onClose={() => {
        form.resetFields();
        errors.clear();
        onClose();
      }}
    >
      <Form.Item
        name="outcome"
        label={t('cases.outcome')}
        rules={[{ required: true, message: t('cases.outcomeRequired') }]}
      >
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {OUTCOMES.map((o) => (
            <Radio key={o} value={o} data-testid={`outcome-${o}`}>
              {t(`cases.outcomes.${o}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('cases.fields.decisionReason')}
        extra={t('cases.decisionReasonHelp')}
        rules={[{ required: true, whitespace: true, message: t('cases.fields.decisionReason') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** A partner disputes the refusal of one of its registrations, with its reason. */
export function DisputeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ registrationId?: string; reason?: string }>();
  const errors = useFormErrors(form, ['registrationId', 'reason']);
  const { dispute } = useCaseMutations();
  const refused = useRefusedRegistrations(open);
  const options = (refused.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.customer.legalName} · ${r.name}`,
  }));
  return (
    <FormModal
      open={open}
      title={t('cases.disputeTitle')}
      okText={t('cases.dispute')}
      saving={dispute.isPending}
      form={form}
      errors={errors}
      name="dispute-case"
      onSubmit={async (values) => {
        await dispute.mutateAsync({
          registrationId: values.registrationId ?? '',
          reason: values.reason ?? '',
        });
        void message.success(t('cases.disputed'));
        form.resetFields();
        onClose();
      }}
      onClose={() => {
        form.resetFields();
        errors.clear();
        onClose();
      }}
    >
      <Form.Item
        name="registrationId"
        label={t('cases.disputeRegistration')}
        rules={[{ required: true, message: t('cases.disputeRegistration') }]}
        extra={!refused.isLoading && options.length === 0 ? t('cases.noRefused') : undefined}
      >
        <Select options={options} loading={refused.isLoading} showSearch optionFilterProp="label" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('cases.disputeReason')}
        extra={t('cases.disputeReasonHelp')}
        rules={[{ required: true, whitespace: true, message: t('cases.disputeReason') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
