import { CalendarOutlined, EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Grid,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../src/modules/access/permissions.js';
import { USER_STATUSES, type User, type UserStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SecretModal } from '../../components/SecretModal.js';
import { tablePagination } from '../../components/tablePagination.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useTeams } from '../teams/teams.api.js';
import { UserFormModal } from './UserFormModal.js';
import { useUserMutations, useUsers, type UserFilters } from './users.api.js';
import { EligibilityModal } from '../assignment/EligibilityModal.js';

const STATUS_COLORS: Record<UserStatus, string> = { active: 'green', absent: 'orange', inactive: 'default' };
const PAGE_SIZE = 20;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const narrow = Grid.useBreakpoint().md === false;
  const canWrite = useCan('users:write');
  const canReadTeams = useCan('teams:read');
  const canAbsences = useCan('absences:manage');
  const [eligibilityOf, setEligibilityOf] = useState<User | null>(null);
  const [filters, setFilters] = useState<UserFilters>({ limit: PAGE_SIZE, offset: 0 });
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [secret, setSecret] = useState<{ name: string; password: string } | null>(null);
  const users = useUsers(filters);
  const teams = useTeams(canReadTeams);
  const { resetPassword } = useUserMutations();
  const teamNames = useMemo(
    () => new Map((teams.data ?? []).map((team) => [team.id, team.name])),
    [teams.data],
  );

  const filter = (patch: Partial<UserFilters>) => setFilters((f) => ({ ...f, ...patch, offset: 0 }));

  const reset = (user: User) =>
    resetPassword.mutate(user.id, {
      onSuccess: ({ generatedPassword }) =>
        setSecret({ name: user.displayName, password: generatedPassword }),
      onError: (error) => void message.error(errorText(t, error)),
    });

  const scroll = useTableScroll<User>({ x: 'max-content' });
  const columns: TableColumnsType<User> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (name: string, user) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary">{user.login}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      responsive: SECONDARY,
      render: (role: User['role']) => t(`roles.${role}`),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (status: UserStatus) => <Tag color={STATUS_COLORS[status]}>{t(`statuses.${status}`)}</Tag>,
    },
    {
      title: t('users.team'),
      dataIndex: 'teamId',
      responsive: SECONDARY,
      render: (teamId: string | null) => (teamId ? (teamNames.get(teamId) ?? '…') : ''),
    },
    { title: t('users.email'), dataIndex: 'email', ellipsis: true, responsive: SECONDARY },
    { title: t('users.phone'), dataIndex: 'phone', responsive: SECONDARY },
    {
      title: t('users.language'),
      dataIndex: 'language',
      responsive: SECONDARY,
      render: (language: User['language']) => (language ? t(`language.${language}`) : ''),
    },
    {
      title: t('users.updatedAt'),
      dataIndex: 'updatedAt',
      responsive: SECONDARY,
      render: (at: string) => formatDateTime(at, i18n.language),
    },
  ];
  const eligibilityButton = (user: User) => (
    <Button
      type="link"
      icon={<CalendarOutlined />}
      onClick={() => setEligibilityOf(user)}
      data-testid="open-eligibility"
    >
      {t('assignment.eligibility.open')}
    </Button>
  );
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: narrow ? undefined : 'right',
      render: (_: unknown, user) => (
        <Space size={0} wrap>
          <Button
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing({ user })}
            aria-label={t('common.edit')}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('users.resetPasswordConfirm', { name: user.displayName })}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={() => reset(user)}
          >
            <Button type="link" icon={<KeyOutlined />}>
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
          {canAbsences && eligibilityButton(user)}
        </Space>
      ),
    });
  }

  // Those with an actions column find it there; managers (no users:write) get a column of their own.
  if (canAbsences && !canWrite) {
    columns.push({
      title: t('assignment.eligibility.open'),
      key: 'eligibility',
      render: (_: unknown, user) => eligibilityButton(user),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('users.title')}>
        <ExportButton
          sources={[
            {
              key: 'users',
              path: '/api/v1/exports/users',
              query: { q: filters.q, role: filters.role, status: filters.status, teamId: filters.teamId },
            },
          ]}
        />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('users.new')}
          </Button>
        )}
      </PageHeader>
      <Flex wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          enterButton={t('common.search')}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('users.anyRole')}
          value={filters.role}
          onChange={(role?: string) => filter({ role })}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          style={{ width: 180, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('users.anyStatus')}
          value={filters.status}
          onChange={(status?: string) => filter({ status })}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          style={{ width: 140, maxWidth: '100%' }}
        />
        {canReadTeams && (
          <TeamSelect
            placeholder={t('users.anyTeam')}
            value={filters.teamId}
            onChange={(teamId) => filter({ teamId: teamId ?? undefined })}
            style={{ width: 200, maxWidth: '100%' }}
          />
        )}
      </Flex>
      {users.error && <Alert type="error" showIcon title={errorText(t, users.error)} />}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        scroll={scroll}
        size="middle"
        pagination={tablePagination(t, filters, users.data?.total ?? 0, (paging) =>
          setFilters((f) => ({ ...f, ...paging })),
        )}
      />
      <UserFormModal
        open={editing !== null}
        user={editing?.user}
        onClose={() => setEditing(null)}
        onCreated={(user) => {
          if (user.generatedPassword) setSecret({ name: user.displayName, password: user.generatedPassword });
        }}
      />
      <SecretModal
        title={t('users.generatedPasswordTitle', { name: secret?.name ?? '' })}
        help={t('users.generatedPasswordHelp')}
        secret={secret?.password ?? null}
        onClose={() => setSecret(null)}
      />
      <EligibilityModal user={eligibilityOf} onClose={() => setEligibilityOf(null)} />
    </Space>
  );
}
