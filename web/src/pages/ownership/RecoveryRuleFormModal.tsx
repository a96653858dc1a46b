import { App, Checkbox, Divider, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryRule } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { usePools } from './ownership.api.js';
import { useRecoveryRuleMutations } from './ownershipAdmin.api.js';
import {
  newRuleValues,
  RULE_FORM_FIELDS,
  toRuleBody,
  toRuleValues,
  type RuleFormValues,
} from './poolForm.js';

const TRIGGERS = ['no_follow_up', 'no_opportunity', 'not_won'] as const;
const FOLLOW_UP_KINDS = ['call', 'visit', 'meeting', 'email', 'message'] as const;
const GRADES = ['A', 'B', 'C'] as const;

/**
 * Creates a recovery rule (`rule` undefined) or edits one. What the server refuses is shown under the field
 * it names, in the reader's language (a pool that is gone, days out of range).
 */
export function RecoveryRuleFormModal(props: {
  open: boolean;
  rule?: RecoveryRule | undefined;
  rules: readonly RecoveryRule[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const errors = useFormErrors(form, RULE_FORM_FIELDS);
  const { create, update } = useRecoveryRuleMutations();
  const pools = usePools();
  const editing = props.rule;

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(editing ? toRuleValues(editing) : newRuleValues(props.rules));
  }, [props.open, editing, form, errors.clear, props.rules]);

  const submit = async (values: RuleFormValues) => {
    const body = toRuleBody(values);
    const saved = editing
      ? await update.mutateAsync({ id: editing.id, body })
      : await create.mutateAsync(body);
    void message.success(
      t(editing ? 'ownershipAdmin.rules.updated' : 'ownershipAdmin.rules.created', { name: saved.name }),
    );
    props.onClose();
  };
  const number = (name: keyof RuleFormValues, label: string, max: number, required = false) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true }] : []}>
      <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <FormModal
      open={props.open}
      title={editing ? t('ownershipAdmin.rules.edit') : t('ownershipAdmin.rules.new')}
      okText={editing ? t('common.save') : t('common.create')}
      saving={create.isPending || update.isPending}
      form={form}
      errors={errors}
      name="recoveryRule"
      width={640}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Form.Item
        name="name"
        label={t('ownershipAdmin.rules.name')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      {number('position', t('ownershipAdmin.rules.position'), 10_000, true)}
      <Form.Item name="scope" label={t('ownershipAdmin.rules.scope')}>
        <Select
          options={(['pool', 'global'] as const).map((s) => ({
            value: s,
            label: t(`ownershipAdmin.rules.scopes.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="poolId" label={t('ownershipAdmin.rules.poolId')} rules={[{ required: true }]}>
        <Select
          loading={pools.isLoading}
          options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="rule-pool"
        />
      </Form.Item>
      <Form.Item name="trigger" label={t('ownershipAdmin.rules.trigger')}>
        <Select
          options={TRIGGERS.map((k) => ({ value: k, label: t(`ownershipAdmin.rules.triggers.${k}`) }))}
        />
      </Form.Item>
      {number('days', t('ownershipAdmin.rules.days'), 3650, true)}
      <Form.Item name="grade" label={t('ownershipAdmin.rules.grade')}>
        <Select
          allowClear
          placeholder={t('ownershipAdmin.rules.anyGrade')}
          options={GRADES.map((g) => ({ value: g, label: g }))}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('ownershipAdmin.rules.followUpKinds')}
      </Divider>
      <Form.Item name="followUpKinds" extra={t('ownershipAdmin.rules.followUpKindsHelp')}>
        <Checkbox.Group
          options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: t(`followUps.kinds.${k}`) }))}
        />
      </Form.Item>
      {number('minSpacingHours', t('ownershipAdmin.rules.minSpacingHours'), 24 * 90)}
      <Form.Item name="remindDays" label={t('ownershipAdmin.rules.remindDays')}>
        <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
      </Form.Item>
      {number('escalateDays', t('ownershipAdmin.rules.escalateDays'), 365)}
      <Divider titlePlacement="start" plain>
        {t('ownershipAdmin.rules.exemptions')}
      </Divider>
      <Form.Item name="exemptWon" label={t('ownershipAdmin.rules.exemptWon')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="exemptOpenOpportunity"
        label={t('ownershipAdmin.rules.exemptOpenOpportunity')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name="active" label={t('ownershipAdmin.rules.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
