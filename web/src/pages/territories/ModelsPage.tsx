import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { TerritoryModel } from '../../api/types.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { formatDateTime } from '../../i18n/format.js';
import { NewDraftModal } from './ModelForms.js';
import { useModels } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';

export const MODEL_COLORS: Record<TerritoryModel['status'], string> = {
  draft: 'gold',
  active: 'green',
  retired: 'default',
};

/** Territory models (版本): the active one, drafts and retired ones, newest first. */
export function ModelsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const models = useModels();
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<TerritoryModel> = [
    {
      title: t('territories.model'),
      key: 'name',
      render: (_: unknown, m) => (
        <Link to={`/territories/models/${m.id}`} style={{ wordBreak: 'break-word' }}>
          {m.name}
        </Link>
      ),
    },
    {
      title: t('territories.statusLabel'),
      key: 'status',
      render: (_: unknown, m) => (
        <Tag color={MODEL_COLORS[m.status]}>{t(`territories.status.${m.status}`)}</Tag>
      ),
    },
    {
      title: t('territories.changedAt'),
      key: 'when',
      responsive: SECONDARY,
      render: (_: unknown, m) => formatDateTime(m.activatedAt ?? m.updatedAt, i18n.language),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="models" />
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setCreating(true)}
        data-testid="new-draft"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('territories.newDraft')}
      </Button>
      <Table<TerritoryModel>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={models.data?.items ?? []}
        loading={models.isPending}
        locale={{ emptyText: t('territories.noModels') }}
        pagination={false}
      />
      <NewDraftModal
        open={creating}
        models={models.data?.items ?? []}
        onClose={() => setCreating(false)}
        onCreated={(model) => {
          setCreating(false);
          void navigate(`/territories/models/${model.id}`);
        }}
      />
    </Space>
  );
}
