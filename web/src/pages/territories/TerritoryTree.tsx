import { DeleteOutlined, EditOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Popconfirm, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory, TerritoryAuthorisation, TerritoryMap } from '../../api/types.js';
import { AuthorisationItem } from './AuthorisationView.js';
import { useAreaLabel } from './parties.js';

/** What the editor of a draft can do at a node; absent for the read-only tree. */
export interface TreeActions {
  addChild: (parent: Territory) => void;
  edit: (territory: Territory) => void;
  authorise: (territory: Territory) => void;
  removeTerritory: (territory: Territory) => void;
  removeAuthorisation: (authorisation: TerritoryAuthorisation) => void;
}

interface Node extends TreeDataNode {
  key: string;
  children: Node[];
}

/**
 * A model's territories as a tree (custom regions over GB/T 2260 codes and countries), each node with its
 * own areas and the authorisations on it. Territories whose parent is not shown sit at the top.
 */
export function TerritoryTree(props: {
  map: Pick<TerritoryMap, 'territories' | 'authorisations'>;
  partnerName: (id: string) => string;
  actions?: TreeActions;
}) {
  const { t } = useTranslation();
  const area = useAreaLabel();
  const { map, actions } = props;
  // Every node open unless its reader closed it, new ones included (defaultExpandAll only reads the first).
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const treeData = useMemo(() => {
    const byParent = new Map<string | null, Territory[]>();
    const codes = new Set(map.territories.map((x) => x.code));
    for (const territory of map.territories) {
      const parent = territory.parentCode && codes.has(territory.parentCode) ? territory.parentCode : null;
      byParent.set(parent, [...(byParent.get(parent) ?? []), territory]);
    }
    const build = (parent: string | null): Node[] =>
      (byParent.get(parent) ?? []).map((territory) => ({
        key: territory.code,
        title: territory.name,
        children: build(territory.code),
      }));
    return build(null);
  }, [map.territories]);

  const byCode = useMemo(() => new Map(map.territories.map((x) => [x.code, x])), [map.territories]);
  const authorisationsOf = useMemo(() => {
    const result = new Map<string, TerritoryAuthorisation[]>();
    for (const a of map.authorisations)
      result.set(a.territoryCode, [...(result.get(a.territoryCode) ?? []), a]);
    return result;
  }, [map.authorisations]);

  if (map.territories.length === 0) return <Empty description={t('territories.noTerritories')} />;

  const renderNode = (node: Node): ReactNode => {
    const territory = byCode.get(node.key)!;
    const authorisations = authorisationsOf.get(territory.code) ?? [];
    return (
      <Flex vertical gap={4} style={{ padding: '4px 0', minWidth: 0 }} data-testid="territory-node">
        <Flex justify="space-between" align="start" gap={4} wrap>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>
              {territory.name} <Typography.Text type="secondary">{territory.code}</Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
              {territory.areas.length ? territory.areas.map(area).join('、') : t('territories.noAreas')}
            </Typography.Text>
          </Flex>
          {actions && (
            <Flex gap={4} wrap>
              <Button
                size="small"
                icon={<SafetyCertificateOutlined />}
                onClick={() => actions.authorise(territory)}
                data-testid="authorise"
              >
                {t('territories.addAuthorisation')}
              </Button>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => actions.addChild(territory)}
                aria-label={t('territories.addChild')}
                title={t('territories.addChild')}
              />
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => actions.edit(territory)}
                aria-label={t('territories.edit')}
                title={t('territories.edit')}
              />
              <Popconfirm
                title={t('territories.removeTerritoryConfirm', { name: territory.name })}
                onConfirm={() => actions.removeTerritory(territory)}
                okText={t('territories.remove')}
                cancelText={t('common.cancel')}
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('territories.remove')}
                  title={t('territories.remove')}
                />
              </Popconfirm>
            </Flex>
          )}
        </Flex>
        {authorisations.map((a) => (
          <Flex
            key={a.id}
            justify="space-between"
            align="start"
            gap={4}
            style={{ borderLeft: '2px solid #d9d9d9', paddingLeft: 8 }}
          >
            <AuthorisationItem authorisation={a} partnerName={props.partnerName} />
            {actions && (
              <Popconfirm
                title={t('territories.removeAuthorisationConfirm')}
                onConfirm={() => actions.removeAuthorisation(a)}
                okText={t('territories.remove')}
                cancelText={t('common.cancel')}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('territories.remove')}
                  title={t('territories.remove')}
                />
              </Popconfirm>
            )}
          </Flex>
        ))}
      </Flex>
    );
  };

  return (
    <Tree<Node>
      className="territory-tree"
      treeData={treeData}
      expandedKeys={map.territories.map((x) => x.code).filter((code) => !collapsed.has(code))}
      onExpand={(_keys, info) => {
        const key = String(info.node.key);
        setCollapsed((before) => {
          const next = new Set(before);
          if (info.expanded) next.delete(key);
          else next.add(key);
          return next;
        });
      }}
      selectable={false}
      blockNode
      titleRender={renderNode}
    />
  );
}
