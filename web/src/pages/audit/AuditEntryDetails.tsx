import { Button, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.js';

function Json({ value }: { value: unknown }) {
  return (
    <pre className="json-block">
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/**
 * An audit entry opened: before and after, the reason, its link in the hash chain (or that it is being
 * linked, for the second or so until the chainer runs), and the decision that explains it.
 */
export function AuditEntryDetails(props: { entry: AuditEntry; onOpenDecision: (id: string) => void }) {
  const { t } = useTranslation();
  const { entry } = props;
  const { chain, decisionId } = entry;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="audit-details">
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
      {decisionId && (
        <Button size="small" data-testid="audit-decision" onClick={() => props.onOpenDecision(decisionId)}>
          {t('audit.openDecision')}
        </Button>
      )}
      <Descriptions size="small" column={1} styles={{ content: { wordBreak: 'break-all' } }}>
        {entry.reason && <Descriptions.Item label={t('audit.reason')}>{entry.reason}</Descriptions.Item>}
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
    </Space>
  );
}
