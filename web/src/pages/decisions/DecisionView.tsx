import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { ActorName } from './ActorName.js';
import { isAdmissionSource, isKnownRule, isKnownVerdict, paramText } from './decisionCodes.js';
import { EvidenceList } from './DecisionEvidence.js';

const KIND_COLORS: Record<Decision['kind'], string> = {
  'account.admission': 'blue',
  'account.merge': 'purple',
  'import.cluster': 'gold',
  access_request: 'cyan',
  'ownership.assign': 'green',
  'ownership.claim': 'green',
  'ownership.release': 'red',
  'ownership.transfer': 'purple',
  'ownership.lock': 'gold',
  'ownership.convert': 'green',
  'assignment.publish': 'geekblue',
  'registration.verdict': 'magenta',
  'registration.review': 'magenta',
  'registration.extension': 'magenta',
  'registration.expiry': 'red',
  'partner.admission': 'magenta',
  'partner.status': 'magenta',
  'partner.registration_rights': 'volcano',
  'territory.activate': 'geekblue',
  'case.decision': 'volcano',
  'credit.assign': 'gold',
  'commission.plan': 'geekblue',
  'commission.calculate': 'green',
  'commission.adjust': 'gold',
  'commission.dispute': 'volcano',
};

/** The verdict in words: "Created despite similar customers"; a verdict the web does not know, as it is. */
export function verdictText(t: TFunction, decision: Pick<Decision, 'kind' | 'verdict'>): string {
  const { kind, verdict } = decision;
  return isKnownVerdict(kind, verdict) ? loose(t)(`decisions.verdicts.${kind}.${verdict}`) : verdict;
}

const PARAM_ORDER = ['same', 'possible', 'source'];

/**
 * A rule's parameters in words: the thresholds it ran with ("same customer from 0.92") and the occasion;
 * parameters the web does not know, as `name: value`.
 */
export function ruleParamTexts(t: TFunction, params: Record<string, unknown>): string[] {
  // The database keeps JSON keys in its own order: the known ones are put in the order one reads them.
  const rank = (key: string) => {
    const known = PARAM_ORDER.indexOf(key);
    return known < 0 ? PARAM_ORDER.length : known;
  };
  const entries = Object.entries(params).sort(([a], [b]) => rank(a) - rank(b));
  return entries.flatMap(([key, value]) => {
    if ((key === 'same' || key === 'possible') && typeof value === 'number')
      return [t(`decisions.params.${key}`, { value })];
    if (key === 'source' && isAdmissionSource(value))
      return [t('decisions.params.source', { value: t(`decisions.sources.${value}`) })];
    const text = paramText(value) ?? JSON.stringify(value);
    return [`${key}: ${text}`];
  });
}

/** Kind, verdict and time of a decision, on one line that wraps. */
export function DecisionHeading({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
      <Tag color={KIND_COLORS[decision.kind]}>{t(`decisions.kinds.${decision.kind}`)}</Tag>
      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
        {verdictText(t, decision)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(decision.at, i18n.language)}
      </Typography.Text>
    </Flex>
  );
}

function RuleText({ rule }: { rule: Decision['rule'] }) {
  const { t } = useTranslation();
  const params = ruleParamTexts(t, rule.params);
  return (
    <Flex gap={6} wrap align="center" data-testid="decision-rule">
      {isKnownRule(rule.id) && <span>{t(`decisions.rules.${rule.id}`)}</span>}
      <Typography.Text code>{rule.id}</Typography.Text>
      <Typography.Text type="secondary">
        {t('decisions.ruleVersion', { version: rule.version })}
      </Typography.Text>
      {params.length > 0 && <span style={{ wordBreak: 'break-word' }}>{params.join(' · ')}</span>}
    </Flex>
  );
}

/** A decision: the rule and version that made it with its parameters, who and when, and its evidence. */
export function DecisionView({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  const { effective } = decision;
  const when = (iso: string | undefined) => (iso ? formatDateTime(iso, i18n.language) : '…');
  const items = [
    { key: 'rule', label: t('decisions.rule'), children: <RuleText rule={decision.rule} /> },
    { key: 'at', label: t('decisions.at'), children: formatDateTime(decision.at, i18n.language) },
    { key: 'by', label: t('decisions.by'), children: <ActorName actorId={decision.actorId} /> },
    ...(effective && (effective.from || effective.until)
      ? [
          {
            key: 'effective',
            label: t('decisions.effective'),
            children: t('decisions.effectiveRange', {
              from: when(effective.from),
              until: when(effective.until),
            }),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12} data-testid="decision" data-kind={decision.kind} data-verdict={decision.verdict}>
      <Descriptions size="small" column={1} items={items} />
      <Typography.Text strong>{t('decisions.evidence')}</Typography.Text>
      <EvidenceList items={decision.evidence} />
      {decision.notApplied.length > 0 && (
        <>
          <Typography.Text strong>{t('decisions.notApplied')}</Typography.Text>
          {decision.notApplied.map((skipped, i) => (
            <Flex key={`${skipped.rule.id}-${i}`} vertical gap={8}>
              <RuleText rule={skipped.rule} />
              <EvidenceList items={skipped.evidence} />
            </Flex>
          ))}
        </>
      )}
    </Flex>
  );
}
