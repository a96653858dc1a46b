import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case, CaseSide, CaseStatus } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { slaState, spanParts } from './sla.js';

export const CASE_STATUS_COLORS: Record<CaseStatus, string> = {
  open: 'processing',
  under_review: 'gold',
  decided: 'success',
  withdrawn: 'default',
};

/** The current time, ticking every half minute: countdowns move without a reload. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Time left to the case's current deadline, red once it has passed. */
export function SlaCountdown({ c, now }: { c: Case; now: number }) {
  const { t, i18n } = useTranslation();
  const state = slaState(c, now);
  if (!state) return null;
  const span = spanParts(state.seconds);
  const time = t(`cases.${span.unit}`, { count: span.count });
  return (
    <Tag
      color={state.overdue ? 'red' : 'blue'}
      icon={<ClockCircleOutlined />}
      data-testid="case-sla"
      data-overdue={state.overdue}
      title={`${t(`cases.due.${state.due}`)}: ${formatDateTime(state.at, i18n.language, c.timeZone)}`}
      style={{ whiteSpace: 'normal' }}
    >
      {t(`cases.due.${state.due}`)} ·{' '}
      {state.overdue ? t('cases.due.overdue', { time }) : t('cases.due.left', { time })}
    </Tag>
  );
}

/** A status and kind, as tags. */
export function CaseTags({ c }: { c: Case }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={CASE_STATUS_COLORS[c.status]} data-testid="case-status">
        {t(`cases.statuses.${c.status}`)}
      </Tag>
      <Tag color={c.kind === 'dispute' ? 'volcano' : c.kind === 'raised' ? 'purple' : 'blue'}>
        {t(`cases.kinds.${c.kind}`)}
      </Tag>
    </>
  );
}

/** One side of a case: who it is, its dates, its deal, what it did with the customer. */
export function CaseSideCard({ side, title, timeZone }: { side: CaseSide; title: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, timeZone) : '—');
  const activity = (a: CaseSide['followUps']) =>
    a.count === 0
      ? t('cases.fields.noActivity')
      : t('cases.fields.activity', { count: a.count, last: when(a.last) });
  const items = [
    side.partner && { key: 'partner', label: t('cases.fields.partner'), children: side.partner.name },
    side.owner && { key: 'owner', label: t('cases.fields.owner'), children: side.owner.displayName },
    side.account && {
      key: 'account',
      label: t('cases.fields.customer'),
      children: <Link to={`/accounts/${side.account.id}`}>{side.account.legalName}</Link>,
    },
    side.createdAt && { key: 'created', label: t('cases.fields.createdAt'), children: when(side.createdAt) },
    side.submittedAt && {
      key: 'submitted',
      label: t('cases.fields.submittedAt'),
      children: when(side.submittedAt),
    },
    side.decidedAt && { key: 'decided', label: t('cases.fields.decidedAt'), children: when(side.decidedAt) },
    side.holdsSince && { key: 'holds', label: t('cases.fields.holdsSince'), children: when(side.holdsSince) },
    side.protectedUntil && {
      key: 'protected',
      label: t('cases.fields.protectedUntil'),
      children: side.protectedUntil,
    },
    side.amount && {
      key: 'amount',
      label: t('cases.fields.amount'),
      children: `${side.amount} ${side.currency ?? ''}`,
    },
    side.refusalCode && {
      key: 'refusal',
      label: t('cases.fields.refusal'),
      children: loose(t)(`registrations.refusals.${side.refusalCode}`, {
        defaultValue: side.refusalCode,
        until: side.protectedUntil ?? '',
        reason: '',
        minimum: '',
        currency: '',
      }),
    },
    { key: 'followUps', label: t('cases.fields.followUps'), children: activity(side.followUps) },
    { key: 'quotes', label: t('cases.fields.quotes'), children: activity(side.quotes) },
  ].filter((x): x is Exclude<typeof x, '' | null> => !!x);
  return (
    <Card
      size="small"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {title} · {t(`cases.sideTypes.${side.type}`)}
        </span>
      }
      data-testid={`case-side-${side.type}`}
      style={{ height: '100%' }}
    >
      <Descriptions size="small" column={1} items={items} styles={{ label: { width: '40%' } }} />
    </Card>
  );
}

/** The steps of a case, dated: what each party follows. */
export function CaseTimeline({ c }: { c: Case }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.timeline.map((e) => ({
        color: e.kind === 'escalated' ? 'red' : e.kind === 'decided' ? 'green' : 'blue',
        children: (
          <Typography.Text>
            {t(`cases.timeline.${e.kind}`)} · {formatDateTime(e.at, i18n.language, c.timeZone)}
          </Typography.Text>
        ),
      }))}
    />
  );
}
