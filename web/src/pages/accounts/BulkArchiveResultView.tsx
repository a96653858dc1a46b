import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulkArchiveResult } from '../../api/types.js';

/** What a bulk archive did: how many were archived, and each customer left alone with why. */
export function BulkArchiveResultView(props: {
  result: BulkArchiveResult;
  names: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { archived, refused } = props.result;
  const done = t('customerList.archived', { count: archived.length });
  return (
    <Alert
      type={refused.length ? 'warning' : 'success'}
      showIcon
      closable={{ onClose: props.onClose }}
      data-testid="bulk-outcome"
      title={refused.length ? `${done}; ${t('customerList.refusedTitle', { count: refused.length })}` : done}
      description={
        refused.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {refused.map((r) => (
              <li key={r.id}>
                <Typography.Text>{props.names.get(r.id) ?? r.id}</Typography.Text>
                {': '}
                {t(`customerList.refusals.${r.code}`, {
                  status: r.params ? t(`accounts.statuses.${r.params.status as 'merged'}`) : '',
                })}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
