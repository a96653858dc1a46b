import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FenceVerdict } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { IndustrySelect, RegionCascader } from '../accounts/PlacePickers.js';
import { AuthorisationTerms } from './AuthorisationView.js';
import { useCatalogueLines } from './parties.js';
import { PartyPicker, usePartyDefault, type Party } from './PartyPicker.js';
import { useFenceCheck } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';

interface CheckValues {
  regionCode: string | null;
  industryCode?: string | null;
  productLineCode?: string | null;
  date?: Dayjs | null;
}

// The party is picked outside the form: a problem with it shows in the alert.
const FIELDS = ['regionCode', 'industryCode', 'productLineCode', 'date'] as const;

/**
 * The electronic fence as a tool: may this partner (or team) act in this region × industry × product line
 * on this date? A refusal shows OUTSIDE_TERRITORY and what the party is authorised for, from codes.
 */
export function FenceCheckPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CheckValues>();
  const errors = useFormErrors(form, FIELDS);
  const [party, setParty] = useState<Party>(usePartyDefault());
  const check = useFenceCheck();
  const lines = useCatalogueLines();
  const [verdict, setVerdict] = useState<FenceVerdict | null>(null);

  const submit = async (v: CheckValues) => {
    errors.clear();
    setVerdict(null);
    try {
      setVerdict(
        await check.mutateAsync({
          ...(party.kind === 'partner'
            ? { partnerId: party.id ?? undefined }
            : { teamId: party.id ?? undefined }),
          regionCode: v.regionCode ?? '',
          industryCode: v.industryCode ?? undefined,
          productLineCode: v.productLineCode?.trim() || undefined,
          date: v.date ? v.date.format('YYYY-MM-DD') : undefined,
        }),
      );
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="check" />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('territories.checkIntro')}
      </Typography.Paragraph>
      <Card size="small">
        <Form<CheckValues>
          form={form}
          layout="vertical"
          name="fence-check"
          onFinish={(v) => void submit(v)}
          onValuesChange={errors.onValuesChange}
          style={{ maxWidth: 560 }}
        >
          <Form.Item label={t('territories.party')} required>
            <PartyPicker
              value={party}
              onChange={(next) => {
                setParty(next);
                setVerdict(null);
              }}
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('territories.region')}
            rules={[{ required: true, message: t('problems.required') }]}
          >
            <RegionCascader style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="industryCode"
            label={t('territories.industry')}
            extra={t('territories.industryHelp')}
          >
            <IndustrySelect style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="productLineCode"
            label={t('territories.productLine')}
            extra={t('territories.productLineHelp')}
          >
            {lines.data ? (
              <Select
                allowClear
                options={lines.data.items.map((l) => ({
                  value: l.code,
                  label: `${l.code} ${i18n.language === 'en' ? l.nameEn : l.nameZh}`,
                }))}
              />
            ) : (
              <Input />
            )}
          </Form.Item>
          <Form.Item name="date" label={t('territories.onDate')} extra={t('territories.onDateHelp')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <FormAlert message={errors.alert} placement="bottom" />
          <Button
            type="primary"
            htmlType="submit"
            loading={check.isPending}
            disabled={!party.id}
            data-testid="check-fence"
          >
            {t('territories.check')}
          </Button>
        </Form>
      </Card>
      {verdict && <FenceVerdictView verdict={verdict} />}
    </Space>
  );
}

/** The fence's answer in the reader's language, from its codes. */
export function FenceVerdictView({ verdict }: { verdict: FenceVerdict }) {
  const { t } = useTranslation();
  if (verdict.allowed)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="fence-verdict"
        title={t('territories.allowed')}
        description={verdict.via ? t(`territories.via.${verdict.via.kind}`) : undefined}
      />
    );
  return (
    <Flex vertical gap={8} data-testid="fence-verdict">
      <Alert
        type="error"
        showIcon
        title={`OUTSIDE_TERRITORY · ${t('errors.OUTSIDE_TERRITORY')}`}
        description={verdict.reason ? t(`territories.reason.${verdict.reason}`) : undefined}
      />
      <Typography.Text strong>
        {verdict.authorised.length
          ? t('territories.authorisedFor', { count: verdict.authorised.length })
          : t('territories.authorisedForNothing')}
      </Typography.Text>
      {verdict.authorised.map((scope) => (
        <Card size="small" key={scope.authorisationId} data-testid="authorised-scope">
          <AuthorisationTerms item={scope} territoryName={scope.territoryCode} />
        </Card>
      ))}
    </Flex>
  );
}
