import {
  ArrowLeftOutlined,
  EditOutlined,
  InboxOutlined,
  MergeCellsOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AccountDetail } from '../../api/types.js';
import { FullPageSpin } from '../../app/RequireAuth.js';
import { useCan } from '../../app/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { formatDateTime } from '../../i18n/format.js';
import { AccountDecisions } from '../decisions/AccountDecisions.js';
import { OwnershipPanel } from '../ownership/OwnershipPanel.js';
import { AccountOpportunities } from '../activities/AccountOpportunities.js';
import { FollowUpTimeline } from '../activities/FollowUpTimeline.js';
import { AccountContacts } from './AccountContacts.js';
import { AccountEditModal } from './AccountEditModal.js';
import { AccountLink } from './AccountLink.js';
import { useAccount } from './accounts.api.js';
import { ArchiveModal, type ArchiveAction } from './ArchiveModal.js';
import { ACCOUNT_STATUS_COLORS } from './colors.js';
import { MergeHistory } from './MergeHistory.js';
import { MergeModal } from './MergeModal.js';
import { OwnerName } from './OwnerName.js';
import { formatPhones } from '../../../../src/modules/matching/phone-format.js';
import { useIndustries, useRegions } from './places.api.js';
import { industryText, regionText, type IndustryIndex, type RegionIndex } from './places.js';

interface Places {
  regions: RegionIndex | null;
  industries: IndustryIndex | null;
}

const tags = (values: string[]) =>
  values.length ? (
    <Flex gap={4} wrap>
      {values.map((v) => (
        <Tag key={v} style={{ whiteSpace: 'normal' }}>
          {v}
        </Tag>
      ))}
    </Flex>
  ) : null;

function details(account: AccountDetail, t: TFunction, language: string, places: Places) {
  const item = (key: string, label: string, children: ReactNode) => ({
    key,
    label,
    children: children ?? '—',
  });
  const uscc = account.uscc ? (
    <Space size={4} wrap>
      <Typography.Text code copyable>
        {account.uscc}
      </Typography.Text>
      {!account.usccValid && <Tag color="warning">{t('accounts.usccInvalid')}</Tag>}
    </Space>
  ) : null;
  // The region by its code where it has one (older records: the text they were entered with).
  const address = [regionText(account, places.regions), account.street].filter(Boolean).join(' ');
  const items: DescriptionsProps['items'] = [
    item('aliases', t('accounts.aliases'), tags(account.aliases)),
    item('englishName', t('accounts.englishName'), account.englishName),
    item('uscc', t('accounts.uscc'), uscc),
    item('phones', t('accounts.phones'), formatPhones(account.phones) || null),
    item('emails', t('accounts.emails'), account.emails.join(', ') || null),
    item('website', t('accounts.website'), account.website),
    item('address', t('accounts.address'), address || null),
    item('industry', t('accounts.industry'), industryText(account, places.industries, language)),
    item('size', t('accounts.size'), account.size ? t(`accounts.sizes.${account.size}`) : null),
    item('source', t('accounts.source'), account.source),
    item('tags', t('accounts.tags'), tags(account.tags)),
    item(
      'parent',
      t('accounts.parent'),
      account.parentId ? (
        <Space size={4} wrap>
          <AccountLink id={account.parentId} />
          {account.isBranch && <Tag>{t('accounts.isBranch')}</Tag>}
        </Space>
      ) : null,
    ),
    item('owner', t('accounts.owner'), <OwnerName ownerId={account.ownerId} />),
    item('createdAt', t('accounts.createdAt'), formatDateTime(account.createdAt, language)),
    item('updatedAt', t('accounts.updatedAt'), formatDateTime(account.updatedAt, language)),
  ];
  return items;
}

/**
 * One customer: its values, contacts, merge history and the decisions about it; edit, merge, archive and
 * restore for those allowed. Only an active account can be changed, so an archived or merged one shows no
 * editing actions.
 */
export function AccountPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const canWrite = useCan('accounts:write');
  const canMerge = useCan('accounts:merge');
  const canSell = useCan('opportunities:write');
  const account = useAccount(id);
  const regions = useRegions();
  const industries = useIndustries();
  const [dialog, setDialog] = useState<'edit' | 'merge' | ArchiveAction | null>(null);
  const [mergeTarget, setMergeTarget] = useState<string | null>(null);
  const openMerge = (mergedId: string | null) => {
    setMergeTarget(mergedId);
    setDialog('merge');
  };

  if (account.isPending) return <FullPageSpin />;
  if (account.error)
    return <LoadFailed error={account.error} backTo="/accounts" backLabel={t('accounts.back')} />;
  const a = account.data;
  const active = a.status === 'active';
  const archived = a.status === 'archived';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex align="center" gap={8} wrap>
        <Link to="/accounts">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('accounts.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, minWidth: 0, wordBreak: 'break-word' }}>
          {a.legalName}
        </Typography.Title>
        <Tag color={ACCOUNT_STATUS_COLORS[a.status]}>{t(`accounts.statuses.${a.status}`)}</Tag>
        <div style={{ flex: 1 }} />
        {canWrite && active && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('common.edit')}
          </Button>
        )}
        {canMerge && active && (
          <Button icon={<MergeCellsOutlined />} onClick={() => openMerge(null)}>
            {t('merge.action')}
          </Button>
        )}
        {canWrite && active && (
          <Button icon={<InboxOutlined />} onClick={() => setDialog('archive')}>
            {t('accounts.archive')}
          </Button>
        )}
        {canWrite && archived && (
          <Button type="primary" icon={<UndoOutlined />} onClick={() => setDialog('restore')}>
            {t('accounts.restore')}
          </Button>
        )}
      </Flex>
      {archived && (
        <Alert type="warning" showIcon title={t('accounts.archivedNotice')} data-testid="archived-notice" />
      )}
      {a.status === 'merged' && a.mergedInto && (
        <Alert
          type="info"
          showIcon
          title={t('accounts.mergedInto')}
          action={
            <Link to={`/accounts/${a.mergedInto}`}>
              <Button size="small">{t('accounts.openSurvivor')}</Button>
            </Link>
          }
        />
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={details(a, t, i18n.language, { regions: regions.index, industries: industries.index })}
          styles={{ content: { wordBreak: 'break-word' } }}
        />
      </Card>
      {a.status !== 'merged' && (
        <OwnershipPanel accountId={a.id} accountName={a.legalName} canWrite={canWrite && active} />
      )}
      <AccountContacts account={a} canWrite={canWrite && active} />
      <FollowUpTimeline accountId={a.id} canLog={canWrite && active} />
      <AccountOpportunities accountId={a.id} canCreate={canSell && active} />
      <Card size="small" title={t('merge.history')}>
        <MergeHistory account={a} />
      </Card>
      <Card size="small" title={t('decisions.title')} data-testid="account-decisions">
        <AccountDecisions accountId={a.id} />
      </Card>
      <AccountEditModal
        open={dialog === 'edit'}
        account={a}
        onClose={() => setDialog(null)}
        onMerge={openMerge}
      />
      <MergeModal
        open={dialog === 'merge'}
        account={a}
        mergedId={mergeTarget}
        onClose={() => setDialog(null)}
      />
      <ArchiveModal
        action={dialog === 'archive' || dialog === 'restore' ? dialog : null}
        account={a}
        onClose={() => setDialog(null)}
      />
    </Space>
  );
}
