import { App, DatePicker, Form, Input, Radio, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory, TerritoryModel } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useIndustries } from '../accounts/places.api.js';
import { AreasPicker } from './AreasPicker.js';
import { PartnerSelect, useCatalogueLines } from './parties.js';
import { useTerritoryMutations } from './territories.api.js';

interface DraftValues {
  name: string;
  basedOn?: string | null;
}

/** Starts a draft: a copy of the active model, or of the model chosen. */
export function NewDraftModal(props: {
  open: boolean;
  models: TerritoryModel[];
  onClose: () => void;
  onCreated: (model: TerritoryModel) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DraftValues>();
  const errors = useFormErrors(form, ['name', 'basedOn']);
  const { createDraft } = useTerritoryMutations();
  const close = () => {
    form.resetFields();
    errors.clear();
    props.onClose();
  };
  return (
    <FormModal<DraftValues>
      open={props.open}
      title={t('territories.newDraft')}
      okText={t('common.create')}
      saving={createDraft.isPending}
      form={form}
      errors={errors}
      name="territory-draft"
      onSubmit={async (v) => {
        const created = await createDraft.mutateAsync({
          name: v.name,
          ...(v.basedOn ? { basedOn: v.basedOn } : {}),
        });
        form.resetFields();
        props.onCreated(created);
      }}
      onClose={close}
    >
      <Form.Item
        name="name"
        label={t('territories.draftName')}
        rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="basedOn" label={t('territories.basedOn')} extra={t('territories.basedOnHelp')}>
        <Select
          allowClear
          options={props.models.map((m) => ({
            value: m.id,
            label: `${m.name} · ${t(`territories.status.${m.status}`)}`,
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}

interface TerritoryValues {
  code: string;
  parentCode?: string | null;
  name: string;
  areas: string[];
}

/** Adds a territory to a draft (under `parent`), or changes one (`editing`). */
export function TerritoryFormModal(props: {
  modelId: string;
  open: boolean;
  territories: Territory[];
  editing: Territory | null;
  parentCode: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TerritoryValues>();
  const errors = useFormErrors(form, ['code', 'parentCode', 'name', 'areas']);
  const { saveTerritory } = useTerritoryMutations();
  const { open, editing, parentCode } = props;
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      editing
        ? { code: editing.code, parentCode: editing.parentCode, name: editing.name, areas: editing.areas }
        : { code: '', parentCode, name: '', areas: [] },
    );
  }, [open, editing, parentCode, form]);
  const close = () => {
    form.resetFields();
    errors.clear();
    props.onClose();
  };
  return (
    <FormModal<TerritoryValues>
      open={open}
      title={editing ? t('territories.editTerritory', { name: editing.name }) : t('territories.addTerritory')}
      okText={t('territories.saveTerritory')}
      saving={saveTerritory.isPending}
      form={form}
      errors={errors}
      name="territory"
      onSubmit={async (v) => {
        await saveTerritory.mutateAsync({
          modelId: props.modelId,
          body: { code: v.code, parentCode: v.parentCode ?? null, name: v.name, areas: v.areas ?? [] },
        });
        void message.success(t('territories.territorySaved'));
        close();
      }}
      onClose={close}
    >
      <Form.Item
        name="code"
        label={t('territories.code')}
        extra={t('territories.codeHelp')}
        rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
      >
        <Input maxLength={40} disabled={!!editing} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('territories.name')}
        rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentCode" label={t('territories.parent')}>
        <Select
          allowClear
          placeholder={t('territories.topLevel')}
          options={props.territories
            .filter((x) => x.code !== editing?.code)
            .map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))}
        />
      </Form.Item>
      <Form.Item name="areas" label={t('territories.areas')} extra={t('territories.areasHelp')}>
        <AreasPicker />
      </Form.Item>
    </FormModal>
  );
}

interface AuthorisationValues {
  territoryCode: string;
  partyKind: 'partner' | 'team';
  partnerId?: string | null;
  teamId?: string | null;
  industryCodes?: string[];
  productLineCodes?: string[];
  exclusive: boolean;
  effect: 'include' | 'exclude';
  validFrom: Dayjs | null;
  validUntil?: Dayjs | null;
}

const AUTHORISATION_FIELDS = [
  'territoryCode',
  'partnerId',
  'teamId',
  'industryCodes',
  'productLineCodes',
  'exclusive',
  'effect',
  'validFrom',
  'validUntil',
] as const;

/** Authorises a partner or a direct team on a territory of a draft. */
export function AuthorisationFormModal(props: {
  modelId: string;
  territory: Territory | null;
  territories: Territory[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AuthorisationValues>();
  const errors = useFormErrors(form, AUTHORISATION_FIELDS);
  const { addAuthorisation } = useTerritoryMutations();
  const industries = useIndustries();
  const lines = useCatalogueLines();
  const partyKind = Form.useWatch('partyKind', form) ?? 'partner';
  const industryTree = useMemo(
    () => industries.index?.treeData(i18n.language, true) ?? [],
    [industries.index, i18n.language],
  );
  const { territory } = props;
  useEffect(() => {
    if (territory)
      form.setFieldsValue({
        territoryCode: territory.code,
        partyKind: 'partner',
        exclusive: false,
        effect: 'include',
        validFrom: dayjs(),
        industryCodes: [],
        productLineCodes: [],
      });
  }, [territory, form]);
  const close = () => {
    form.resetFields();
    errors.clear();
    props.onClose();
  };
  return (
    <FormModal<AuthorisationValues>
      open={territory !== null}
      title={t('territories.authoriseOn', { name: territory?.name ?? '' })}
      okText={t('territories.addAuthorisation')}
      saving={addAuthorisation.isPending}
      form={form}
      errors={errors}
      name="territory-authorisation"
      onSubmit={async (v) => {
        await addAuthorisation.mutateAsync({
          modelId: props.modelId,
          body: {
            territoryCode: v.territoryCode,
            ...(v.partyKind === 'partner'
              ? { partnerId: v.partnerId ?? undefined }
              : { teamId: v.teamId ?? undefined }),
            industryCodes: v.industryCodes ?? [],
            productLineCodes: v.productLineCodes ?? [],
            exclusive: v.exclusive,
            effect: v.effect,
            validFrom: v.validFrom?.format('YYYY-MM-DD') ?? '',
            validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null,
          },
        });
        void message.success(t('territories.authorisationAdded'));
        close();
      }}
      onClose={close}
    >
      <Form.Item name="territoryCode" label={t('territories.territory')}>
        <Select options={props.territories.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))} />
      </Form.Item>
      <Form.Item name="partyKind" label={t('territories.party')}>
        <Radio.Group
          options={[
            { value: 'partner', label: t('territories.partnerKind') },
            { value: 'team', label: t('territories.teamKind') },
          ]}
        />
      </Form.Item>
      {partyKind === 'partner' ? (
        <Form.Item
          name="partnerId"
          label={t('territories.partnerKind')}
          rules={[{ required: true, message: t('problems.required') }]}
        >
          <PartnerSelect style={{ width: '100%' }} data-testid="authorisation-partner" />
        </Form.Item>
      ) : (
        <Form.Item
          name="teamId"
          label={t('territories.teamKind')}
          rules={[{ required: true, message: t('problems.required') }]}
        >
          <TeamSelect style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="industryCodes" label={t('territories.industries')} extra={t('territories.everyHelp')}>
        <TreeSelect<string[]>
          multiple
          treeData={industryTree}
          loading={industries.isLoading}
          showSearch={{ treeNodeFilterProp: 'title' }}
          allowClear
          popupMatchSelectWidth={false}
          placeholder={t('territories.every')}
        />
      </Form.Item>
      <Form.Item
        name="productLineCodes"
        label={t('territories.productLines')}
        extra={t('territories.everyHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          placeholder={t('territories.every')}
          options={(lines.data?.items ?? []).map((l) => ({
            value: l.code,
            label: `${l.code} ${i18n.language === 'en' ? l.nameEn : l.nameZh}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="effect" label={t('territories.effectLabel')}>
        <Radio.Group
          options={[
            { value: 'include', label: t('territories.effect.include') },
            { value: 'exclude', label: t('territories.effect.exclude') },
          ]}
        />
      </Form.Item>
      <Form.Item name="exclusive" label={t('territories.exclusivity')} extra={t('territories.exclusiveHelp')}>
        <Radio.Group
          options={[
            { value: false, label: t('territories.shared') },
            { value: true, label: t('territories.exclusive') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="validFrom"
        label={t('territories.from')}
        rules={[{ required: true, message: t('problems.required') }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="validUntil" label={t('territories.until')} extra={t('territories.untilHelp')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Typography.Text type="secondary">{t('territories.draftOnly')}</Typography.Text>
    </FormModal>
  );
}
