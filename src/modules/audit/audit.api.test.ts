import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  contextOf,
  makeAccount,
  makeImport,
  makeTeam,
  makeUser,
  type TestUser,
} from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { browseAudit } from './audit.service.js';

describeEachEngine('audit log, readable', (t) => {
  let server: TestServer;
  let admin: string;
  let rep: TestUser;
  let otherRep: TestUser;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let mine: Awaited<ReturnType<typeof makeAccount>>;
  let theirs: Awaited<ReturnType<typeof makeAccount>>;
  beforeAll(async () => {
    const db = t.database.db;
    server = await startTestServer(t.database);
    admin = await server.login('admin');
    team = await makeTeam(db, { name: '华东销售部' });
    rep = await makeUser(db, { role: 'rep', displayName: '王小明', teamId: team.id });
    otherRep = await makeUser(db, { role: 'rep', displayName: '李四' });
    mine = await makeAccount(db, { owner: rep, legalName: '兰州黄河啤酒有限公司' });
    theirs = await makeAccount(db, { owner: otherRep, legalName: '西宁青海湖盐业有限公司' });
  });
  afterAll(() => server.close());

  const entriesOf = async (query: string) => {
    const reply = await server.call(`/api/v1/audit?${query}`, { cookie: admin });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  it('names the record, the actor by display name, and the records its states refer to', async () => {
    const page = await entriesOf(`entityType=account&entityId=${mine.id}&action=account.created`);
    expect(page.timeZone).toBe('Asia/Shanghai');
    expect(page.items).toHaveLength(1);
    const [entry] = page.items;
    expect(entry).toMatchObject({
      entityName: '兰州黄河啤酒有限公司',
      actorName: '王小明',
      actorLabel: rep.login,
    });
    expect(entry.refs[rep.id]).toBe('王小明');
  });

  it('names users, teams and imports, and the organisation, and shows times in its zone', async () => {
    const changed = await server.call('/api/v1/organization', {
      method: 'PATCH',
      cookie: admin,
      json: { timeZone: 'Europe/London', name: '示例集团' },
    });
    expect(changed.status).toBe(200);
    const upload = await makeImport(t.database.db, { filename: '客户名单.csv' });
    const users = await entriesOf(`entityType=user&entityId=${rep.id}&action=user.created`);
    expect(users.items[0].entityName).toBe('王小明');
    expect(users.items[0].refs[team.id]).toBe('华东销售部');
    const teams = await entriesOf(`entityType=team&entityId=${team.id}`);
    expect(teams.items[0].entityName).toBe('华东销售部');
    const imports = await entriesOf(`entityType=import&entityId=${upload.id}`);
    expect(imports.items[0].entityName).toBe('客户名单.csv');
    const org = await entriesOf('action=organization.updated');
    expect(org.timeZone).toBe('Europe/London');
    expect(org.items[0]).toMatchObject({ entityName: '示例集团', actorName: expect.any(String) });
    await server.call('/api/v1/organization', {
      method: 'PATCH',
      cookie: admin,
      json: { timeZone: 'Asia/Shanghai' },
    });
  });

  it('gives a narrower reader the names only of what it may see', async () => {
    const db = t.database.db;
    // The rep's own entry that refers to a customer, a user and a team: the customer and user are another
    // rep's, out of this rep's sight; the organisation chart is shared.
    const repCtx = await contextOf(db, rep);
    await runWork(db, repCtx, (w) => {
      w.audit({
        action: 'account.updated',
        entityType: 'account',
        entityId: theirs.id,
        before: { ownerId: otherRep.id, legalName: '西宁青海湖盐业有限公司' },
        after: { ownerId: rep.id, teamId: team.id, parentId: mine.id },
      });
    });
    // No role with a narrow scope reads the audit today; the policies must still hold when one does.
    const reader: RequestContext = {
      ...repCtx,
      actor: { ...repCtx.actor, permissions: new Set([...repCtx.actor.permissions, 'audit:read']) },
    };
    const seen = await browseAudit(db, reader, { entityId: theirs.id }, { limit: 10, offset: 0 });
    expect(seen.items).toHaveLength(1);
    const [entry] = seen.items;
    expect(entry).toMatchObject({ entityName: null, actorName: '王小明' });
    expect(entry!.refs).toEqual({
      [rep.id]: '王小明',
      [team.id]: '华东销售部',
      [mine.id]: '兰州黄河啤酒有限公司',
    });
    // The same entry, read by an administrator: every name.
    const page = await entriesOf(`entityId=${theirs.id}&action=account.updated`);
    expect(page.items[0].entityName).toBe('西宁青海湖盐业有限公司');
    expect(page.items[0].refs[otherRep.id]).toBe('李四');
    // And the rep's own entries never show another rep's record by name.
    const own = await browseAudit(db, reader, {}, { limit: 100, offset: 0 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(own.items.map((i) => [i.entityName, i.refs]))).not.toContain('李四');
  });

  it('exports the same readable columns: local time, the actor’s and the record’s names', async () => {
    const response = await fetch(
      `${server.url}/api/v1/exports/audit?format=csv&lang=zh-CN&entityId=${mine.id}`,
      { headers: { cookie: admin } },
    );
    expect(response.status).toBe(200);
    const rows = parse<Record<string, string>>(Buffer.from(await response.arrayBuffer()), {
      bom: true,
      columns: true,
    });
    const created = rows.find((r) => r['操作'] === 'account.created')!;
    expect(created).toMatchObject({ 操作人: '王小明', 对象名称: '兰州黄河啤酒有限公司' });
    const utc = new Date(created['时间（UTC）']!);
    const local = new Date(utc.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(created['时间（Asia/Shanghai）']).toBe(local);
  });
});
