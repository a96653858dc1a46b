import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountFormValues } from './accountForm.js';
import { useRegions } from './places.api.js';
import { regionText } from './places.js';
import { IndustrySelect, RegionCascader } from './PlacePickers.js';

const NAMES = ['province', 'city', 'district'] as const;

/** The cascader under the form's `regionCode`; the names follow the code, for the duplicate check. */
function RegionInput(props: {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
}) {
  const form = Form.useFormInstance<AccountFormValues>();
  const regions = useRegions();
  return (
    <RegionCascader
      id={props.id}
      value={props.value}
      onChange={(code) => {
        const names = regions.index?.names(code);
        form.setFieldsValue({
          province: names?.province ?? null,
          city: names?.city ?? null,
          district: names?.district ?? null,
        });
        props.onChange?.(code);
      }}
    />
  );
}

/**
 * Region, chosen in a cascader (province → city → district). A record entered before the codes shows the
 * text it was entered with until a region is chosen.
 */
export function RegionField() {
  const { t } = useTranslation();
  return (
    <>
      {NAMES.map((name) => (
        <Form.Item key={name} name={name} hidden>
          <Input />
        </Form.Item>
      ))}
      <Form.Item noStyle dependencies={['regionCode', ...NAMES]}>
        {({ getFieldValue }) => {
          const legacy = getFieldValue('regionCode')
            ? null
            : regionText(
                {
                  province: getFieldValue('province') as string | null,
                  city: getFieldValue('city') as string | null,
                  district: getFieldValue('district') as string | null,
                  industry: null,
                },
                null,
              );
          return (
            <Form.Item
              name="regionCode"
              label={t('places.regionCode')}
              extra={legacy ? t('places.freeText', { text: legacy }) : t('places.regionHelp')}
            >
              <RegionInput />
            </Form.Item>
          );
        }}
      </Form.Item>
    </>
  );
}

/** Industry, a division chosen from the standard's list in the UI language; older records show their text. */
export function IndustryField() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="industry" hidden>
        <Input />
      </Form.Item>
      <Form.Item noStyle dependencies={['industryCode', 'industry']}>
        {({ getFieldValue }) => {
          const legacy = getFieldValue('industryCode') ? null : (getFieldValue('industry') as string | null);
          return (
            <Form.Item
              name="industryCode"
              label={t('places.industryCode')}
              extra={legacy ? t('places.freeText', { text: legacy }) : t('places.industryHelp')}
            >
              <IndustrySelect />
            </Form.Item>
          );
        }}
      </Form.Item>
    </>
  );
}
