import { describe, expect, it } from 'vitest';
import { buildTeamTree, subtreeIds, teamPath, type TeamLike, type TeamNode } from './teamTree.js';

const team = (id: string, name: string, parentId: string | null = null): TeamLike => ({ id, name, parentId });
const shape = (nodes: TeamNode<TeamLike>[]): unknown => nodes.map((n) => [n.team.name, shape(n.children)]);

const teams = [
  team('s', 'Sales'),
  team('e', 'East', 's'),
  team('w', 'West', 's'),
  team('sh', 'Shanghai', 'e'),
  team('f', 'Finance'),
];

describe('buildTeamTree', () => {
  it('nests teams under their parents, sorted by name', () => {
    expect(shape(buildTeamTree(teams))).toEqual([
      ['Finance', []],
      [
        'Sales',
        [
          ['East', [['Shanghai', []]]],
          ['West', []],
        ],
      ],
    ]);
  });

  it('makes a team whose parent is missing a root', () => {
    expect(shape(buildTeamTree([team('a', 'Orphan', 'gone')]))).toEqual([['Orphan', []]]);
  });

  it('keeps every team of a parent loop exactly once', () => {
    const loop = [team('a', 'A', 'b'), team('b', 'B', 'a')];
    const tree = buildTeamTree(loop);
    const names: string[] = [];
    const walk = (nodes: TeamNode<TeamLike>[]) =>
      nodes.forEach((n) => {
        names.push(n.team.name);
        walk(n.children);
      });
    walk(tree);
    expect(names.sort()).toEqual(['A', 'B']);
  });

  it('returns nothing for no teams', () => {
    expect(buildTeamTree([])).toEqual([]);
  });
});

describe('subtreeIds', () => {
  it('holds the team and all below it', () => {
    expect([...subtreeIds(teams, 's')].sort()).toEqual(['e', 's', 'sh', 'w']);
    expect([...subtreeIds(teams, 'sh')]).toEqual(['sh']);
  });
});

describe('teamPath', () => {
  it('lists the names from the top down', () => {
    expect(teamPath(teams, 'sh')).toEqual(['Sales', 'East', 'Shanghai']);
    expect(teamPath(teams, 'missing')).toEqual([]);
  });
});
