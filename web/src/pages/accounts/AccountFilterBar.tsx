import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { UserSelect } from '../../components/UserSelect.js';
import type { AccountListFilters } from './accountListQuery.js';
import { IndustrySelect, RegionCascader } from './PlacePickers.js';

const DAY = 'YYYY-MM-DD';
const box = (width: number) => ({ width, maxWidth: '100%' });

/**
 * The customer list's search and filters. Each change is handed up as a patch; the page keeps the filters
 * in the address bar. Owner and team pickers appear only to those who may read users and teams.
 */
export function AccountFilterBar(props: {
  filters: AccountListFilters;
  onChange: (patch: Partial<AccountListFilters>) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const canReadUsers = useCan('users:read');
  const canReadTeams = useCan('teams:read');
  const { filters, onChange } = props;
  // Typed text is searched on Enter; the box follows the address when it changes (back, a link, clear).
  const [search, setSearch] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  useEffect(() => setTag(filters.tag ?? ''), [filters.tag]);
  const filtered = Object.entries(filters).some(
    ([key, value]) => !['limit', 'offset', 'sort', 'order'].includes(key) && value !== undefined,
  );

  return (
    <Flex wrap gap={8} data-testid="account-filters">
      <Input.Search
        allowClear
        placeholder={t('accounts.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        enterButton={t('common.search')}
        style={box(340)}
      />
      <Select
        value={filters.status ?? 'active'}
        onChange={(status: AccountStatus) => onChange({ status })}
        options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.statuses.${s}`) }))}
        style={box(140)}
        aria-label={t('accounts.status')}
      />
      {canReadUsers && (
        <UserSelect
          placeholder={t('accounts.anyOwner')}
          value={filters.ownerId}
          onChange={(ownerId) => onChange({ ownerId: ownerId ?? undefined })}
          style={box(220)}
        />
      )}
      {canReadTeams && (
        <TeamSelect
          placeholder={t('customerList.anyTeam')}
          value={filters.teamId ?? null}
          onChange={(teamId) => onChange({ teamId: teamId ?? undefined })}
          style={box(200)}
        />
      )}
      <RegionCascader
        aria-label={t('customerList.region')}
        placeholder={t('customerList.anyRegion')}
        value={filters.regionCode}
        onChange={(regionCode) => onChange({ regionCode: regionCode ?? undefined })}
        style={box(240)}
      />
      <IndustrySelect
        sections
        aria-label={t('customerList.industry')}
        placeholder={t('customerList.anyIndustry')}
        value={filters.industryCode}
        onChange={(industryCode) => onChange({ industryCode: industryCode ?? undefined })}
        style={box(240)}
      />
      <Input
        allowClear
        placeholder={t('customerList.anyTag')}
        aria-label={t('customerList.tag')}
        value={tag}
        maxLength={30}
        onChange={(e) => {
          setTag(e.target.value);
          // Clearing with the × applies at once; typed text on Enter or leaving the box.
          if (!e.target.value) onChange({ tag: undefined });
        }}
        onPressEnter={() => onChange({ tag: tag.trim() || undefined })}
        onBlur={() => tag.trim() !== (filters.tag ?? '') && onChange({ tag: tag.trim() || undefined })}
        style={box(140)}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('customerList.createdFrom'), t('customerList.createdTo')]}
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(range) =>
          onChange({ from: range?.[0]?.format(DAY) ?? undefined, to: range?.[1]?.format(DAY) ?? undefined })
        }
        style={box(280)}
      />
      {filtered && <Button onClick={props.onClear}>{t('customerList.clearFilters')}</Button>}
    </Flex>
  );
}
