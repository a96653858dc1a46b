import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';

export type TerritoryTab = 'tree' | 'map' | 'check' | 'exceptions' | 'models';

const PATHS: Record<TerritoryTab, string> = {
  tree: '/territories',
  map: '/territories/map',
  check: '/territories/check',
  exceptions: '/territories/exceptions',
  models: '/territories/models',
};

/** The territory pages' title and tabs, one route each (so each can be linked to and reloaded). */
export function TerritoryTabs(props: { active: TerritoryTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const manage = useCan('territories:manage');
  const tabs: TerritoryTab[] = ['tree', 'map', 'check', 'exceptions', ...(manage ? ['models' as const] : [])];
  return (
    <>
      <PageHeader title={t('territories.title')} />
      <Tabs
        activeKey={props.active}
        onChange={(key) => void navigate(PATHS[key as TerritoryTab])}
        items={tabs.map((key) => ({ key, label: t(`territories.tabs.${key}`) }))}
        style={{ marginBottom: 0 }}
      />
    </>
  );
}
