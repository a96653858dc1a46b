import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Territory } from '../../api/types.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DecisionModal } from '../decisions/DecisionModal.js';
import { ComparisonView } from './ComparisonView.js';
import { AuthorisationFormModal, TerritoryFormModal } from './ModelForms.js';
import { MODEL_COLORS } from './ModelsPage.js';
import { usePartnerNames } from './parties.js';
import { useComparison, useModelMap, useTerritoryMutations } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';
import { TerritoryTree } from './TerritoryTree.js';

/**
 * One territory model. A draft is edited here (territories, authorisations), compared with the active model
 * and activated; an active or retired one is read, with the decision its activation recorded.
 */
export function ModelPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const map = useModelMap(id);
  const partnerName = usePartnerNames();
  const mutations = useTerritoryMutations();
  const [comparing, setComparing] = useState(false);
  const comparison = useComparison(id, comparing);
  const [territoryForm, setTerritoryForm] = useState<{
    editing: Territory | null;
    parent: string | null;
  } | null>(null);
  const [authorising, setAuthorising] = useState<Territory | null>(null);
  const [decisionId, setDecisionId] = useState<string | null>(null);

  if (map.isPending) return <Spin />;
  if (map.isError || !map.data.model)
    return (
      <LoadFailed error={map.error} backTo="/territories/models" backLabel={t('territories.tabs.models')} />
    );
  const { model } = map.data;
  const draft = model.status === 'draft';
  const failed = (error: unknown) => void message.error(errorText(t, error));

  const activate = () => {
    void modal.confirm({
      title: t('territories.activateTitle', { name: model.name }),
      content: t('territories.activateConfirm'),
      okText: t('territories.activate'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await mutations.activate.mutateAsync(model.id);
          void message.success(t('territories.activated'));
        } catch (error) {
          failed(error);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="models" />
      <Link to="/territories/models">
        <ArrowLeftOutlined /> {t('territories.tabs.models')}
      </Link>
      <Flex gap={8} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
          {model.name}
        </Typography.Title>
        <Tag color={MODEL_COLORS[model.status]} data-testid="model-status">
          {t(`territories.status.${model.status}`)}
        </Tag>
      </Flex>
      {model.activatedAt && (
        <Typography.Text type="secondary">
          {t('territories.activatedAt', { when: formatDateTime(model.activatedAt, i18n.language) })}
        </Typography.Text>
      )}
      <Flex gap={8} wrap>
        {draft && (
          <>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setTerritoryForm({ editing: null, parent: null })}
              data-testid="add-territory"
            >
              {t('territories.addTerritory')}
            </Button>
            <Button onClick={() => setComparing(true)} data-testid="compare">
              {t('territories.compare')}
            </Button>
            <Button
              type="primary"
              onClick={activate}
              loading={mutations.activate.isPending}
              data-testid="activate"
            >
              {t('territories.activate')}
            </Button>
          </>
        )}
        {model.decisionId && (
          <Button onClick={() => setDecisionId(model.decisionId)} data-testid="model-decision">
            {t('territories.viewDecision')}
          </Button>
        )}
      </Flex>
      {draft && comparing && (
        <Card size="small" title={t('territories.comparison')}>
          <ComparisonView comparison={comparison} partnerName={partnerName} />
        </Card>
      )}
      <Card size="small" title={t('territories.tree')}>
        <TerritoryTree
          map={map.data}
          partnerName={partnerName}
          {...(draft && {
            actions: {
              addChild: (parent) => setTerritoryForm({ editing: null, parent: parent.code }),
              edit: (territory) => setTerritoryForm({ editing: territory, parent: territory.parentCode }),
              authorise: setAuthorising,
              removeTerritory: (territory) =>
                void mutations.removeTerritory
                  .mutateAsync({ modelId: model.id, code: territory.code })
                  .catch(failed),
              removeAuthorisation: (a) =>
                void mutations.removeAuthorisation.mutateAsync({ modelId: model.id, id: a.id }).catch(failed),
            },
          })}
        />
      </Card>
      <TerritoryFormModal
        modelId={model.id}
        open={territoryForm !== null}
        territories={map.data.territories}
        editing={territoryForm?.editing ?? null}
        parentCode={territoryForm?.parent ?? null}
        onClose={() => setTerritoryForm(null)}
      />
      <AuthorisationFormModal
        modelId={model.id}
        territory={authorising}
        territories={map.data.territories}
        onClose={() => setAuthorising(null)}
      />
      <DecisionModal id={decisionId} onClose={() => setDecisionId(null)} />
    </Space>
  );
}
