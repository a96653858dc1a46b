import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  clickForAnswer,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('assignment');
const STEP_TIMEOUT = 120_000;
const TEAM = '华南销售部';

describe.skipIf(!executablePath)('sales ops drafts an assignment rule, runs what-if and publishes it', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let admin: Page;
  const pageErrors = pageErrorGuard();
  const reps = ['华南 陈静', '华南 黄伟'];

  beforeAll(async () => {
    ({
      server,
      browser,
      page: admin,
    } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
    await signInByApi(admin, server.url, 'admin', server.adminPassword);
    const post = async (path: string, data: unknown) => {
      const reply = await admin.request.post(`${server.url}${path}`, { data });
      expect(reply.status(), `${path}: ${await reply.text()}`).toBeLessThan(300);
      return reply.json();
    };
    const team = await post('/api/v1/teams', { name: TEAM });
    for (const [i, displayName] of reps.entries())
      await post('/api/v1/users', {
        login: `e2e.south.${i}`,
        displayName,
        role: 'rep',
        teamId: team.id,
        password: 'violet-harbour-lantern-42',
      });
    // Four customers the admin holds today: a rule giving everything to the team moves them all.
    for (const name of [
      '广州珠江茶业有限公司',
      '深圳南山软件有限公司',
      '佛山顺德家电有限公司',
      '东莞松山湖电子有限公司',
    ])
      await post('/api/v1/accounts', { legalName: name });
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'creates a draft with a round-robin rule, shows who would move, and makes it live',
    async () => {
      await admin.goto(`${server.url}/assignment`);
      await admin.getByRole('menuitem', { name: 'Assignment rules' }).waitFor();
      await admin.getByTestId('new-draft').click();
      await poll(() => admin.locator('[data-testid="rule-set"][data-status="draft"]').count()).toBe(1);

      await admin.getByTestId('add-rule').click();
      const rule = admin.getByTestId('assignment-rule');
      await rule.getByTestId('rule-name').fill('华南轮流');
      await rule.getByTestId('rule-team').locator('.ant-select').click();
      await admin.locator('.ant-select-tree-title', { hasText: TEAM }).click();

      // A check before saving: the rules are consistent.
      await admin.getByTestId('check-rules').click();
      await poll(() => admin.getByText('The rules are consistent').isVisible()).toBe(true);

      await admin.getByTestId('what-if').click();
      const result = admin.getByTestId('what-if-result');
      await poll(() => result.getByTestId('what-if-summary').textContent()).toBe(
        '4 of 4 active customers would move',
      );
      const moves = result.getByTestId('what-if-moves');
      expect(await moves.textContent()).toContain('广州珠江茶业有限公司');
      const loads = await result.getByTestId('what-if-loads').textContent();
      for (const name of reps) expect(loads).toContain(name);
      await screenshot(admin, 'assignment-01-what-if');

      await admin.getByTestId('publish-rules').click();
      const publishReply = await clickForAnswer(
        admin,
        admin.getByRole('button', { name: 'Publish', exact: true }).last(),
        'POST',
        /\/rule-sets\/[^/]+\/publish$/,
      );
      expect(publishReply.status(), await publishReply.text()).toBeLessThan(300);
      await poll(() => admin.getByText('Version 1 is live').isVisible()).toBe(true);
      const live = admin.locator('[data-testid="rule-set"][data-status="published"]');
      await poll(() => live.count()).toBe(1);
      expect(await live.textContent()).toContain('v1');
      // The live version reads as history: no editing buttons.
      expect(await admin.getByTestId('save-rules').count()).toBe(0);

      const sets = await admin.request.get(`${server.url}/api/v1/assignment/rule-sets`);
      const published = (await sets.json()).items.find((s: { status: string }) => s.status === 'published');
      expect(published.rules[0]).toMatchObject({ name: '华南轮流', target: { type: 'round_robin' } });
      await screenshot(admin, 'assignment-02-published');
    },
    STEP_TIMEOUT,
  );

  it(
    'fits a 375 px phone, in Chinese',
    async () => {
      const phone = await phoneContext(browser, admin.context(), { height: 740, locale: 'zh-CN' });
      const mobile = await watchedPage(phone, pageErrors);
      try {
        await mobile.goto(`${server.url}/assignment`);
        await poll(() => mobile.getByRole('heading', { name: '分配规则' }).isVisible()).toBe(true);
        await poll(() => mobile.getByTestId('assignment-rule').count()).toBe(1);
        expect(await scrollWidth(mobile)).toBeLessThanOrEqual(375);
        await screenshot(mobile, 'assignment-03-phone');
      } finally {
        await phone.close();
      }
    },
    STEP_TIMEOUT,
  );
});
