import { Collapse, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';

/** What could not be read, row by row with line numbers; the rest of the file was processed. */
export function ImportProblems({ problems, total }: { problems: ImportProblem[]; total: number }) {
  const { t } = useTranslation();
  const lt = loose(t);
  if (problems.length === 0) return null;
  const columns: TableColumnsType<ImportProblem & { key: number }> = [
    { title: t('imports.line'), dataIndex: 'line', width: 70 },
    { title: t('imports.column'), dataIndex: 'column', render: (c?: string) => c ?? '' },
    {
      title: t('imports.problem'),
      dataIndex: 'code',
      render: (code: string, p) => (
        <span>
          {lt(`imports.problemCodes.${code}`, { defaultValue: code })}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {p.message}
          </Typography.Text>
        </span>
      ),
    },
  ];
  return (
    <Collapse
      size="small"
      data-testid="import-problems"
      items={[
        {
          key: 'problems',
          label: `${t('imports.problems')} (${total})`,
          children: (
            <Table
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={problems.map((p, key) => ({ ...p, key }))}
              pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
            />
          ),
        },
      ]}
    />
  );
}
