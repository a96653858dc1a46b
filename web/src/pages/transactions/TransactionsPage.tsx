import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Input, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import type { Transaction } from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { useDebouncedValue } from '../../components/useDebouncedValue.js';
import { errorText, fieldProblemText } from '../../i18n/errorText.js';
import { uploadContentType } from '../imports/importJob.js';
import { useImportTransactions, useTransactions } from './transactions.api.js';

/** Transactions (finance, sales ops): the current version of each, and a CSV / XLSX import, all or nothing. */
export function TransactionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const query = useDebouncedValue(q.trim(), 300);
  const list = useTransactions({ ...paging, q: query || undefined });
  const upload = useImportTransactions();
  const [problems, setProblems] = useState<string[]>([]);

  const columns: TableColumnsType<Transaction> = [
    {
      title: t('transactions.externalId'),
      key: 'externalId',
      render: (_: unknown, x) => (
        <Link to={`/transactions/${x.id}`} style={{ wordBreak: 'break-all' }}>
          {x.externalId}
        </Link>
      ),
    },
    {
      title: t('transactions.kind'),
      key: 'kind',
      render: (_: unknown, x) => (
        <Space size={4} wrap>
          <Tag color={x.kind === 'return' || x.kind === 'credit_note' ? 'red' : 'blue'}>
            {t(`transactions.kinds.${x.kind}`)}
          </Tag>
          {x.version > 1 && <Tag>{t('transactions.corrected')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('transactions.customer'),
      key: 'customer',
      responsive: SECONDARY,
      render: (_: unknown, x) => x.account.legalName,
    },
    { title: t('transactions.date'), dataIndex: 'transactionDate', responsive: SECONDARY },
    {
      title: t('transactions.net'),
      key: 'net',
      align: 'right',
      render: (_: unknown, x) => `${x.net} ${x.currency}`,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('transactions.title')} />
      {me.permissions.includes('transactions:write') && (
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) =>
            uploadContentType(file.name) && !file.name.endsWith('.xls') ? true : Upload.LIST_IGNORE
          }
          customRequest={({ file, onSuccess, onError }) => {
            const f = file as File;
            setProblems([]);
            upload.mutate(
              { file: f, contentType: uploadContentType(f.name)! },
              {
                onSuccess: (result) => {
                  void message.success(t('transactions.importDone', result));
                  onSuccess?.(result);
                },
                onError: (error) => {
                  setProblems(
                    error instanceof ApiError && error.fields.length
                      ? error.fields.map((p) => `${p.field}: ${fieldProblemText(t, p)}`)
                      : [errorText(t, error)],
                  );
                  onError?.(error);
                },
              },
            );
          }}
          data-testid="transactions-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <Typography.Text>{t('transactions.import')}</Typography.Text>
        </Upload.Dragger>
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('transactions.importFailed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {problems.map((p) => (
                <li key={p} style={{ wordBreak: 'break-word' }}>
                  {p}
                </li>
              ))}
            </ul>
          }
          data-testid="import-problems"
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('transactions.externalId')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <Table
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: t('transactions.empty') }}
        pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
      />
    </Space>
  );
}
