import { expect, it } from 'vitest';
import { describeEachEngine } from '../db/testing/index.js';
import { systemContext } from '../modules/access/permissions.js';
import { seedDemo } from './demo.js';

describeEachEngine('demo seed', (t) => {
  it('builds regions, teams, managers and reps, and a second run changes nothing', async () => {
    const db = t.database.db;
    const ctx = systemContext('test');
    const first = await seedDemo(db, ctx, 'demo-Lantern-river-7');
    expect(first.usersCreated).toBeGreaterThanOrEqual(10);
    const second = await seedDemo(db, ctx, 'demo-Lantern-river-7');
    expect(second.usersCreated).toBe(0);
    expect(second.usersExisting).toBe(first.usersCreated);

    const rep = await db
      .selectFrom('users')
      .selectAll()
      .where('login', '=', 'sun.hao')
      .executeTakeFirstOrThrow();
    const team = await db
      .selectFrom('teams')
      .selectAll()
      .where('id', '=', rep.team_id!)
      .executeTakeFirstOrThrow();
    const region = await db
      .selectFrom('teams')
      .selectAll()
      .where('id', '=', team.parent_id!)
      .executeTakeFirstOrThrow();
    expect([team.name, region.name]).toEqual(['北京一组', '华北大区']);
    const manager = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', rep.manager_id!)
      .executeTakeFirstOrThrow();
    expect(manager.login).toBe('qian.li');
    expect(rep.phone).toBe('+8613810000011');
    const org = await db.selectFrom('organization').selectAll().executeTakeFirstOrThrow();
    expect(org.name).toBe('示例科技有限公司');
  });
});
