import { LockOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionEvidence } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { AccountLink } from '../accounts/AccountLink.js';
import { ReasonsTable } from '../accounts/DuplicatePanel.js';
import { scorePercent } from '../accounts/evidenceText.js';
import { ImportRef } from '../imports/ImportRef.js';
import { ActorName } from './ActorName.js';
import {
  fieldEvidence,
  isHidden,
  isKnownEvidence,
  paramId,
  paramLines,
  paramText,
  type DecisionEvidenceCode,
  type OwnershipEvidenceCode,
} from './decisionCodes.js';
import { ASSIGNMENT_COLORS, AssignmentEvidenceText } from '../assignment/AssignmentEvidence.js';

const COLORS: Record<DecisionEvidenceCode, string> = {
  'match.same': 'red',
  'match.possible': 'orange',
  'match.different': 'default',
  'match.none': 'green',
  'match.same_not_visible': 'red',
  'admission.confirmed': 'gold',
  'owner.creator': 'blue',
  'owner.from_file': 'blue',
  'owner.assigned': 'blue',
  'import.rows': 'cyan',
  'import.row_failed': 'red',
  'import.resolved': 'gold',
  'merge.requested': 'purple',
  'access.requested': 'blue',
  'access.decided': 'gold',
  'access.ownership_unchanged': 'default',
  'pool.claimed': 'green',
  'pool.distributed': 'green',
  'claim.former_holder': 'gold',
  'claim.within_limit': 'default',
  'recovery.no_follow_up': 'red',
  'recovery.no_opportunity': 'red',
  'recovery.not_won': 'red',
  'recovery.to_pool': 'blue',
  'recovery.other_grade': 'default',
  'recovery.exempt_won': 'green',
  'recovery.exempt_open_opportunity': 'green',
  'recovery.later_deadline': 'default',
  'release.requested': 'purple',
  'lock.within_limit': 'default',
  'lock.released': 'default',
  'transfer.requested': 'purple',
  'won.converts_long_term': 'green',
  ...ASSIGNMENT_COLORS,
};

const Secondary = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);
const Prose = ({ children }: { children: ReactNode }) => (
  <span style={{ wordBreak: 'break-word', overflowWrap: 'anywhere' }}>{children}</span>
);

/** What one piece of evidence says, after its label: the customer, the reason, the rows, the owner. */
function EvidenceBody({ code, params }: { code: DecisionEvidenceCode; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const id = (key: string) => paramId(params[key]);
  const reason = paramText(params.reason) ?? '';
  switch (code) {
    case 'match.same':
    case 'match.possible':
    case 'match.different': {
      const accountId = id('accountId');
      const score = typeof params.score === 'number' ? params.score : null;
      return (
        <>
          {accountId && <AccountLink id={accountId} />}
          {score !== null && <Secondary>{t('match.score', { score: scorePercent(score) })}</Secondary>}
        </>
      );
    }
    case 'match.none':
      return <Prose>{t('decisions.texts.none')}</Prose>;
    case 'match.same_not_visible':
      return <Prose>{t('decisions.texts.sameNotVisible')}</Prose>;
    case 'admission.confirmed':
      return <Prose>{t('decisions.texts.confirmed', { reason })}</Prose>;
    case 'owner.creator':
      return (
        <>
          <span>{t('decisions.texts.ownerCreator')}</span>
          <ActorName actorId={id('ownerId')} />
          {id('partnerId') && <Secondary>{t('decisions.texts.ownerPartner')}</Secondary>}
        </>
      );
    case 'owner.assigned':
      return <Prose>{t('decisions.texts.ownerAssigned')}</Prose>;
    case 'owner.from_file': {
      const importId = id('importId');
      return (
        <>
          <span>{t('decisions.texts.ownerFromFile', { login: paramText(params.login) ?? '' })}</span>
          <ActorName actorId={id('ownerId')} />
          {importId && <ImportRef importId={importId} lines={paramLines(params.lines)} />}
        </>
      );
    }
    case 'import.rows': {
      const importId = id('importId');
      return importId ? <ImportRef importId={importId} lines={paramLines(params.lines)} /> : null;
    }
    case 'import.row_failed': {
      const error = paramText(params.code) ?? 'INTERNAL';
      const said = loose(t)(`errors.${error}`, { defaultValue: paramText(params.message) ?? error });
      return <Prose>{t('decisions.texts.rowFailed', { error: said })}</Prose>;
    }
    case 'import.resolved': {
      const accountId = id('accountId');
      return (
        <>
          <Prose>
            {t(
              params.action === 'merge' ? 'decisions.texts.resolvedMerge' : 'decisions.texts.resolvedCreate',
            )}
          </Prose>
          {accountId && <AccountLink id={accountId} />}
        </>
      );
    }
    case 'merge.requested': {
      const mergedId = id('mergedId');
      return (
        <>
          {mergedId && <AccountLink id={mergedId} />}
          {reason && <Prose>{t('decisions.texts.mergeRequested', { reason })}</Prose>}
        </>
      );
    }
    case 'access.requested':
      return (
        <Prose>
          {params.kind === 'conflict' ? t('accessRequests.kinds.conflict') : t('accessRequests.kinds.access')}
        </Prose>
      );
    case 'access.decided':
      return (
        <Prose>
          {params.decision === 'grant'
            ? t('accessRequests.decisions.grant')
            : t('accessRequests.decisions.deny')}
        </Prose>
      );
    case 'access.ownership_unchanged':
      return <Prose>{t('decisions.texts.ownershipUnchanged')}</Prose>;
    case 'pool.claimed':
    case 'pool.distributed':
    case 'claim.former_holder':
    case 'claim.within_limit':
    case 'recovery.no_follow_up':
    case 'recovery.no_opportunity':
    case 'recovery.not_won':
    case 'recovery.to_pool':
    case 'recovery.other_grade':
    case 'recovery.exempt_won':
    case 'recovery.exempt_open_opportunity':
    case 'recovery.later_deadline':
    case 'release.requested':
    case 'lock.within_limit':
    case 'lock.released':
    case 'transfer.requested':
    case 'won.converts_long_term':
      return <OwnershipEvidence code={code} params={params} />;
    // Assignment codes: one sentence with their parameters.
    case 'rule.matched':
    case 'rule.region_missing':
    case 'rule.region_not_included':
    case 'rule.region_excluded':
    case 'rule.industry_missing':
    case 'rule.industry_not_included':
    case 'rule.size_not_included':
    case 'rule.source_not_included':
    case 'rule.product_line_not_included':
    case 'rule.tags_not_matched':
    case 'rule.not_group':
    case 'rule.group_customer':
    case 'rule.no_eligible_candidate':
    case 'rep.inactive':
    case 'rep.absent':
    case 'rep.at_capacity':
    case 'assign.user':
    case 'assign.team_queue':
    case 'assign.pool':
    case 'assign.round_robin':
    case 'assign.least_loaded':
    case 'assign.weighted':
    case 'assignment.rules':
    case 'assignment.retired':
      return <AssignmentEvidenceText code={code} params={params} />;
  }
}

const day = (value: unknown) => (paramText(value) ?? '').slice(0, 10);

/** Ownership evidence: pools, limits, recovery deadlines and hand-overs, said with their parameters. */
function OwnershipEvidence({
  code,
  params,
}: {
  code: OwnershipEvidenceCode;
  params: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const text = (key: string) => paramText(params[key]) ?? '';
  const num = (key: string) => (typeof params[key] === 'number' ? params[key] : 0);
  switch (code) {
    case 'pool.claimed':
      return (
        <Prose>
          {t('decisions.texts.poolClaimed', { pool: text('poolName'), at: day(params.pooledAt) })}
        </Prose>
      );
    case 'pool.distributed':
      return (
        <>
          <Prose>{t('decisions.texts.poolDistributed', { pool: text('poolName') })}</Prose>
          <ActorName actorId={paramId(params.toUserId)} />
        </>
      );
    case 'claim.former_holder':
      return (
        <Prose>
          {t('decisions.texts.formerHolder', { until: day(params.heldUntil), days: num('cooldownDays') })}
        </Prose>
      );
    case 'claim.within_limit':
    case 'lock.within_limit':
      return <Prose>{t('decisions.texts.withinLimit', { count: num('count'), max: num('max') })}</Prose>;
    case 'recovery.no_follow_up':
    case 'recovery.no_opportunity':
    case 'recovery.not_won':
      return (
        <Prose>
          {t('decisions.texts.recovery', {
            name: text('name'),
            days: num('days'),
            anchor: day(params.anchor),
            returnsOn: text('returnsOn'),
          })}
        </Prose>
      );
    case 'recovery.to_pool':
      return <Prose>{text('poolName')}</Prose>;
    case 'recovery.other_grade':
      return <Prose>{t('decisions.texts.otherGrade', { name: text('name'), grade: text('grade') })}</Prose>;
    case 'recovery.exempt_won':
      return <Prose>{t('decisions.texts.exemptWon', { name: text('name'), at: day(params.wonAt) })}</Prose>;
    case 'recovery.exempt_open_opportunity':
      return <Prose>{t('decisions.texts.exemptOpen', { name: text('name'), count: num('open') })}</Prose>;
    case 'recovery.later_deadline':
      return (
        <Prose>
          {t('decisions.texts.laterDeadline', { name: text('name'), returnsOn: text('returnsOn') })}
        </Prose>
      );
    case 'release.requested':
      return (
        <Prose>{t('decisions.texts.released', { pool: text('poolName'), reason: text('reason') })}</Prose>
      );
    case 'transfer.requested':
      return <Prose>{t('decisions.texts.quoted', { text: text('note') })}</Prose>;
    case 'won.converts_long_term':
      return <Prose>{t('decisions.texts.wonAt', { at: day(params.wonAt) })}</Prose>;
    case 'lock.released':
      return null;
  }
}

/** A code the web does not know yet: its code and parameters as they are. */
function UnknownEvidence({ item }: { item: DecisionEvidence }) {
  return (
    <Flex gap={8} wrap align="center" data-testid="decision-evidence" data-code={item.code}>
      <Tag style={{ fontFamily: 'monospace' }}>{item.code}</Tag>
      <Prose>
        <Typography.Text type="secondary">{JSON.stringify(item.params)}</Typography.Text>
      </Prose>
    </Flex>
  );
}

/**
 * One piece of a decision's evidence. Evidence about a record the reader may not see keeps only its code:
 * it says so, without details. A candidate customer shows the field-by-field evidence it was scored on.
 */
export function EvidenceItem({ item }: { item: DecisionEvidence }) {
  const { t } = useTranslation();
  const code = item.code;
  if (!isKnownEvidence(code)) return <UnknownEvidence item={item} />;
  const hidden = isHidden(item);
  const fields = hidden ? [] : fieldEvidence(item);
  return (
    <Flex vertical gap={6} data-testid="decision-evidence" data-code={code} data-hidden={hidden}>
      <Flex gap={8} wrap align="center">
        <Tag color={COLORS[code]}>{t(`decisions.labels.${code}`)}</Tag>
        {hidden ? (
          <>
            <LockOutlined aria-hidden />
            <Secondary>{t('decisions.hidden')}</Secondary>
          </>
        ) : (
          <EvidenceBody code={code} params={item.params} />
        )}
      </Flex>
      {fields.length > 0 && <ReasonsTable reasons={fields} />}
      {/* An assignment carries the rule engine's own reasons: the rule that fired, the people it passed over. */}
      {!hidden && code === 'owner.assigned' && item.evidence && (
        <div style={{ paddingInlineStart: 16 }}>
          <EvidenceList items={item.evidence} />
        </div>
      )}
    </Flex>
  );
}

export function EvidenceList({ items }: { items: readonly DecisionEvidence[] }) {
  return (
    <Flex vertical gap={12}>
      {items.map((item, i) => (
        <EvidenceItem key={`${item.code}-${i}`} item={item} />
      ))}
    </Flex>
  );
}
