import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { TransactionDetail } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { CreditTable } from './CreditTable.js';
import { useTransaction } from './transactions.api.js';

type Line = TransactionDetail['lines'][number];

/** One transaction version: its amounts, lines, versions and the credit it earned, line by line. */
export function TransactionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useTransaction(id);
  if (detail.error) return <Typography.Text type="danger">{errorText(t, detail.error)}</Typography.Text>;
  const x = detail.data;
  if (!x) return null;
  const lineColumns = [
    {
      title: t('transactions.product'),
      key: 'product',
      render: (_: unknown, l: Line) => `${l.product.code} ${l.product.name}`,
    },
    { title: t('transactions.quantity'), dataIndex: 'quantity', responsive: SECONDARY },
    { title: t('transactions.gross'), dataIndex: 'gross', responsive: SECONDARY, align: 'right' as const },
    {
      title: t('transactions.discount'),
      dataIndex: 'discount',
      responsive: SECONDARY,
      align: 'right' as const,
    },
    { title: t('transactions.net'), dataIndex: 'net', align: 'right' as const },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/transactions">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('transactions.back')}
        </Button>
      </Link>
      <PageHeader title={x.externalId} />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('transactions.kind')}>
          <Tag>{t(`transactions.kinds.${x.kind}`)}</Tag>
          {!x.current && <Tag color="orange">{t('transactions.corrected')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('transactions.customer')}>
          <Link to={`/accounts/${x.account.id}`}>{x.account.legalName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('transactions.date')}>{x.transactionDate}</Descriptions.Item>
        <Descriptions.Item label={t('transactions.version')}>
          <Space size={4} wrap>
            {x.versions.map((v) =>
              v.id === x.id ? (
                <Tag key={v.id} color="blue">
                  v{v.version}
                </Tag>
              ) : (
                <Link key={v.id} to={`/transactions/${v.id}`}>
                  v{v.version}
                </Link>
              ),
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('transactions.gross')}>{`${x.gross} ${x.currency}`}</Descriptions.Item>
        <Descriptions.Item label={t('transactions.net')}>{`${x.net} ${x.currency}`}</Descriptions.Item>
        {x.margin !== null && (
          <Descriptions.Item
            label={t('transactions.margin')}
          >{`${x.margin} ${x.currency}`}</Descriptions.Item>
        )}
        {x.base.currency !== x.currency && (
          <Descriptions.Item label={t('transactions.base', { currency: x.base.currency })}>
            {`${x.base.net} (${x.base.rate}, ${x.base.rateDate ?? ''})`}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title={t('transactions.lines')}>
        <Table rowKey="lineNo" size="small" columns={lineColumns} dataSource={x.lines} pagination={false} />
      </Card>
      <Card size="small" title={t('transactions.credit')}>
        <CreditTable lines={x.credit} />
      </Card>
    </Space>
  );
}
