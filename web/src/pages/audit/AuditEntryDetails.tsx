import { Button, Col, Collapse, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.js';
import { auditDiff, type DiffRow } from './auditDiff.js';
import { fieldLabel, valueText, type ValueContext } from './auditValues.js';

function Json({ value }: { value: unknown }) {
  return (
    <pre className="json-block">
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/**
 * An audit entry opened: what changed, field by field in the reader's language (names for ids, phones as
 * people write them, local times), the reason and the decision that explains it. The stored states, ids
 * and the entry's link in the hash chain are behind "technical details".
 */
export function AuditEntryDetails(props: {
  entry: AuditEntry;
  timeZone: string;
  onOpenDecision: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { entry, timeZone } = props;
  const { chain, decisionId } = entry;
  const rows = useMemo(() => auditDiff(entry.before, entry.after), [entry.before, entry.after]);
  const ctx: ValueContext = {
    t,
    language: i18n.language,
    timeZone,
    refs: entry.refs,
    entityType: entry.entityType,
  };
  const hasBefore = entry.before !== null && entry.before !== undefined;
  const hasAfter = entry.after !== null && entry.after !== undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="audit-details">
      {rows.length > 0 ? (
        <Table<DiffRow>
          size="small"
          pagination={false}
          rowKey={(row) => row.path.join('.')}
          dataSource={rows}
          data-testid="audit-diff"
          columns={[
            {
              title: t('audit.field'),
              key: 'field',
              width: '30%',
              render: (_, row) => fieldLabel(t, row.path),
            },
            ...(hasBefore
              ? [
                  {
                    title: t('audit.before'),
                    key: 'before',
                    render: (_: unknown, row: DiffRow) => (
                      <span style={{ wordBreak: 'break-word' }}>{valueText(ctx, row.path, row.before)}</span>
                    ),
                  },
                ]
              : []),
            ...(hasAfter
              ? [
                  {
                    title: t('audit.after'),
                    key: 'after',
                    render: (_: unknown, row: DiffRow) => (
                      <span style={{ wordBreak: 'break-word' }}>{valueText(ctx, row.path, row.after)}</span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        (hasBefore || hasAfter) && <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      )}
      {entry.reason && (
        <Typography.Text>
          <Typography.Text strong>{t('audit.reason')}：</Typography.Text>
          {entry.reason}
        </Typography.Text>
      )}
      {decisionId && (
        <Button size="small" data-testid="audit-decision" onClick={() => props.onOpenDecision(decisionId)}>
          {t('audit.openDecision')}
        </Button>
      )}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'technical',
            label: <span data-testid="audit-technical">{t('audit.technical')}</span>,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions size="small" column={1} styles={{ content: { wordBreak: 'break-all' } }}>
                  <Descriptions.Item label={t('audit.action')}>
                    <Typography.Text code>{entry.action}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.entityId')}>
                    <Typography.Text code>{entry.entityId}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.requestId')}>{entry.requestId ?? '—'}</Descriptions.Item>
                  {chain ? (
                    <>
                      <Descriptions.Item label={t('audit.seq')}>{chain.seq}</Descriptions.Item>
                      <Descriptions.Item label={t('audit.hash')}>
                        <Typography.Text code copyable data-testid="audit-hash">
                          {chain.hash}
                        </Typography.Text>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('audit.prevHash')}>
                        <Typography.Text code>{chain.prevHash}</Typography.Text>
                      </Descriptions.Item>
                    </>
                  ) : (
                    <Descriptions.Item label={t('audit.hash')}>
                      <Tag color="processing" data-testid="audit-chain-pending">
                        {t('audit.chainPending')}
                      </Tag>
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Row gutter={[16, 8]}>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.before')}</Typography.Text>
                    <Json value={entry.before} />
                  </Col>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.after')}</Typography.Text>
                    <Json value={entry.after} />
                  </Col>
                </Row>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
