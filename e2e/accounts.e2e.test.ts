import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  clickForAnswer,
  clickUntilShown,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  signInByApi,
  startE2e,
  submitLogin,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('accounts');
const STEP_TIMEOUT = 90_000;

const CSV = [
  'id,客户名称,电话',
  'c1,杭州青藤科技有限公司,0571-8888 1234',
  'c2,青藤科技（杭州）有限公司,+86 571 8888 1234',
  'c3,成都蓝海物流有限公司,028-6666 7777',
  'c4,,13800000000',
  'c5,北京字节跳动科技有限公司,010-62123456',
].join('\n');

describe.skipIf(!executablePath)(
  'customer identity in the web UI (Chromium against the built server)',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let desktop: BrowserContext;
    let page: Page;
    const pageErrors = pageErrorGuard();

    const shot = (name: string, target: Page = page) => screenshot(target, name);
    const panel = () => page.getByTestId('duplicate-panel');

    beforeAll(async () => {
      ({ server, browser, desktop, page } = await startE2e(
        executablePath!,
        { width: 1280, height: 900 },
        pageErrors,
      ));
      await page.goto(`${server.url}/accounts`);
      await page.waitForURL(/\/login$/);
      await submitLogin(page, 'admin', server.adminPassword);
      await page.waitForURL(/\/accounts$/);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'creates a customer with a phone after a clean duplicate check',
      async () => {
        await page.getByRole('button', { name: 'New customer' }).click();
        await page.waitForURL(/\/accounts\/new$/);
        await page
          .locator('form')
          .getByLabel('Legal name', { exact: true })
          .fill('字节跳动（北京）科技有限公司');
        await page.getByLabel('Phones', { exact: true }).fill('010-6212 3456');
        await poll(() => panel().getAttribute('data-verdict')).toBe('none');
        await page.getByTestId('create-account').click();
        await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
        await poll(() =>
          page.getByRole('heading', { name: '字节跳动（北京）科技有限公司' }).isVisible(),
        ).toBe(true);
        expect(await page.getByText('010-6212 3456').isVisible()).toBe(true);

        // Ends in 'Edit': the team's 'Manage team' button is named 'edit Manage team' after its icon.
        await page.getByRole('button', { name: /Edit$/ }).click();
        const dialog = page.getByRole('dialog', { name: 'Edit customer' });
        await poll(() => dialog.getByLabel('Phones', { exact: true }).inputValue()).toBe('+861062123456');
        await dialog
          .getByLabel('English name', { exact: true })
          .fill('Beijing ByteDance Technology Co., Ltd.');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await poll(() => page.getByText('Beijing ByteDance Technology Co., Ltd.').isVisible()).toBe(true);
        await shot('10-account-created');
      },
      STEP_TIMEOUT,
    );

    it(
      'blocks the same company typed in traditional characters, with the reasons',
      async () => {
        await page.goto(`${server.url}/accounts/new`);
        await page.locator('form').getByLabel('Legal name', { exact: true }).fill('北京字節跳動科技有限公司');
        await poll(() => panel().getAttribute('data-verdict')).toBe('same');
        expect(await panel().textContent()).toContain('This customer already exists');
        const nameRow = panel().getByRole('row').filter({ hasText: '字节跳动 / 字节跳动' });
        await poll(() => nameRow.count()).toBe(1);
        const cells = await nameRow.getByRole('cell').allTextContents();
        expect(cells).toEqual(['Same name: 字节跳动 / 字节跳动', '+3.0']);
        expect(await panel().getByRole('link', { name: '字节跳动（北京）科技有限公司' }).isVisible()).toBe(
          true,
        );
        expect(await page.getByTestId('create-account').isDisabled()).toBe(true);
        expect(await page.getByRole('button', { name: 'Open the existing customer' }).isVisible()).toBe(true);
        await shot('11-duplicate-blocked');
      },
      STEP_TIMEOUT,
    );

    it(
      'asks for a reason to create a look-alike, and flags a wrong USCC check character',
      async () => {
        const existing = await page.request.post(`${server.url}/api/v1/accounts`, {
          data: { legalName: '北京华源科技有限公司' },
        });
        expect(existing.status()).toBe(201);
        await page.goto(`${server.url}/accounts/new`);
        await page.locator('form').getByLabel('Legal name', { exact: true }).fill('北京华源信息技术有限公司');
        await page
          .getByLabel('Unified social credit code (USCC)', { exact: true })
          .fill('91110000802100433X');
        await poll(() => panel().getAttribute('data-verdict')).toBe('possible');
        await poll(() => page.getByTestId('uscc-warning').textContent()).toContain('check character');
        await poll(() =>
          panel().getByRole('row').filter({ hasText: '信息技术 / 科技' }).textContent(),
        ).toContain('Different industry words');
        await shot('12-possible-duplicate');

        await page.getByTestId('create-account').click();
        const dialog = page.getByRole('dialog', { name: 'Create anyway?' });
        await poll(() => dialog.isVisible()).toBe(true);
        const reasonError = dialog.locator('.ant-form-item-explain-error');
        await clickUntilShown(dialog.getByRole('button', { name: 'Create anyway' }), reasonError);
        await poll(() => reasonError.count()).toBe(1);
        await dialog
          .getByLabel('Reason', { exact: true })
          .fill('Different company: IT services, not the tech holding');
        await shot('13-confirm-reason');
        const created = page.waitForResponse(
          (r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST',
        );
        await dialog.getByRole('button', { name: 'Create anyway' }).click();
        expect((await created).status()).toBe(201);
        await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
        await poll(() => page.getByRole('heading', { name: '北京华源信息技术有限公司' }).isVisible()).toBe(
          true,
        );
        expect(await page.getByText('Check character wrong').isVisible()).toBe(true);
      },
      STEP_TIMEOUT,
    );

    it(
      'merges the look-alike from the list, shows what changed, and takes the merge back',
      async () => {
        await page.goto(`${server.url}/accounts`);
        await page.getByPlaceholder('Name, short name or English name').fill('华源');
        await page.getByRole('button', { name: 'Search' }).click();
        await poll(() => page.getByRole('row').filter({ hasText: '北京华源' }).count()).toBe(2);
        await page.getByRole('link', { name: '北京华源科技有限公司' }).click();
        await page.getByRole('button', { name: 'Merge a duplicate' }).click();
        const dialog = page.getByRole('dialog', { name: /Merge a duplicate into/ });
        await dialog.getByRole('button', { name: /北京华源信息技术有限公司/ }).click();
        await dialog.getByLabel('Reason', { exact: true }).fill('Same group, entered twice');
        await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
        const delta = dialog.getByTestId('merge-delta');
        await poll(() => delta.isVisible()).toBe(true);
        expect(await delta.getByRole('row').filter({ hasText: 'Short names' }).textContent()).toContain(
          '北京华源信息技术有限公司',
        );
        expect(await delta.textContent()).toContain('91110000802100433X');
        await shot('14-merge-result');
        await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();

        const history = page.getByTestId('merge-history-item');
        await poll(() => history.count()).toBe(1);
        await page.getByTestId('unmerge').click();
        const undo = page.getByRole('dialog', { name: 'Un-merge' });
        await undo.getByLabel('Reason', { exact: true }).fill('They are separate after all');
        await undo.getByRole('button', { name: 'Un-merge' }).click();
        await poll(() => history.textContent()).toContain('Undone');
        await shot('15-unmerged');
      },
      STEP_TIMEOUT,
    );

    it(
      'imports a list: a duplicate pair becomes one cluster, a bad row is reported, and the counts come back',
      async () => {
        await page.goto(`${server.url}/imports`);
        await page
          .locator('input[type=file]')
          .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
        await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
        await poll(() => page.getByTestId('import-status').textContent()).toBe('Ready for review');

        const pair = page.getByTestId('import-cluster').filter({ hasText: '青藤科技（杭州）有限公司' });
        await poll(() => pair.getAttribute('data-verdict')).toBe('same');
        expect(await pair.textContent()).toContain('杭州青藤科技有限公司');
        expect(await pair.getByRole('row').filter({ hasText: '青藤 / 青藤' }).count()).toBe(1);
        const known = page.getByTestId('import-cluster').filter({ hasText: '北京字节跳动科技有限公司' });
        expect(await known.getByRole('link', { name: '字节跳动（北京）科技有限公司' }).isVisible()).toBe(
          true,
        );
        // The decision must be saved before the import starts: a decision after the start is refused.
        const decided = page.waitForResponse(
          (r) => r.url().includes('/clusters/') && r.request().method() === 'PUT',
        );
        await page.getByTestId('import-cluster').filter({ hasText: '成都蓝海' }).getByText('Skip').click();
        expect((await decided).status()).toBe(204);

        await page
          .getByTestId('import-problems')
          .getByText(/Problems by line/)
          .click();
        await poll(() =>
          page.getByRole('row').filter({ hasText: 'No name; row skipped' }).textContent(),
        ).toContain('5');
        await shot('16-import-review');

        await page.getByRole('button', { name: 'Start import' }).click();
        const started = await clickForAnswer(
          page,
          page.locator('.ant-popconfirm').getByRole('button', { name: 'Start import' }),
          'POST',
          /\/imports\/[^/]+\/start$/,
        );
        expect(started.status(), await started.text()).toBeLessThan(300);
        await poll(() => page.getByTestId('import-status').textContent()).toBe('Done');
        const count = (outcome: string) =>
          page.getByTestId(`count-${outcome}`).locator('.ant-statistic-content').textContent();
        await poll(() => count('created')).toBe('1');
        expect(await count('merged')).toBe('1');
        expect(await count('skipped')).toBe('1');
        expect(await count('needs_review')).toBe('0');
        await poll(() => pair.getByTestId('cluster-outcome').textContent()).toBe('Created');
        await shot('17-import-done');
      },
      STEP_TIMEOUT,
    );

    it(
      'tells a rep that a customer they cannot see exists and whom to ask, never what it holds',
      async () => {
        const user = {
          login: 'e2e.rep',
          displayName: 'Rep E2E',
          role: 'rep',
          password: 'violet-harbour-lantern-42',
        };
        expect((await page.request.post(`${server.url}/api/v1/users`, { data: user })).status()).toBe(201);
        const repContext = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          locale: 'en-US',
        });
        const rep = await watchedPage(repContext, pageErrors);
        try {
          await signInByApi(rep, server.url, user.login, user.password);
          await rep.goto(`${server.url}/accounts/new`);
          await rep
            .locator('form')
            .getByLabel('Legal name', { exact: true })
            .fill('北京字節跳動科技有限公司');
          const repPanel = rep.getByTestId('duplicate-panel');
          await poll(() => repPanel.getAttribute('data-verdict')).toBe('same');
          const text = await repPanel.textContent();
          expect(text).toContain('This customer already exists and is owned by someone else.');
          expect(text).not.toContain('字节跳动（北京）');
          expect(await repPanel.getByRole('link').count()).toBe(0);
          // Whom to ask (the organisation reveals owners by default), and the way to ask.
          expect(await repPanel.getByTestId('hidden-owner').textContent()).toMatch(/^Held by /);
          expect(await repPanel.getByTestId('ask-access').isVisible()).toBe(true);
          expect(await rep.getByTestId('create-account').isDisabled()).toBe(true);
          await shot('18-rep-hidden-duplicate', rep);
        } finally {
          await repContext.close();
        }
      },
      STEP_TIMEOUT,
    );

    it(
      'fits a 375 px phone, in Chinese',
      async () => {
        const phone = await phoneContext(browser, desktop, { height: 740, locale: 'zh-CN' });
        const mobile = await watchedPage(phone, pageErrors);
        try {
          await mobile.goto(`${server.url}/accounts`);
          await poll(() => mobile.getByRole('heading', { name: '客户' }).isVisible()).toBe(true);
          await poll(() => mobile.getByRole('row').filter({ hasText: '青藤' }).count()).toBe(1);
          expect(await scrollWidth(mobile), 'horizontal scroll on /accounts').toBeLessThanOrEqual(375);
          await shot('19-phone-accounts', mobile);
          await mobile.getByRole('link', { name: '字节跳动（北京）科技有限公司' }).click();
          await poll(() => mobile.getByRole('button', { name: /合并重复客户/ }).isVisible()).toBe(true);
          expect(await scrollWidth(mobile), 'horizontal scroll on an account').toBeLessThanOrEqual(375);
          await shot('19-phone-account', mobile);

          await mobile.goto(`${server.url}/accounts/new`);
          await mobile.getByLabel('工商注册名称', { exact: true }).fill('北京字節跳動科技有限公司');
          const phonePanel = mobile.getByTestId('duplicate-panel');
          await poll(() => phonePanel.getAttribute('data-verdict')).toBe('same');
          expect(await phonePanel.textContent()).toContain('该客户已存在');
          expect(
            await phonePanel.getByRole('row').filter({ hasText: '字节跳动 / 字节跳动' }).textContent(),
          ).toContain('名称相同');
          expect(await scrollWidth(mobile), 'horizontal scroll on /accounts/new').toBeLessThanOrEqual(375);
          await shot('20-phone-duplicate-zh', mobile);

          await mobile.goto(page.url());
          await poll(() => mobile.getByTestId('import-counts').isVisible()).toBe(true);
          // The evidence is all Chinese but for the values it compares (names, numbers): no English phrase.
          const reasons = mobile.getByTestId('import-cluster').getByTestId('match-reasons');
          await poll(() => reasons.first().isVisible()).toBe(true);
          const said = (await reasons.allTextContents()).join(' ');
          expect(said).toContain('电话 +8657188881234（2 条记录共用）');
          expect(said).not.toMatch(/[A-Za-z]{2,}/);
          expect(await scrollWidth(mobile), 'horizontal scroll on the import').toBeLessThanOrEqual(375);
          await shot('21-phone-import-zh', mobile);
        } finally {
          await phone.close();
        }
      },
      STEP_TIMEOUT,
    );

    it('raised no uncaught errors in the page', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
