import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MergeDelta } from '../../api/types.js';
import { accountFieldLabel, AccountLink } from './AccountLink.js';
import { deltaRows, type DeltaRow } from './mergeDelta.js';

const KIND_COLORS: Record<DeltaRow['kind'], string> = { gained: 'green', filled: 'blue', conflict: 'orange' };

/** What a merge changed on the survivor: gained list items, filled fields, and conflicts kept for history. */
export function MergeDeltaView({ delta }: { delta: MergeDelta | null | undefined }) {
  const { t } = useTranslation();
  const rows = deltaRows(delta);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('merge.nothing')}</Typography.Text>;
  const kindLabel = { gained: t('merge.gained'), filled: t('merge.filled'), conflict: t('merge.conflicts') };
  const value = (row: DeltaRow, text: string) =>
    row.field === 'parentId' ? (
      <AccountLink id={text} />
    ) : (
      <span style={{ wordBreak: 'break-word' }}>{text}</span>
    );
  const columns: TableColumnsType<DeltaRow & { key: number }> = [
    { title: t('match.field'), dataIndex: 'field', render: (field: string) => accountFieldLabel(t, field) },
    {
      title: '',
      dataIndex: 'kind',
      render: (kind: DeltaRow['kind']) => <Tag color={KIND_COLORS[kind]}>{kindLabel[kind]}</Tag>,
    },
    { title: t('merge.value'), key: 'value', render: (_: unknown, row) => value(row, row.value) },
    {
      title: t('merge.dropped'),
      key: 'dropped',
      render: (_: unknown, row) =>
        row.dropped ? <Typography.Text delete>{value(row, row.dropped)}</Typography.Text> : null,
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows.map((row, key) => ({ ...row, key }))}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="merge-delta"
    />
  );
}
