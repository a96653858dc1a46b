import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { useOpportunities } from './activities.api.js';
import { OpportunityList } from './OpportunityList.js';
import { OpportunityModal } from './OpportunityModal.js';

type StatusFilter = OpportunityStatus | 'all';

/** Every opportunity in the caller's sight, open ones first; the caller's own or everyone's. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const canCreate = useCan('opportunities:write');
  const [mine, setMine] = useState(false);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const [creating, setCreating] = useState(false);
  const list = useOpportunities({ mine, status: status === 'all' ? undefined : status, ...paging });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('opportunities.title')}>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('opportunities.new')}
          </Button>
        )}
      </PageHeader>
      <Flex gap={8} wrap>
        <Segmented<'mine' | 'all'>
          value={mine ? 'mine' : 'all'}
          onChange={(v) => {
            setMine(v === 'mine');
            setPaging({ ...paging, offset: 0 });
          }}
          options={[
            { value: 'all', label: t('opportunities.any') },
            { value: 'mine', label: t('opportunities.mine') },
          ]}
        />
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging({ ...paging, offset: 0 });
          }}
          options={[
            ...(['open', 'won', 'lost'] as const).map((s) => ({
              value: s,
              label: t(`opportunities.statuses.${s}`),
            })),
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Flex>
      {list.error && <FormAlert message={errorText(t, list.error)} />}
      <OpportunityList
        page={list.data}
        loading={list.isPending}
        paging={paging}
        onPaging={setPaging}
        showAccount
      />
      <OpportunityModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
