import {
  Alert,
  App,
  Card,
  Checkbox,
  Flex,
  Grid,
  Radio,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CLUSTER_DECISIONS,
  type ClusterDecision,
  type ImportCluster,
  type ImportProblem,
  type ImportRecord,
} from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { problemText } from './ImportProblems.js';
import { errorText } from '../../i18n/errorText.js';
import { AccountLink } from '../accounts/AccountLink.js';
import { VERDICT_COLORS } from '../accounts/colors.js';
import { MatchList, ReasonsTable } from '../accounts/DuplicatePanel.js';
import { clusterExplanations } from './importJob.js';
import { useImportMutations } from './imports.api.js';

const RECORD_FIELDS = ['name', 'phone', 'email', 'website', 'uscc', 'address', 'owner', 'id'] as const;
type RecordField = (typeof RECORD_FIELDS)[number];

const OUTCOME_COLORS: Record<string, string> = {
  created: 'green',
  merged: 'blue',
  needs_review: 'orange',
  skipped: 'default',
};

function cellText(record: ImportRecord, field: RecordField): string {
  const value = record[field] ?? null;
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The rows of one file cluster side by side (one column per row), so differences stand out; on a phone, one
 * row under the other, so nothing scrolls sideways.
 */
function RecordsTable(props: { records: ImportRecord[]; problems: ReadonlyMap<number, ImportProblem[]> }) {
  const narrow = Grid.useBreakpoint().md === false;
  if (!narrow) return <RecordsGrid {...props} />;
  return (
    <Flex vertical gap={8}>
      {props.records.map((record) => (
        <RecordsGrid key={record.line} records={[record]} problems={props.problems} narrow />
      ))}
    </Flex>
  );
}

function RecordsGrid({
  records,
  problems,
  narrow = false,
}: {
  records: ImportRecord[];
  problems: ReadonlyMap<number, ImportProblem[]>;
  narrow?: boolean;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<{ field: RecordField }> = [
    {
      title: '',
      dataIndex: 'field',
      width: 90,
      render: (field: RecordField) => (
        <Typography.Text type="secondary">{t(`imports.recordFields.${field}`)}</Typography.Text>
      ),
    },
    ...records.map((record) => ({
      title: t('imports.record', { line: record.line }),
      key: `r${record.line}`,
      render: (_: unknown, row: { field: RecordField }) => (
        <span
          style={{
            display: 'inline-block',
            minWidth: narrow ? 0 : 140,
            maxWidth: narrow ? 'calc(100vw - 180px)' : 280,
            wordBreak: 'break-word' as const,
          }}
        >
          {cellText(record, row.field)}
          {row.field === 'name' && (record.problems?.length ?? 0) > 0 && (
            <Flex gap={4} wrap style={{ marginTop: 4 }} data-testid="row-problems">
              {(
                problems.get(record.line) ??
                // Past the problems the import keeps, the row's codes alone.
                (record.problems ?? []).map((code): ImportProblem => ({
                  code,
                  line: record.line,
                  message: code,
                }))
              ).map((p, i) => (
                <Tag key={i} color="orange" title={t('imports.rowProblems')} style={{ whiteSpace: 'normal' }}>
                  {problemText(loose(t), p)}
                </Tag>
              ))}
            </Flex>
          )}
        </span>
      ),
    })),
  ];
  const rows = RECORD_FIELDS.filter((field) => records.some((r) => cellText(r, field))).map((field) => ({
    field,
  }));
  return (
    <Table
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={narrow ? undefined : { x: 'max-content' }}
      bordered
    />
  );
}

/** One company found in an uploaded list: its rows, why they were grouped, matches already here, the decision. */
export function ClusterCard(props: {
  jobId: string;
  cluster: ImportCluster;
  editable: boolean;
  /** The import's problems by line, to show on each row. */
  problems?: ReadonlyMap<number, ImportProblem[]>;
  /** Given when the card can be picked for a bulk action. */
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { decide } = useImportMutations();
  const { cluster } = props;
  const explained = clusterExplanations(cluster);
  const decisions =
    cluster.records.length > 1 ? CLUSTER_DECISIONS : CLUSTER_DECISIONS.filter((d) => d !== 'split');
  const setDecision = (decision: ClusterDecision) =>
    decide.mutate(
      { id: props.jobId, clusterId: cluster.clusterId, decision },
      { onError: (error) => void message.error(errorText(t, error)) },
    );

  return (
    <Card
      size="small"
      data-testid="import-cluster"
      data-verdict={cluster.verdict}
      title={
        <Flex gap={8} align="center" wrap>
          {props.onSelect && (
            <Checkbox
              checked={props.selected}
              onChange={(e) => props.onSelect?.(e.target.checked)}
              aria-label={t('imports.select')}
              data-testid="cluster-select"
            />
          )}
          <Tag color={VERDICT_COLORS[cluster.verdict]}>{t(`imports.verdicts.${cluster.verdict}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('imports.rowsInCluster', { count: cluster.records.length })}
          </Typography.Text>
          {cluster.outcome && (
            <Tag color={OUTCOME_COLORS[cluster.outcome]} data-testid="cluster-outcome">
              {t(`imports.outcomes.${cluster.outcome}`)}
            </Tag>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <RecordsTable records={cluster.records} problems={props.problems ?? new Map()} />
        {explained.length > 0 && (
          <Flex vertical gap={6}>
            <Typography.Text strong>{t('imports.why')}</Typography.Text>
            {explained.map((e, i) => (
              <Flex key={i} vertical gap={4} data-testid="cluster-reason">
                <Typography.Text type="secondary">
                  {e.line !== undefined && e.partnerLine !== undefined
                    ? t('imports.pair', { a: e.line, b: e.partnerLine })
                    : t('imports.possibleOf', { id: e.partnerId })}
                  {e.notMerged && ` — ${t('imports.notMerged')}`}
                </Typography.Text>
                <ReasonsTable reasons={e.reasons} />
              </Flex>
            ))}
          </Flex>
        )}
        {cluster.existing.length > 0 && (
          <Flex vertical gap={6}>
            <Typography.Text strong>{t('imports.existing')}</Typography.Text>
            <MatchList matches={cluster.existing} />
          </Flex>
        )}
        {cluster.accountIds.length > 0 && (
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t('imports.accounts')}:</Typography.Text>
            {cluster.accountIds.map((id) => (
              <AccountLink key={id} id={id} />
            ))}
          </Flex>
        )}
        {props.editable ? (
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={cluster.decision}
            onChange={(e) => setDecision(e.target.value as ClusterDecision)}
            disabled={decide.isPending}
            options={decisions.map((d) => ({ value: d, label: t(`imports.decisions.${d}`) }))}
            aria-label={t('imports.decision')}
          />
        ) : (
          !cluster.outcome && <Alert type="info" title={t(`imports.decisions.${cluster.decision}`)} />
        )}
      </Flex>
    </Card>
  );
}
