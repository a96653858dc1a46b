import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkedMinor, fromMinor } from '../../../../src/modules/activities/money.js';
import { api } from '../../api/client.js';
import type { PartnerTier, UpdateTierBody } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
import { amountRule } from '../../components/fieldRules.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatAmount } from '../activities/money.js';
import { useProductLines } from '../activities/activities.api.js';
import { currencyOptions } from '../organization/zones.js';
import { partnersKey, usePartnerTiers } from './partners.api.js';

interface TierFormValues {
  nameZh: string;
  nameEn: string;
  protectionDays: number;
  ownRule: boolean;
  maxAmount: string | undefined;
  currency: string | undefined;
  productLineIds: string[];
  reason: string | undefined;
}

/** Fields the server may name; its problems with the approval rule (`autoApprove.…`) show above the form. */
const FIELDS = ['nameZh', 'nameEn', 'protectionDays', 'reason'] as const;

/**
 * The partner tiers: each one's protection period and its own rule for approving a registration without a
 * reviewer (an amount limit in a currency, perhaps only for some product lines). Those who configure
 * partners edit a tier in a dialog; everyone who may see partners reads the table.
 */
export function TierSettingsCard({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const tiers = usePartnerTiers();
  const lines = useProductLines();
  const [editing, setEditing] = useState<PartnerTier | null>(null);
  const zh = i18n.language === 'zh-CN';
  const named = (x: { nameZh: string; nameEn: string }) => (zh ? x.nameZh : x.nameEn);
  const lineNames = useMemo(
    () => new Map((lines.data?.items ?? []).map((l) => [l.id, zh ? l.nameZh : l.nameEn])),
    [lines.data, zh],
  );

  const autoText = (tier: PartnerTier) => {
    const rule = tier.autoApprove;
    if (rule.maxAmountMinor === null || rule.currency === null) return t('channelSettings.autoNone');
    const amount = formatAmount(fromMinor(rule.maxAmountMinor, rule.currency), rule.currency, i18n.language);
    const upTo = t('channelSettings.autoUpTo', { amount });
    if (rule.productLineIds.length === 0) return upTo;
    const names = rule.productLineIds.map((id) => lineNames.get(id) ?? id).join(zh ? '、' : ', ');
    return `${upTo} · ${t('channelSettings.autoLines', { lines: names })}`;
  };

  return (
    <Card title={t('channelSettings.tiers')} style={{ maxWidth: 720 }}>
      {tiers.error && (
        <Alert type="error" showIcon title={errorText(t, tiers.error)} style={{ marginBottom: 16 }} />
      )}
      <Alert type="info" showIcon title={t('channelSettings.tiersHelp')} style={{ marginBottom: 16 }} />
      <Table<PartnerTier>
        rowKey="id"
        size="small"
        loading={tiers.isLoading}
        dataSource={tiers.data?.items ?? []}
        pagination={false}
        columns={[
          { key: 'tier', title: t('channelSettings.tier'), render: (_, tier) => named(tier) },
          { key: 'days', title: t('channelSettings.protectionDays'), dataIndex: 'protectionDays' },
          { key: 'auto', title: t('channelSettings.autoRule'), render: (_, tier) => autoText(tier) },
          ...(canWrite
            ? [
                {
                  key: 'edit',
                  title: '',
                  render: (_: unknown, tier: PartnerTier) => (
                    <Button size="small" onClick={() => setEditing(tier)}>
                      {t('channelSettings.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <TierDialog
          tier={editing}
          title={t('channelSettings.editTier', { name: named(editing) })}
          lineOptions={[...lineNames].map(([value, label]) => ({ value, label }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function TierDialog(props: {
  tier: PartnerTier;
  title: string;
  lineOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { tier } = props;
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<TierFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const ownRule = Form.useWatch('ownRule', form);
  const currency = Form.useWatch('currency', form);
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);
  const rule = tier.autoApprove;
  const initial: TierFormValues = {
    nameZh: tier.nameZh,
    nameEn: tier.nameEn,
    protectionDays: tier.protectionDays,
    ownRule: rule.maxAmountMinor !== null,
    maxAmount:
      rule.maxAmountMinor && rule.currency ? fromMinor(rule.maxAmountMinor, rule.currency) : undefined,
    currency: rule.currency ?? undefined,
    productLineIds: rule.productLineIds,
    reason: undefined,
  };
  const save = useMutation({
    mutationFn: (body: UpdateTierBody) => api.patch<PartnerTier>(`/api/v1/partner-tiers/${tier.id}`, body),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: partnersKey });
      void message.success(
        t('channelSettings.tierSaved', { name: i18n.language === 'zh-CN' ? saved.nameZh : saved.nameEn }),
      );
      props.onClose();
    },
    onError: errors.show,
  });
  const submit = (v: TierFormValues) =>
    save.mutate({
      nameZh: v.nameZh.trim(),
      nameEn: v.nameEn.trim(),
      protectionDays: v.protectionDays,
      autoApprove: v.ownRule
        ? {
            maxAmountMinor: checkedMinor(v.maxAmount!.trim(), v.currency!),
            currency: v.currency!,
            productLineIds: v.productLineIds,
          }
        : { maxAmountMinor: null, currency: null, productLineIds: [] },
      ...(v.reason?.trim() && { reason: v.reason.trim() }),
    });
  const label = (key: string) => t(`channelSettings.${key}` as 'channelSettings.tier');

  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormAlert message={errors.alert} />
      <Form<TierFormValues>
        form={form}
        layout="vertical"
        name="tier"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={errors.onValuesChange}
      >
        <Form.Item name="nameZh" label={label('nameZh')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={label('nameEn')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="protectionDays" label={label('protectionDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="ownRule" label={label('ownAutoRule')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {ownRule && (
          <>
            <Form.Item name="currency" label={label('autoCurrency')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={currencies} />
            </Form.Item>
            <Form.Item
              name="maxAmount"
              label={label('autoMax')}
              dependencies={['currency']}
              rules={[amountRule(t, currency ?? 'CNY', true)]}
            >
              <Input inputMode="decimal" suffix={currency} />
            </Form.Item>
            <Form.Item
              name="productLineIds"
              label={label('autoProductLines')}
              extra={label('autoProductLinesHelp')}
            >
              <Select mode="multiple" options={props.lineOptions} optionFilterProp="label" />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={label('reason')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
