import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import { apiCaller, partnerWithUser } from './support/api.js';
import type { RunningFairshare } from './support/server.js';
import {
  chooseOption,
  chromiumOrSkip,
  clickForAnswer,
  clickUntilShown,
  pickUntilShown,
  pageErrorGuard,
  poll,
  screenshot,
  signedInPage,
  signInByApi,
  startE2e,
} from './support/setup.js';

const executablePath = chromiumOrSkip('channel-settings');
const STEP_TIMEOUT = 180_000;
const PHONE = { width: 375, height: 812 };
const PARTNER = { login: 'e2e.settings.partner', password: 'Partner-e2e-lantern-7310' };

/**
 * The channel console's settings: a channel manager changes the registration rules (the form refuses an
 * amount its currency cannot hold before anything is sent) and a tier's protection and approval limit, reads
 * the page on a phone in Chinese; a partner's people have no way in.
 */
describe.skipIf(!executablePath)('channel settings (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let page: Page;
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    ({ server, browser, page } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
    await signInByApi(page, server.url, 'admin', server.adminPassword);
    const call = apiCaller(page, server.url);
    // An applicant: its people sign in, and still have no way into the channel's settings.
    await partnerWithUser(
      call,
      {
        legalName: '苏州明灯系统集成有限公司',
        contactName: '周经理',
        contactEmail: 'zhou@mingdeng.example.cn',
      },
      { ...PARTNER, displayName: '明灯 周' },
      false,
    );
    await call('POST', '/api/v1/product-lines', { code: 'e2e-erp', nameZh: '企业资源计划', nameEn: 'ERP' });
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const settings = async () =>
    (await (await page.request.get(`${server.url}/api/v1/registrations/settings`)).json()) as Record<
      string,
      any
    >;

  it(
    'changes the registration rules, refusing an amount with more decimals than its currency has',
    async () => {
      await page.goto(`${server.url}/channel-settings`);
      const form = page.locator('form[id="registration-rules"]');
      const minimum = form.getByLabel('Smallest deal accepted', { exact: true });
      await poll(() => minimum.inputValue()).toBe('0.00');
      await minimum.fill('5000.001');
      // (`has` is read inside each form item: the field by its id, not by a locator from the page.)
      const minimumError = form
        .locator('.ant-form-item')
        .filter({ has: page.locator('#registration-rules_minimumAmount') })
        .locator('.ant-form-item-explain-error');
      await clickUntilShown(form.getByRole('button', { name: 'Save' }), minimumError);
      await poll(() => minimumError.textContent()).toBe('This has more decimals than the currency has');
      expect((await settings()).minimumAmount).toBe('0.00');

      await minimum.fill('5000');
      await form.getByLabel('Approve without a reviewer up to', { exact: true }).fill('200000');
      await form.getByLabel('Days a direct rep’s follow-up keeps partners out', { exact: true }).fill('14');
      await chooseOption(
        page,
        form.getByLabel('What a registration protects'),
        'The customer for the registered product lines',
      );
      await form.getByRole('button', { name: 'Add a step' }).click();
      const step = form.getByTestId('approval-step-1');
      await step.getByLabel('From amount', { exact: true }).fill('1000000');
      await step.getByLabel('Reviewers', { exact: true }).fill('2');
      const reminders = form.getByLabel('Warn the partner this many days before protection ends', {
        exact: true,
      });
      await reminders.fill('7');
      await reminders.press('Enter');
      await screenshot(page, 'channel-settings-rules');
      const saved = await clickForAnswer(
        page,
        form.getByRole('button', { name: 'Save' }),
        'PATCH',
        /\/api\/v1\/registrations\/settings$/,
      );
      expect(saved.status(), await saved.text()).toBe(200);
      await poll(() => page.getByText('Registration rules saved').isVisible()).toBe(true);
      expect(await settings()).toMatchObject({
        protectionScope: 'customer_product_line',
        currency: 'CNY',
        minimumAmount: '5000.00',
        autoApproveMax: '200000.00',
        directFollowUpDays: 14,
        approvalSteps: [
          { fromMinor: '0', steps: 1 },
          { fromMinor: '100000000', steps: 2 },
        ],
      });
      expect((await settings()).reminderDays).toContain(7);
      // What was saved is what the page shows after a reload.
      await page.reload();
      await poll(() => minimum.inputValue()).toBe('5000.00');
      await poll(() => form.getByTestId('approval-step-1').getByLabel('From amount').inputValue()).toBe(
        '1000000.00',
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'gives a tier a longer protection and its own approval limit for one product line',
    async () => {
      await page.goto(`${server.url}/channel-settings`);
      const gold = page.getByRole('row').filter({ hasText: 'Gold' });
      await poll(() => gold.isVisible()).toBe(true);
      const dialog = page.getByRole('dialog', { name: 'Edit tier Gold' });
      await clickUntilShown(gold.getByRole('button', { name: 'Edit' }), dialog);
      await dialog.getByLabel('Protection (days)', { exact: true }).fill('120');
      await dialog.getByRole('switch', { name: 'The tier has its own approval limit' }).click();
      // Some 300 currencies: the list shows CNY once it is typed.
      const currency = dialog.getByLabel('Currency', { exact: true });
      await pickUntilShown(
        async () => {
          await currency.click();
          await currency.fill('CNY');
        },
        page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({
          hasText: /^CNY/,
        }),
        dialog.locator('.ant-select').filter({ hasText: /^CNY/ }),
      );
      await dialog.getByLabel('Up to amount', { exact: true }).fill('500000');
      await chooseOption(page, dialog.getByLabel('Only these product lines'), 'ERP');
      await dialog.getByLabel('Reason for the change', { exact: true }).fill('Gold partners carry ERP deals');
      const saved = await clickForAnswer(
        page,
        dialog.getByRole('button', { name: 'Save' }),
        'PATCH',
        /\/api\/v1\/partner-tiers\/[0-9a-f-]+$/,
      );
      expect(saved.status(), await saved.text()).toBe(200);
      await poll(() => dialog.isVisible()).toBe(false);
      await poll(() => gold.textContent()).toContain('120');
      await poll(() => gold.textContent()).toContain('Up to 500,000.00 CNY · only ERP');
      const tiers = (await (await page.request.get(`${server.url}/api/v1/partner-tiers`)).json()) as {
        items: Record<string, any>[];
      };
      expect(tiers.items.find((t) => t.code === 'gold')).toMatchObject({
        protectionDays: 120,
        autoApprove: { maxAmountMinor: '50000000', currency: 'CNY' },
      });
      await screenshot(page, 'channel-settings-tiers');
    },
    STEP_TIMEOUT,
  );

  it(
    'reads on a phone in Chinese without sideways scrolling; a partner’s people have no way in',
    async () => {
      const phone = await signedInPage(browser, server.url, pageErrors, 'admin', server.adminPassword, {
        viewport: PHONE,
        locale: 'zh-CN',
        phone: true,
      });
      await phone.goto(`${server.url}/channel-settings`);
      await poll(() => phone.getByRole('heading', { name: '渠道设置' }).isVisible()).toBe(true);
      await poll(() => phone.getByRole('row').filter({ hasText: '金牌' }).textContent()).toContain('120');
      await poll(() => phone.getByLabel('最低商机金额', { exact: true }).inputValue()).toBe('5000.00');
      await screenshot(phone, 'channel-settings-phone-zh');
      expect(await horizontalOverflow(phone)).toEqual([]);
      await phone.context().close();

      const partner = await signedInPage(browser, server.url, pageErrors, PARTNER.login, PARTNER.password);
      await partner.goto(`${server.url}/channel-settings`);
      await poll(() => partner.getByText('Channel settings').count()).toBe(0);
      await poll(() => partner.locator('form[id="registration-rules"]').count()).toBe(0);
      const patch = await partner.request.patch(`${server.url}/api/v1/registrations/settings`, {
        data: { minimumAmount: '0' },
      });
      expect(patch.status()).toBe(403);
      await partner.context().close();
    },
    STEP_TIMEOUT,
  );
});
