import type { Db } from '../db/database.js';
import type { RequestContext, Role } from '../modules/access/permissions.js';
import { findUserByLogin } from '../modules/auth/auth.repo.js';
import { updateOrganization } from '../modules/org/org.service.js';
import { createTeam, listTeams, updateTeam } from '../modules/teams/teams.service.js';
import { createUser } from '../modules/users/users.service.js';

interface DemoTeam {
  name: string;
  children?: DemoTeam[];
  manager?: DemoUser;
  members?: DemoUser[];
}
interface DemoUser {
  login: string;
  name: string;
  role: Role;
  phone?: string;
}

// A small company selling through two regions and a channel desk; later features add customers to it.
const DEMO: DemoTeam[] = [
  {
    name: '华北大区',
    manager: { login: 'zhao.lei', name: '赵磊', role: 'manager', phone: '13810000001' },
    children: [
      {
        name: '北京一组',
        manager: { login: 'qian.li', name: '钱丽', role: 'manager' },
        members: [
          { login: 'sun.hao', name: '孙浩', role: 'rep', phone: '13810000011' },
          { login: 'li.na', name: '李娜', role: 'rep', phone: '13810000012' },
        ],
      },
      {
        name: '天津组',
        members: [{ login: 'zhou.jie', name: '周杰', role: 'rep', phone: '13810000021' }],
      },
    ],
  },
  {
    name: '华东大区',
    manager: { login: 'wu.min', name: '吴敏', role: 'manager', phone: '13910000001' },
    children: [
      {
        name: '上海组',
        members: [
          { login: 'zheng.yu', name: '郑宇', role: 'rep', phone: '13910000011' },
          { login: 'wang.fang', name: '王芳', role: 'rep', phone: '13910000012' },
        ],
      },
      { name: '杭州组', members: [{ login: 'chen.chen', name: '陈晨', role: 'rep', phone: '13910000021' }] },
    ],
  },
  {
    name: '渠道部',
    manager: { login: 'feng.tao', name: '冯涛', role: 'manager' },
    members: [{ login: 'chu.yan', name: '褚燕', role: 'rep' }],
  },
];

const STAFF: DemoUser[] = [
  { login: 'ops.lin', name: '林静 (销售运营)', role: 'sales_ops' },
  { login: 'fin.he', name: '何平 (财务)', role: 'finance' },
];

export interface SeedResult {
  teams: number;
  usersCreated: number;
  usersExisting: number;
}

/** Idempotent: running it twice changes nothing the second time. Every write goes through the services. */
export async function seedDemo(db: Db, ctx: RequestContext, password: string): Promise<SeedResult> {
  const result: SeedResult = { teams: 0, usersCreated: 0, usersExisting: 0 };
  await updateOrganization(db, ctx, { name: '示例科技有限公司', timeZone: 'Asia/Shanghai', currency: 'CNY' });

  const ensureUser = async (u: DemoUser, teamId: string | null, managerId: string | null) => {
    const existing = await findUserByLogin(db, u.login);
    if (existing) {
      result.usersExisting += 1;
      return existing.id;
    }
    const created = await createUser(db, ctx, {
      login: u.login,
      displayName: u.name,
      role: u.role,
      status: 'active',
      teamId,
      managerId,
      password,
      ...(u.phone && { phone: u.phone }),
      email: `${u.login}@example.com`,
    });
    result.usersCreated += 1;
    return created.id;
  };

  const ensureTeam = async (t: DemoTeam, parentId: string | null, parentManagerId: string | null) => {
    const teams = await listTeams(db, ctx);
    const team =
      teams.find((x) => x.name === t.name && x.parentId === parentId) ??
      (await createTeam(db, ctx, { name: t.name, parentId }));
    result.teams += 1;
    let managerId = parentManagerId;
    if (t.manager) {
      managerId = await ensureUser(t.manager, team.id, parentManagerId);
      if (team.managerId !== managerId) await updateTeam(db, ctx, team.id, { managerId });
    }
    for (const member of t.members ?? []) await ensureUser(member, team.id, managerId);
    for (const child of t.children ?? []) await ensureTeam(child, team.id, managerId);
  };

  for (const team of DEMO) await ensureTeam(team, null, null);
  for (const staff of STAFF) await ensureUser(staff, null, null);
  return result;
}
