import { Alert, Collapse, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errorText.js';
import { useAccountDecisions } from './decisions.api.js';
import { DecisionHeading, DecisionView } from './DecisionView.js';

const PAGE_SIZE = 10;

/** The decisions about a customer, newest first: how it got in, each change of identity, each merge. */
export function AccountDecisions({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const decisions = useAccountDecisions(accountId, { limit: PAGE_SIZE, offset });

  if (decisions.error) return <Alert type="error" showIcon title={errorText(t, decisions.error)} />;
  if (!decisions.data) return <Spin size="small" />;
  const { items, total } = decisions.data;
  if (total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.none')} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('decisions.intro')}</Typography.Text>
      <Collapse
        // The newest decision is open: it is usually the one asked about. A new one (a rename, a merge)
        // remounts the list so that it is the one open.
        key={`${accountId}-${offset}-${items[0]?.id ?? ''}`}
        defaultActiveKey={offset === 0 && items[0] ? [items[0].id] : []}
        size="small"
        items={items.map((decision) => ({
          key: decision.id,
          label: <DecisionHeading decision={decision} />,
          children: <DecisionView decision={decision} />,
        }))}
      />
      {total > PAGE_SIZE && (
        <Pagination
          simple
          size="small"
          current={offset / PAGE_SIZE + 1}
          pageSize={PAGE_SIZE}
          total={total}
          onChange={(page) => setOffset((page - 1) * PAGE_SIZE)}
        />
      )}
    </Flex>
  );
}
