import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpportunities } from './activities.api.js';
import { OpportunityList } from './OpportunityList.js';
import { OpportunityModal } from './OpportunityModal.js';

/** The account page's opportunities, with a way to open one there. */
export function AccountOpportunities({ accountId, canCreate }: { accountId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ limit: 10, offset: 0 });
  const [open, setOpen] = useState(false);
  const list = useOpportunities({ accountId, ...paging });
  return (
    <Card
      size="small"
      title={t('opportunities.title')}
      data-testid="account-opportunities"
      extra={
        canCreate && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="new-opportunity"
          >
            {t('opportunities.new')}
          </Button>
        )
      }
    >
      <OpportunityList
        page={list.data}
        loading={list.isPending}
        paging={paging}
        onPaging={setPaging}
        showAccount={false}
      />
      <OpportunityModal open={open} accountId={accountId} onClose={() => setOpen(false)} />
    </Card>
  );
}
