import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ImportJob, ImportStatus } from '../../api/types.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { IMPORT_STATUS_COLORS, uploadContentType } from './importJob.js';
import { useImportMutations, useImports } from './imports.api.js';

const PAGE_SIZE = 20;

/** Upload a customer list (sent as the raw file, not multipart) and see earlier imports. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [page, setPage] = useState({ limit: PAGE_SIZE, offset: 0 });
  const imports = useImports(page);
  const { upload } = useImportMutations();

  const columns: TableColumnsType<ImportJob> = [
    {
      title: t('imports.filename'),
      dataIndex: 'filename',
      render: (name: string, job) => (
        <Link to={`/imports/${job.id}`} style={{ wordBreak: 'break-all' }}>
          {name}
        </Link>
      ),
    },
    {
      title: t('imports.status'),
      dataIndex: 'status',
      render: (status: ImportStatus) => (
        <Tag color={IMPORT_STATUS_COLORS[status]}>{t(`imports.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('imports.rows'),
      key: 'rows',
      responsive: SECONDARY,
      render: (_: unknown, job) => (typeof job.summary.rows === 'number' ? job.summary.rows : ''),
    },
    {
      title: t('imports.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => formatDateTime(at, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('imports.title')}
        </Typography.Title>
        <Flex gap={8} wrap align="center" data-testid="import-templates">
          <Typography.Text type="secondary">{t('imports.templateHelp')}</Typography.Text>
          <Button icon={<DownloadOutlined />} href="/api/v1/imports/template.xlsx" download>
            {t('imports.templateXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/v1/imports/template.csv" download>
            {t('imports.templateCsv')}
          </Button>
        </Flex>
      </Flex>
      <Upload.Dragger
        accept=".csv,.xlsx,.xls"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          if (uploadContentType(file.name)) return true;
          void message.error(t('imports.wrongType'));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          const contentType = uploadContentType(file.name);
          if (!contentType) return;
          upload.mutate(
            { file, contentType },
            {
              onSuccess: (job) => {
                onSuccess?.(job);
                void message.success(t('imports.uploaded', { name: job.filename }));
                void navigate(`/imports/${job.id}`);
              },
              onError: (error) => {
                onError?.(error);
                void message.error(errorText(t, error));
              },
            },
          );
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {upload.isPending
            ? t('imports.uploading', { name: upload.variables.file.name })
            : t('imports.upload')}
        </p>
        <p className="ant-upload-hint" style={{ paddingInline: 12 }}>
          {t('imports.uploadHelp')}
        </p>
      </Upload.Dragger>
      {imports.error && <Alert type="error" showIcon title={errorText(t, imports.error)} />}
      <Table<ImportJob>
        rowKey="id"
        columns={columns}
        dataSource={imports.data?.items}
        loading={imports.isLoading}
        scroll={useTableScroll<ImportJob>({ x: 'max-content' })}
        size="middle"
        locale={{ emptyText: t('imports.empty') }}
        onRow={(job) => ({
          onClick: () => void navigate(`/imports/${job.id}`),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: Math.floor(page.offset / page.limit) + 1,
          pageSize: page.limit,
          total: imports.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (p, pageSize) => setPage({ limit: pageSize, offset: (p - 1) * pageSize }),
        }}
      />
    </Space>
  );
}
