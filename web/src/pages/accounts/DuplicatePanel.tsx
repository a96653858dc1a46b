import { LockOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CheckResult, DuplicateMatch, MatchEvidence } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { AskAccessModal, type AskTarget } from '../access-requests/AskAccessModal.js';
import { VERDICT_COLORS } from './colors.js';
import { contributionText, evidenceText, scorePercent } from './evidenceText.js';

/** Why the matcher thinks two records are (not) one company: each piece of evidence and its points. */
export function ReasonsTable({ reasons }: { reasons: MatchEvidence[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<MatchEvidence & { key: number }> = [
    {
      title: t('match.evidenceColumn'),
      key: 'evidence',
      render: (_: unknown, evidence) => (
        <span style={{ wordBreak: 'break-word', overflowWrap: 'anywhere' }}>{evidenceText(t, evidence)}</span>
      ),
    },
    {
      title: t('match.contribution'),
      dataIndex: 'points',
      align: 'right',
      render: (points: number | undefined) => (
        <Typography.Text
          type={
            points === undefined ? undefined : points > 0 ? 'success' : points < 0 ? 'danger' : 'secondary'
          }
          style={{ whiteSpace: 'nowrap' }}
        >
          {contributionText(points)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={reasons.map((r, key) => ({ ...r, key }))}
      pagination={false}
      tableLayout="auto"
      data-testid="match-reasons"
    />
  );
}

/**
 * A customer out of the caller's sight is not a dead end: whom to contact (where the organisation allows),
 * and a request for access or a conflict flagged, with the reference the check handed out.
 */
function HiddenMatch({ match, verdict, onAsk }: { match: DuplicateMatch; verdict: ReactNode; onAsk?: Ask }) {
  const { t } = useTranslation();
  const owner = match.owner;
  return (
    <Flex vertical gap={6} data-testid="duplicate-match">
      <Flex gap={8} align="center" wrap>
        {verdict}
        <LockOutlined />
        <Typography.Text>{match.owned ? t('match.hiddenOwned') : t('match.hiddenPool')}</Typography.Text>
      </Flex>
      {owner && (
        <Flex gap={8} align="center" wrap data-testid="hidden-owner">
          <TeamOutlined />
          <Typography.Text>
            {owner.teamName
              ? t('accessRequests.heldByTeam', { name: owner.displayName, team: owner.teamName })
              : t('accessRequests.heldBy', { name: owner.displayName })}
          </Typography.Text>
        </Flex>
      )}
      {onAsk && match.accessRef && (
        <Flex gap={8} wrap>
          <Button size="small" onClick={() => onAsk(match.accessRef!, 'access')} data-testid="ask-access">
            {t('accessRequests.ask')}
          </Button>
          <Button
            size="small"
            onClick={() => onAsk(match.accessRef!, 'conflict')}
            data-testid="flag-conflict"
          >
            {t('accessRequests.flag')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

type Ask = (accountRef: string, kind: AskTarget['kind']) => void;

function MatchItem({ match, onAsk }: { match: DuplicateMatch; onAsk?: Ask | undefined }) {
  const { t } = useTranslation();
  const verdict = <Tag color={VERDICT_COLORS[match.verdict]}>{t(`match.verdicts.${match.verdict}`)}</Tag>;
  if (!match.visible) return <HiddenMatch match={match} verdict={verdict} {...(onAsk && { onAsk })} />;
  return (
    <Flex vertical gap={6} data-testid="duplicate-match">
      <Flex gap={8} align="center" wrap>
        {verdict}
        {match.accountId ? (
          <Link to={`/accounts/${match.accountId}`} style={{ wordBreak: 'break-word' }}>
            {match.legalName}
          </Link>
        ) : (
          <Typography.Text>{match.legalName}</Typography.Text>
        )}
        {match.score !== undefined && (
          <Typography.Text type="secondary">
            {t('match.score', { score: scorePercent(match.score) })}
          </Typography.Text>
        )}
      </Flex>
      {match.reasons && match.reasons.length > 0 && <ReasonsTable reasons={match.reasons} />}
    </Flex>
  );
}

/** Existing customers that may be the one at hand, with the reasons; hidden ones only say that they exist. */
export function MatchList({ matches, onAsk }: { matches: DuplicateMatch[]; onAsk?: Ask | undefined }) {
  return (
    <Flex vertical gap={16}>
      {matches.map((match, i) => (
        <MatchItem key={match.accountId ?? `hidden-${i}`} match={match} onAsk={onAsk} />
      ))}
    </Flex>
  );
}

/**
 * Whose duplicates these are: a customer being created, an existing one whose identity is changed, or an
 * archived one being restored (the server checks it again: someone may have entered it since).
 */
export type DuplicateMode = 'create' | 'edit' | 'restore';

const TEXTS = {
  create: { same: 'match.same', blocked: 'match.blocked', possible: 'match.possible' },
  edit: { same: 'match.editSame', blocked: 'match.editBlocked', possible: 'match.editPossible' },
  restore: { same: 'match.restoreSame', blocked: 'match.restoreBlocked', possible: 'match.editPossible' },
} as const satisfies Record<DuplicateMode, object>;

/**
 * What the duplicate check found: live beside the new-customer form, or as the server's refusal of a change
 * in the edit dialog. `extra` goes under the summary (the edit dialog's "merge it into this customer").
 */
export function DuplicatePanel(props: {
  result: CheckResult | null | undefined;
  checking: boolean;
  mode?: DuplicateMode;
  extra?: ReactNode;
  /** The customer as typed: offered with a request for access to a hidden match (none: no such offer). */
  customerName?: string | undefined;
}) {
  const { t } = useTranslation();
  const { result } = props;
  const canAsk = useCan('accounts:write');
  const [asking, setAsking] = useState<AskTarget | null>(null);
  const customerName = props.customerName?.trim();
  const onAsk: Ask | undefined =
    canAsk && customerName ? (accountRef, kind) => setAsking({ accountRef, kind, customerName }) : undefined;
  const texts = TEXTS[props.mode ?? 'create'];
  let summary = <Typography.Text type="secondary">{t('match.idle')}</Typography.Text>;
  if (result?.verdict === 'same') {
    summary = <Alert type="error" showIcon title={t(texts.same)} description={t(texts.blocked)} />;
  } else if (result?.verdict === 'possible') {
    summary = <Alert type="warning" showIcon title={t(texts.possible)} />;
  } else if (result?.verdict === 'none') {
    summary = <Alert type="success" showIcon title={t('match.none')} />;
  }
  return (
    <Card
      size="small"
      title={t('match.title')}
      extra={props.checking ? <Spin size="small" aria-label={t('match.checking')} /> : null}
      data-testid="duplicate-panel"
      data-verdict={result?.verdict ?? 'idle'}
    >
      <Flex vertical gap={16}>
        {summary}
        {props.extra}
        {result && result.matches.length > 0 && <MatchList matches={result.matches} onAsk={onAsk} />}
      </Flex>
      <AskAccessModal target={asking} onClose={() => setAsking(null)} />
    </Card>
  );
}
