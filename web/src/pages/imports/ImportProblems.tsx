import { Collapse, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../api/types.js';
import { loose, type LooseT } from '../../i18n/errorText.js';

/** A problem in the UI language, with the values it names (an encoding, a limit); its code if unknown. */
export function problemText(lt: LooseT, problem: ImportProblem): string {
  return lt(`imports.problemCodes.${problem.code}`, { ...problem.params, defaultValue: problem.code });
}

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
      render: (_code: string, p) => (
        <span>
          {problemText(lt, p)}
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
