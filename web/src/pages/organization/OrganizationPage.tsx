import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { LANGUAGES, type Organization, type UpdateOrganizationBody } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useEnterKey } from '../../components/enterKey.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { currencyOptions, timeZoneOptions } from './zones.js';

const orgKey = ['organization'] as const;
const FIELDS = [
  'name',
  'timeZone',
  'currency',
  'defaultLanguage',
  'matchSameThreshold',
  'matchPossibleThreshold',
  'revealOwnerOnConflict',
] as const;
type OrgFormValues = Required<UpdateOrganizationBody>;

export function OrganizationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('org:write');
  const client = useQueryClient();
  const [form] = Form.useForm<OrgFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const onKeyDown = useEnterKey(form);
  const org = useQuery({ queryKey: orgKey, queryFn: () => api.get<Organization>('/api/v1/organization') });
  const save = useMutation({
    mutationFn: (body: UpdateOrganizationBody) => api.patch<Organization>('/api/v1/organization', body),
    onSuccess: (saved) => {
      client.setQueryData(orgKey, saved);
      void message.success(t('organization.saved'));
    },
    onError: errors.show,
  });
  const zones = useMemo(timeZoneOptions, []);
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);

  useEffect(() => {
    if (org.data) form.setFieldsValue(org.data);
  }, [org.data, form]);

  return (
    <Card title={t('organization.title')} loading={org.isLoading} style={{ maxWidth: 640 }}>
      {org.error && (
        <Alert type="error" showIcon title={errorText(t, org.error)} style={{ marginBottom: 16 }} />
      )}
      {!canWrite && (
        <Alert type="info" showIcon title={t('organization.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <FormAlert message={errors.alert} />
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        name="organization"
        disabled={!canWrite}
        onFinish={(values) => save.mutate({ ...values, name: values.name.trim() })}
        onValuesChange={errors.onValuesChange}
        onKeyDown={onKeyDown}
      >
        <Form.Item name="name" label={t('organization.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('organization.timeZone')}
          extra={t('organization.timeZoneHelp')}
          rules={[{ required: true }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
        </Form.Item>
        <Form.Item name="currency" label={t('organization.currency')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={currencies} />
        </Form.Item>
        <Form.Item
          name="defaultLanguage"
          label={t('organization.defaultLanguage')}
          rules={[{ required: true }]}
        >
          <Select options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
        </Form.Item>
        <Divider titlePlacement="start">{t('organization.matching')}</Divider>
        <Form.Item
          name="matchSameThreshold"
          label={t('organization.matchSameThreshold')}
          extra={t('organization.matchSameHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0.01} max={0.999} step={0.01} precision={3} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="matchPossibleThreshold"
          label={t('organization.matchPossibleThreshold')}
          extra={t('organization.matchPossibleHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0.01} max={0.999} step={0.01} precision={3} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="revealOwnerOnConflict"
          label={t('organization.revealOwnerOnConflict')}
          extra={t('organization.revealOwnerOnConflictHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Flex align="center" gap={16} wrap>
          {canWrite && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
          {org.data && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('users.updatedAt')}: {formatDateTime(org.data.updatedAt, i18n.language)}
            </Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
