import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import { formulaText, type Formula } from './planFormula.js';

export type { Formula } from './planFormula.js';

/**
 * One formula of the calculation in the reader's language, money formatted in the plan currency. Used by the
 * plan editor's live example and by statements.
 */
export function CommissionFormula(props: {
  formula: Formula;
  currency: string;
  tierOn?: 'attainment' | 'volume';
}) {
  const { t, i18n } = useTranslation();
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {formulaText(t, i18n.language, props.formula, props.currency, props.tierOn)}
    </Typography.Text>
  );
}

/** A line kind (`earning`, `clawback`, …) in the reader's language. */
export function useLineKindText(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => loose(t)(`commissionFormula.lineKinds.${kind}`, { defaultValue: kind });
}
