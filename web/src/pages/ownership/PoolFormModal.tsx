import { App, Divider, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_MEASURES, type Pool } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { usePoolMutations } from './ownershipAdmin.api.js';
import { PeoplePicker, TeamsPicker } from './PeoplePicker.js';
import { NEW_POOL, POOL_FORM_FIELDS, toPoolBody, toPoolValues, type PoolFormValues } from './poolForm.js';

const KINDS = ['general', 'new', 'returned'] as const;

/** Creates a pool (`pool` undefined) or edits one: its scope, who administers and claims, its claim rules. */
export function PoolFormModal(props: { open: boolean; pool?: Pool | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolFormValues>();
  const errors = useFormErrors(form, POOL_FORM_FIELDS);
  const { create, update } = usePoolMutations();
  const editing = props.pool;

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(editing ? toPoolValues(editing) : NEW_POOL);
  }, [props.open, editing, form, errors.clear]);

  const submit = async (values: PoolFormValues) => {
    const body = toPoolBody(values);
    const saved = editing
      ? await update.mutateAsync({ id: editing.id, body })
      : await create.mutateAsync(body);
    void message.success(
      t(editing ? 'ownershipAdmin.pools.updated' : 'ownershipAdmin.pools.created', { name: saved.name }),
    );
    props.onClose();
  };

  const limit = (name: keyof PoolFormValues, label: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber
        min={0}
        max={100_000}
        precision={0}
        placeholder={t('ownershipAdmin.pools.noLimit')}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
  const codes = (name: 'regionCodes' | 'excludedRegionCodes', label: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra}>
      <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
    </Form.Item>
  );

  return (
    <FormModal
      open={props.open}
      title={
        editing ? t('ownershipAdmin.pools.editOf', { name: editing.name }) : t('ownershipAdmin.pools.new')
      }
      okText={editing ? t('common.save') : t('common.create')}
      saving={create.isPending || update.isPending}
      form={form}
      errors={errors}
      name="pool"
      width={640}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Form.Item
        name="name"
        label={t('ownershipAdmin.pools.name')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('ownershipAdmin.pools.kind')}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`ownershipAdmin.pools.kinds.${k}`) }))} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('ownershipAdmin.pools.scope')}
      </Divider>
      {codes('regionCodes', t('ownershipAdmin.pools.regionCodes'), t('ownershipAdmin.pools.regionCodesHelp'))}
      {codes('excludedRegionCodes', t('ownershipAdmin.pools.excludedRegionCodes'))}
      <Form.Item name="teamId" label={t('ownershipAdmin.pools.teamId')}>
        <TeamSelect />
      </Form.Item>
      <Form.Item name="productLine" label={t('ownershipAdmin.pools.productLine')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="adminIds"
        label={t('ownershipAdmin.pools.adminIds')}
        extra={t('ownershipAdmin.pools.adminIdsHelp')}
      >
        <PeoplePicker />
      </Form.Item>
      <Form.Item
        name="memberTeamIds"
        label={t('ownershipAdmin.pools.memberTeamIds')}
        extra={t('ownershipAdmin.pools.memberTeamIdsHelp')}
      >
        <TeamsPicker placeholder={t('ownershipAdmin.pools.everyone')} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('ownershipAdmin.pools.claimRules')}
      </Divider>
      {limit('claimsPerDay', t('ownershipAdmin.pools.claimsPerDay'))}
      {limit('maxOwned', t('ownershipAdmin.pools.maxOwned'))}
      {limit('maxLocked', t('ownershipAdmin.pools.maxLocked'))}
      <Form.Item name="countWon" label={t('ownershipAdmin.pools.countWon')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="cooldownDays" label={t('ownershipAdmin.pools.cooldownDays')}>
        <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="embargoHours" label={t('ownershipAdmin.pools.embargoHours')}>
        <InputNumber min={0} max={24 * 90} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {limit('dailyViewCap', t('ownershipAdmin.pools.dailyViewCap'))}
      <Form.Item name="maskContacts" label={t('ownershipAdmin.pools.maskContacts')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('ownershipAdmin.pools.priority.title')}
      </Divider>
      <Form.Item
        name={['priorityWindow', 'hours']}
        label={t('ownershipAdmin.pools.priority.hours')}
        extra={t('ownershipAdmin.pools.priority.hoursHelp')}
      >
        <InputNumber min={0} max={24 * 30} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={['priorityWindow', 'measure']} label={t('ownershipAdmin.pools.priority.measure')}>
        <Select
          allowClear
          options={PRIORITY_MEASURES.map((m) => ({ value: m, label: t(`ownership.pools.measures.${m}`) }))}
        />
      </Form.Item>
      <Form.Item name={['priorityWindow', 'topN']} label={t('ownershipAdmin.pools.priority.topN')}>
        <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name={['priorityWindow', 'topPercent']}
        label={t('ownershipAdmin.pools.priority.topPercent')}
      >
        <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
