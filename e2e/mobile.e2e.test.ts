import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import { repoRoot, type RunningFairshare } from './support/server.js';
import { chromiumOrSkip, pageErrorGuard, poll, signInByApi, startE2e, watchedPage } from './support/setup.js';

const executablePath = chromiumOrSkip('mobile');
const STEP_TIMEOUT = 240_000;
const PHONE = { width: 375, height: 812 };
/** Screenshots as tests: every page at 375 px, in both languages, kept for a person to look at. */
const shots = join(repoRoot, 'tmp', 'e2e', 'mobile');

const REP = { login: 'e2e.rep', password: 'Rep-e2e-river-7391' };
const LONG_NAME = '广州市天河区珠江新城国际金融中心信息技术服务有限公司';
const CSV = [
  'name,phone,email,uscc,website',
  '杭州开元网络科技有限公司,0571-8888 1234,sales@kaiyuan.example.cn,,kaiyuan.example.cn',
  '杭州开元网络,0571 88881234,,,',
  '深圳前海微众信息服务有限公司,12345,not-an-email,91370100XXXXXXXXXX,not a url',
  '',
].join('\n');

interface Visit {
  name: string;
  path: string;
  /** Permission the page needs; the rep visits only what the menu offers. */
  permission?: string;
  /** After loading: open what the visit is about (a dialog, the menu drawer). */
  open?: (page: Page) => Promise<void>;
}

describe.skipIf(!executablePath)('every page at 375 px (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let repState: Awaited<ReturnType<BrowserContext['storageState']>>;
  const ids = { account: '', repAccount: '', importJob: '' };
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ({ server, browser, desktop, page } = await startE2e(executablePath!, PHONE, pageErrors));
    await signInByApi(page, server.url, 'admin', server.adminPassword);
    const post = async (path: string, data: unknown, status = 201) => {
      const response = await page.request.post(`${server.url}${path}`, { data });
      expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
      return (await response.json()) as { id: string };
    };
    const team = await post('/api/v1/teams', { name: '华南大客户销售一部（广州、深圳、佛山、东莞）' });
    ids.account = (
      await post('/api/v1/accounts', {
        legalName: LONG_NAME,
        aliases: ['珠江新城信息', 'ZJXC IT Services International'],
        phones: ['020-3888 1234', '13800138000'],
        emails: ['procurement-department@zhujiang-newtown-it.example.cn'],
        website: 'https://www.zhujiang-newtown-information-technology.example.cn/about/contact',
        tags: ['重点客户', '金融', 'very-long-english-tag-name'],
        contacts: [{ name: '欧阳晓明', mobile: '13900139000', email: 'ouyang.xiaoming@zhujiang.example.cn' }],
      })
    ).id;
    const others: string[] = [];
    for (let i = 0; i < 4; i++)
      others.push((await post('/api/v1/accounts', { legalName: `深圳市南山区第${i + 1}软件有限公司` })).id);
    // A pool with a long name holding one customer, for the pools page.
    const pool = await post('/api/v1/pools', { name: '华南区域公海（广州、深圳、佛山、东莞、珠海、中山）' });
    await post('/api/v1/recovery-rules', {
      name: '30 天无跟进退回华南区域公海',
      position: 1,
      scope: 'global',
      poolId: pool.id,
      trigger: 'no_follow_up',
      days: 30,
    });
    await post(`/api/v1/accounts/${others[0]}/release`, { poolId: pool.id, reason: 'e2e' }, 200);
    await post('/api/v1/users', {
      login: REP.login,
      displayName: '张伟（华南区域销售代表）',
      email: 'zhang.wei.south-china@example.cn',
      role: 'rep',
      teamId: team.id,
      password: REP.password,
    });
    await post('/api/v1/me/tokens', {
      name: 'ERP 同步（金蝶云星空，每晚 02:00）',
      scopes: ['accounts:read'],
    });

    const upload = await page.request.post(`${server.url}/api/v1/imports?filename=客户名单.csv`, {
      headers: { 'content-type': 'text/csv' },
      data: Buffer.from(`\uFEFF${CSV}`),
    });
    expect(upload.status(), await upload.text()).toBe(202);
    ids.importJob = ((await upload.json()) as { id: string }).id;
    // expect.poll is for tests only: wait for the analysis by hand.
    for (let status = ''; status !== 'review'; await new Promise((r) => setTimeout(r, 250))) {
      const job = await page.request.get(`${server.url}/api/v1/imports/${ids.importJob}`);
      status = ((await job.json()) as { status: string }).status;
      expect(status).not.toBe('failed');
    }

    // The rep changes the password an admin set, then enters a customer of their own.
    const rep = await browser.newContext({ viewport: PHONE });
    const repPage = await rep.newPage();
    await signInByApi(repPage, server.url, REP.login, REP.password);
    const changed = await repPage.request.post(`${server.url}/api/v1/me/password`, {
      data: { currentPassword: REP.password, newPassword: `${REP.password}-new` },
    });
    expect([204, 200]).toContain(changed.status());
    const own = await repPage.request.post(`${server.url}/api/v1/accounts`, {
      data: { legalName: '佛山市顺德区美的智能家居科技有限公司', phones: ['0757-2222 3333'] },
    });
    expect(own.status(), await own.text()).toBe(201);
    ids.repAccount = ((await own.json()) as { id: string }).id;
    repState = await rep.storageState();
    await rep.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visits = (account: () => string): Visit[] => [
    // The home page: a rep's own protections and row; for admins the KPIs and charts.
    { name: 'dashboard', path: '/', permission: 'accounts:read' },
    { name: 'distribution', path: '/reports/distribution', permission: 'accounts:read' },
    { name: 'overlap', path: '/reports/overlap', permission: 'accounts:read' },
    { name: 'accounts', path: '/accounts', permission: 'accounts:read' },
    { name: 'account-new', path: '/accounts/new', permission: 'accounts:write' },
    { name: 'account', path: `/accounts/${account()}`, permission: 'accounts:read' },
    {
      name: 'account-edit',
      path: `/accounts/${account()}`,
      permission: 'accounts:write',
      open: async (p) => {
        await p
          .getByRole('button', { name: /^(edit )?(Edit|编\s*辑)$/ })
          .first()
          .click();
        await poll(() => p.getByRole('dialog').first().isVisible()).toBe(true);
      },
    },
    { name: 'my-customers', path: '/my-customers', permission: 'accounts:read' },
    { name: 'pools', path: '/pools', permission: 'accounts:write' },
    {
      name: 'notices',
      path: '/my-customers',
      permission: 'accounts:read',
      open: async (p) => {
        await p.getByTestId('notification-bell').click();
        await poll(() => p.getByTestId('notices').isVisible()).toBe(true);
      },
    },
    { name: 'imports', path: '/imports', permission: 'accounts:import' },
    { name: 'import-job', path: `/imports/${ids.importJob}`, permission: 'accounts:import' },
    { name: 'users', path: '/users', permission: 'users:read' },
    { name: 'teams', path: '/teams', permission: 'teams:read' },
    { name: 'tokens', path: '/tokens', permission: 'tokens:manage' },
    { name: 'audit', path: '/audit', permission: 'audit:read' },
    {
      name: 'decision',
      path: '/audit',
      permission: 'audit:read',
      open: async (p) => {
        // The entry that created a customer names its decision; its details open below the row.
        const expanders = p.locator('.ant-table-row-expand-icon');
        for (let i = 0; !(await p.getByTestId('audit-decision').count()); i++) {
          await expanders.nth(i).click();
        }
        await p.getByTestId('audit-decision').first().click();
        await poll(() => p.getByTestId('decision-modal').isVisible()).toBe(true);
      },
    },
    { name: 'organization', path: '/organization', permission: 'org:read' },
    { name: 'assignment', path: '/assignment', permission: 'assignment:manage' },
    { name: 'password', path: '/account/password' },
    {
      name: 'menu',
      path: '/account/password',
      open: async (p) => {
        await p.getByRole('button', { name: /^(Menu|菜单)$/ }).click();
        await poll(() => p.locator('.app-nav-drawer').getByRole('dialog').isVisible()).toBe(true);
      },
    },
  ];

  /** Waits until the page has its data: no request in flight for a moment, no spinner, no skeleton. */
  async function settled(p: Page) {
    await p.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await poll(() => p.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
  }

  async function visitAll(who: 'admin' | 'rep', language: 'zh-CN' | 'en') {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: language === 'en' ? 'en-US' : 'zh-CN',
      storageState: who === 'admin' ? await desktop.storageState() : repState,
    });
    const phone = await watchedPage(context, pageErrors);
    const failures: string[] = [];
    try {
      const me = (await (await phone.request.get(`${server.url}/api/v1/me`)).json()) as {
        permissions: string[];
      };
      const account = () => (who === 'admin' ? ids.account : ids.repAccount);
      for (const visit of visits(account)) {
        if (visit.permission && !me.permissions.includes(visit.permission)) continue;
        await phone.goto(`${server.url}${visit.path}`);
        await settled(phone);
        try {
          await visit.open?.(phone);
          await settled(phone);
        } catch (error) {
          failures.push(`${who} ${language} ${visit.name}: could not open: ${String(error)}`);
          continue;
        }
        const where = `${who} ${language} ${visit.name} (${visit.path})`;
        expect(new URL(phone.url()).pathname, `${where} was redirected`).toBe(visit.path);
        await phone.screenshot({
          path: join(shots, `${who}-${language}-${visit.name}.png`),
          animations: 'disabled',
          fullPage: !visit.open,
        });
        for (const problem of await horizontalOverflow(phone)) failures.push(`${where}: ${problem}`);
      }
    } finally {
      await context.close();
    }
    expect(failures, 'horizontal overflow at 375 px').toEqual([]);
  }

  for (const language of ['zh-CN', 'en'] as const) {
    it(`fits every admin page in ${language}`, () => visitAll('admin', language), STEP_TIMEOUT);
    it(`fits every rep page in ${language}`, () => visitAll('rep', language), STEP_TIMEOUT);
  }
});
