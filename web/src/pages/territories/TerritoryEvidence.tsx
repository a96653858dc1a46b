import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import type { TerritoryEvidenceCode } from '../decisions/decisionCodes.js';

/** Tag colours of what activating a territory model records. */
export const TERRITORY_COLORS: Record<TerritoryEvidenceCode, string> = {
  'territory.parties_changed': 'geekblue',
  'territory.cells_gained': 'green',
  'territory.cells_lost': 'orange',
  'territory.customers_outside': 'red',
  'territory.retired': 'default',
};

/** One piece of territory evidence in the reader's language, its parameters filled in. */
export function TerritoryEvidenceText({ code, params }: { code: string; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v as string | number)]));
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {loose(t)(`territories.evidence.${code}`, { ...text, defaultValue: code })}
    </Typography.Text>
  );
}
