import { LockOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
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
import { REGISTRATION_COLORS, RegistrationEvidenceText } from '../registrations/RegistrationEvidence.js';
import { TERRITORY_COLORS, TerritoryEvidenceText } from '../territories/TerritoryEvidence.js';
import { CaseEvidenceText } from '../cases/CaseEvidence.js';
import { CREDIT_COLORS, CreditEvidenceText } from '../transactions/CreditEvidence.js';
import { COMMISSION_COLORS } from '../commission/commissionColors.js';
import { CommissionEvidenceText } from '../commission/CommissionEvidence.js';

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
  'access.ownership_moved': 'green',
  'pool.claimed': 'green',
  'pool.distributed': 'green',
  'claim.former_holder': 'gold',
  'claim.within_limit': 'default',
  'claim.priority_window': 'blue',
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
  ...REGISTRATION_COLORS,
  'partner.existing_account': 'blue',
  'partner.new_account': 'green',
  'partner.admission_decision': 'default',
  'partner.transition': 'magenta',
  'partner.handover': 'purple',
  'partner.certification_lapsed': 'red',
  'partner.certifications_valid': 'green',
  'transfer.partner_terminated': 'purple',
  ...TERRITORY_COLORS,
  'case.opened': 'blue',
  'case.outcome': 'volcano',
  ...CREDIT_COLORS,
  ...COMMISSION_COLORS,
};

const Secondary = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);
const Prose = ({ children }: { children: ReactNode }) => (
  <span style={{ wordBreak: 'break-word', overflowWrap: 'anywhere' }}>{children}</span>
);

const UNCHANGED = ['denied', 'account_not_active', 'requester_inactive', 'already_owner'] as const;

/** Why a decided request left the customer where it was; decisions from before the reason was kept say less. */
function unchangedText(t: TFunction, reason: string | null) {
  const why = UNCHANGED.find((r) => r === reason);
  return why ? t(`decisions.texts.ownershipUnchangedWhy.${why}`) : t('decisions.texts.ownershipUnchanged');
}

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
        <>
          <Prose>
            {params.decision === 'grant'
              ? t('accessRequests.decisions.grant')
              : t('accessRequests.decisions.deny')}
          </Prose>
          {id('by') && <ActorName actorId={id('by')} />}
          {reason && <Secondary>{t('decisions.texts.decidedReason', { reason })}</Secondary>}
        </>
      );
    case 'access.ownership_unchanged':
      return <Prose>{unchangedText(t, paramText(params.reason))}</Prose>;
    case 'access.ownership_moved': {
      const until = paramText(params.keepFormerUntil);
      return (
        <>
          <Prose>{t('decisions.texts.ownershipMoved')}</Prose>
          <ActorName actorId={id('toUserId')} />
          {until && <Secondary>{t('decisions.texts.keptFormer', { until })}</Secondary>}
        </>
      );
    }
    case 'pool.claimed':
    case 'pool.distributed':
    case 'claim.former_holder':
    case 'claim.within_limit':
    case 'claim.priority_window':
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
    case 'rule.trigger_not_included':
    case 'kam.none':
    case 'rep.former_owner':
    case 'assign.key_account_manager':
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
    case 'registration.refused':
    case 'registration.account':
    case 'registration.held':
    case 'registration.auto_approve':
    case 'registration.review_required':
    case 'registration.step':
    case 'registration.returned':
    case 'registration.reviewer_rejected':
    case 'registration.withdrawn':
    case 'registration.won':
    case 'registration.lost':
    case 'registration.extension':
    case 'registration.expired':
    case 'owner.registration':
      return <RegistrationEvidenceText code={code} params={params} />;
    // Partners: the company's account, a lifecycle step, a hand-over, a lapsed certification.
    case 'partner.existing_account':
    case 'partner.new_account': {
      const accountId = id('accountId');
      return accountId ? <AccountLink id={accountId} /> : null;
    }
    case 'partner.transition': {
      const status = (key: string) =>
        isPartnerStatus(params[key])
          ? t(`partners.statuses.${params[key]}`)
          : (paramText(params[key]) ?? '—');
      return <Prose>{t('partners.historyRow', { from: status('from'), to: status('to') })}</Prose>;
    }
    case 'partner.handover':
      return (
        <Prose>
          {t('partners.handedOver', { count: typeof params.moved === 'number' ? params.moved : 0 })}
        </Prose>
      );
    case 'partner.certification_lapsed':
      return <Prose>{paramText(params.type) ?? ''}</Prose>;
    case 'partner.admission_decision':
    case 'partner.certifications_valid':
    case 'transfer.partner_terminated':
      return null;
    case 'territory.parties_changed':
    case 'territory.cells_gained':
    case 'territory.cells_lost':
    case 'territory.customers_outside':
    case 'territory.retired':
      return <TerritoryEvidenceText code={code} params={params} />;
    case 'case.opened':
    case 'case.outcome':
      return <CaseEvidenceText code={code} params={params} />;
    case 'commission.dispute.line':
      return <Prose>{`#${paramText(params.lineNo) ?? ''} · ${day(params.periodStart)}`}</Prose>;
    case 'commission.dispute.raised':
      return <Prose>{`“${paramText(params.reason) ?? ''}”`}</Prose>;
    case 'commission.dispute.upheld':
    case 'commission.dispute.rejected':
      return <Prose>{`“${paramText(params.note) ?? ''}”`}</Prose>;
    case 'credit.owner':
    case 'credit.partner_registration':
    case 'credit.team':
    case 'credit.overlay':
    case 'credit.no_holder':
    case 'credit.manual_split':
      return <CreditEvidenceText code={code} params={params} />;
    case 'commission.tier_rate':
    case 'commission.tier_rate_flat':
    case 'commission.returns_netted':
    case 'commission.tier_slice':
    case 'commission.product_rate':
    case 'commission.ytd_prior':
    case 'commission.bonus':
    case 'commission.cap':
    case 'commission.floor':
    case 'commission.pool_bonus':
    case 'commission.clawback':
    case 'commission.adjustment':
    case 'commission.carried_in':
    case 'commission.carried_out':
    case 'commission.draw':
    case 'commission.draw_recovery':
    case 'target.missing':
    case 'target.set':
    case 'target.indexed':
    case 'target.prorated':
    case 'target.resolved':
    case 'clawback.outside_window':
    case 'clawback.recompute':
    case 'adjustment.difference':
    case 'adjustment.amendment':
    case 'adjustment.recomputed':
    case 'adjustment.true_up':
    case 'calculation.snapshot':
      return <CommissionEvidenceText params={params} />;
    case 'plan.target_above_history':
      return (
        <Prose>
          {t('decisions.texts.targetAboveHistory', {
            target: paramText(params.target) ?? '',
            periodStart: paramText(params.periodStart) ?? '',
            ratio: paramText(params.ratio) ?? '',
            best: paramText(params.best) ?? '',
            bestPeriodStart: paramText(params.bestPeriodStart) ?? '',
          })}
        </Prose>
      );
  }
}

const PARTNER_STATUS_CODES = ['applicant', 'onboarding', 'active', 'suspended', 'terminated'] as const;
const isPartnerStatus = (value: unknown): value is (typeof PARTNER_STATUS_CODES)[number] =>
  typeof value === 'string' && (PARTNER_STATUS_CODES as readonly string[]).includes(value);

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
    case 'claim.priority_window':
      return (
        <Prose>
          {t('decisions.texts.priorityWindow', {
            rank: num('rank'),
            rankNeeded: num('rankNeeded'),
            members: num('members'),
            measure: loose(t)(`ownership.pools.measures.${text('measure')}`, {
              defaultValue: text('measure'),
            }),
            from: text('periodFrom'),
            to: text('periodTo'),
          })}
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
