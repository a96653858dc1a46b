import {
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  PlusOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { useUser, useUsers } from '../users/users.api.js';
import { TeamFormModal, type TeamFormMode } from './TeamFormModal.js';
import { useTeamMutations, useTeams } from './teams.api.js';
import { buildTeamTree, teamPath, type TeamNode } from './teamTree.js';

interface TreeItem {
  key: string;
  title: ReactNode;
  children: TreeItem[];
}

function toTreeData(nodes: TeamNode<Team>[], members: (count: number) => string): TreeItem[] {
  return nodes.map((n) => ({
    key: n.team.id,
    title: (
      <Space size={6}>
        <span>{n.team.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {members(n.team.memberCount)}
        </Typography.Text>
      </Space>
    ),
    children: toTreeData(n.children, members),
  }));
}

export function TeamsPage() {
  const { t } = useTranslation();
  const canWrite = useCan('teams:write');
  const canReadUsers = useCan('users:read');
  const teams = useTeams();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<TeamFormMode | null>(null);
  const list = useMemo(() => teams.data ?? [], [teams.data]);
  const treeData = useMemo(
    () => toTreeData(buildTeamTree(list), (count) => t('teams.members', { count })),
    [list, t],
  );
  const selected = list.find((team) => team.id === selectedId);
  // Collapsed rather than expanded keys are kept, so teams added later show up expanded.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expandedKeys = list.filter((team) => !collapsed.has(team.id)).map((team) => team.id);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('teams.title')}>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setMode({ kind: 'create', parentId: null })}
          >
            {t('teams.new')}
          </Button>
        )}
      </PageHeader>
      {teams.error && <Alert type="error" showIcon title={errorText(t, teams.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card loading={teams.isLoading} styles={{ body: { overflowX: 'auto' } }}>
            {treeData.length === 0 ? (
              <Empty description={t('teams.empty')} />
            ) : (
              <Tree<TreeItem>
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String));
                  setCollapsed(new Set(list.filter((team) => !open.has(team.id)).map((team) => team.id)));
                }}
                showLine
                blockNode
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys[0] === undefined ? null : String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          {selected ? (
            <TeamDetails
              team={selected}
              teams={list}
              canWrite={canWrite}
              canReadUsers={canReadUsers}
              onEdit={setMode}
              onDeleted={() => setSelectedId(null)}
            />
          ) : (
            list.length > 0 && (
              <Card>
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.pick')} />
              </Card>
            )
          )}
        </Col>
      </Row>
      <TeamFormModal
        mode={mode}
        teams={list}
        onClose={() => setMode(null)}
        onSaved={(team) => setSelectedId(team.id)}
      />
    </Space>
  );
}

function TeamDetails(props: {
  team: Team;
  teams: readonly Team[];
  canWrite: boolean;
  canReadUsers: boolean;
  onEdit: (mode: TeamFormMode) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { team } = props;
  const { remove } = useTeamMutations();
  const manager = useUser(props.canReadUsers ? team.managerId : null);
  const members = useUsers({ teamId: team.id, limit: 50, offset: 0 }, props.canReadUsers);
  const path = teamPath(props.teams, team.id);

  const actions = props.canWrite
    ? [
        <Button
          key="child"
          type="text"
          icon={<PlusOutlined />}
          onClick={() => props.onEdit({ kind: 'create', parentId: team.id })}
        >
          {t('teams.newChild')}
        </Button>,
        <Button
          key="rename"
          type="text"
          icon={<EditOutlined />}
          onClick={() => props.onEdit({ kind: 'rename', team })}
        >
          {t('teams.rename')}
        </Button>,
        <Button
          key="move"
          type="text"
          icon={<DragOutlined />}
          onClick={() => props.onEdit({ kind: 'move', team })}
        >
          {t('teams.move')}
        </Button>,
        <Button
          key="manager"
          type="text"
          icon={<UserSwitchOutlined />}
          onClick={() => props.onEdit({ kind: 'manager', team })}
        >
          {t('teams.manager')}
        </Button>,
        <Popconfirm
          key="delete"
          title={t('teams.deleteConfirm', { name: team.name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutate(team.id, {
              onSuccess: () => {
                void message.success(t('teams.deleted', { name: team.name }));
                props.onDeleted();
              },
              onError: (error) => void message.error(errorText(t, error)),
            })
          }
        >
          <Button type="text" danger icon={<DeleteOutlined />} loading={remove.isPending}>
            {t('common.delete')}
          </Button>
        </Popconfirm>,
      ]
    : undefined;

  return (
    <Card title={team.name}>
      <Breadcrumb items={[{ title: t('teams.topLevel') }, ...path.map((name) => ({ title: name }))]} />
      <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('teams.manager')}>
          {team.managerId ? (manager.data?.displayName ?? '…') : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('teams.membersLabel')}>
          {t('teams.members', { count: team.memberCount })}
        </Descriptions.Item>
      </Descriptions>
      {props.canReadUsers && team.memberCount > 0 && (
        <Flex vertical gap={6} style={{ marginTop: 8 }} data-testid="team-members">
          {(members.data?.items ?? []).map((user) => (
            <Space key={user.id} wrap size={6}>
              <span>{user.displayName}</span>
              <Typography.Text type="secondary">{user.login}</Typography.Text>
              <Tag>{t(`roles.${user.role}`)}</Tag>
            </Space>
          ))}
        </Flex>
      )}
      {actions && (
        <Flex wrap gap={4} style={{ marginTop: 16 }}>
          {actions}
        </Flex>
      )}
    </Card>
  );
}
