import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WhatIf, WhatIfMove } from '../../api/types.js';
import { SECONDARY } from '../../components/responsiveTable.js';

type Load = WhatIf['loads'][number];

/** What a draft would change: the customers that move (a page at a time) and every changed load. */
export function WhatIfPanel(props: { result: WhatIf; pageSize: number; onPage: (offset: number) => void }) {
  const { t } = useTranslation();
  const { result } = props;
  const moves = result.moves;
  const holder = (name: string | null, type: string | undefined) =>
    name ? (
      <Flex gap={4} wrap align="center">
        {type && type !== 'user' && <Tag>{t(`assignment.${type === 'pool' ? 'pool' : 'team'}`)}</Tag>}
        <span style={{ wordBreak: 'break-word' }}>{name}</span>
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('assignment.nobody')}</Typography.Text>
    );
  return (
    <Card size="small" title={t('assignment.whatIfTitle')} data-testid="what-if-result">
      <Flex vertical gap={12}>
        <Typography.Text data-testid="what-if-summary">
          {moves.total === 0
            ? t('assignment.nothingMoves')
            : t('assignment.whatIfSummary', { moves: moves.total, accounts: result.accounts })}
        </Typography.Text>
        {moves.total > 0 && (
          <Table<WhatIfMove>
            size="small"
            rowKey={(m) => m.account.id}
            dataSource={moves.items}
            data-testid="what-if-moves"
            pagination={{
              current: Math.floor(moves.offset / props.pageSize) + 1,
              pageSize: props.pageSize,
              total: moves.total,
              onChange: (page) => props.onPage((page - 1) * props.pageSize),
              showSizeChanger: false,
            }}
            columns={[
              {
                key: 'account',
                title: t('assignment.account'),
                render: (_, m) => <span style={{ wordBreak: 'break-word' }}>{m.account.name}</span>,
              },
              {
                key: 'from',
                title: t('assignment.from'),
                render: (_, m) => holder(m.fromName, m.from?.type),
              },
              { key: 'to', title: t('assignment.to'), render: (_, m) => holder(m.toName, m.to.type) },
              {
                key: 'rule',
                title: t('assignment.rule'),
                responsive: SECONDARY,
                render: (_, m) => m.rule.name,
              },
            ]}
          />
        )}
        {result.loads.length > 0 && (
          <Table<Load>
            size="small"
            title={() => t('assignment.loads')}
            rowKey={(l) => l.user.id}
            dataSource={result.loads}
            pagination={false}
            data-testid="what-if-loads"
            columns={[
              { key: 'rep', title: t('assignment.rep'), render: (_, l) => l.user.name },
              { key: 'before', title: t('assignment.before'), dataIndex: 'before' },
              { key: 'after', title: t('assignment.after'), dataIndex: 'after' },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
