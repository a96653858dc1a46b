import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../api/types.js';
import { buildTeamTree, type TeamNode } from '../pages/teams/teamTree.js';
import { useTeams } from '../pages/teams/teams.api.js';

interface TreeOption {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeOption[];
}

function toOptions(nodes: TeamNode<Team>[], disabled: ReadonlySet<string>): TreeOption[] {
  return nodes.map((n) => ({
    value: n.team.id,
    title: n.team.name,
    disabled: disabled.has(n.team.id),
    children: toOptions(n.children, disabled),
  }));
}

/** Picks a team from the hierarchy. `value` null means none; `disabledIds` cannot be chosen. */
export function TeamSelect(props: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabledIds?: ReadonlySet<string>;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const { disabledIds } = props;
  const treeData = useMemo(
    () => toOptions(buildTeamTree(teams.data ?? []), disabledIds ?? new Set()),
    [teams.data, disabledIds],
  );
  return (
    <TreeSelect<string>
      id={props.id}
      style={props.style}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
      treeData={treeData}
      loading={teams.isLoading}
      placeholder={props.placeholder ?? t('teams.searchTeam')}
      allowClear={props.allowClear ?? true}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}
