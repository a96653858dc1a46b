import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import type { AssignmentEvidenceCode } from '../decisions/decisionCodes.js';

/** Tag colours of the assignment engine's evidence: why a rule did not apply, a rep passed by, who took it. */
export const ASSIGNMENT_COLORS: Record<AssignmentEvidenceCode, string> = {
  'rule.matched': 'green',
  'rule.trigger_not_included': 'default',
  'rep.former_owner': 'orange',
  'kam.none': 'default',
  'assign.key_account_manager': 'blue',
  'rule.region_missing': 'default',
  'rule.region_not_included': 'default',
  'rule.region_excluded': 'default',
  'rule.industry_missing': 'default',
  'rule.industry_not_included': 'default',
  'rule.size_not_included': 'default',
  'rule.source_not_included': 'default',
  'rule.product_line_not_included': 'default',
  'rule.tags_not_matched': 'default',
  'rule.not_group': 'default',
  'rule.group_customer': 'default',
  'rule.no_eligible_candidate': 'orange',
  'rep.inactive': 'orange',
  'rep.absent': 'orange',
  'rep.at_capacity': 'orange',
  'assign.user': 'blue',
  'assign.team_queue': 'blue',
  'assign.pool': 'blue',
  'assign.round_robin': 'blue',
  'assign.least_loaded': 'blue',
  'assign.weighted': 'blue',
  'assignment.rules': 'geekblue',
  'assignment.retired': 'default',
};

/** Lists read as "44, 31" rather than as JSON. */
function textParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : value === null ? '—' : String(value as string | number),
    ]),
  );
}

/** One piece of assignment evidence in the reader's language, its parameters filled in. */
export function AssignmentEvidenceText({ code, params }: { code: string; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {loose(t)(`assignment.evidence.${code}`, { ...textParams(params), defaultValue: code })}
    </Typography.Text>
  );
}
