import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import type { RunningFairshare } from './support/server.js';
import {
  chooseOption,
  chromiumOrSkip,
  pageErrorGuard,
  poll,
  screenshot,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('activities');
const STEP_TIMEOUT = 120_000;
const CUSTOMER = '苏州枫桥精密机械有限公司';
const CHECK_IN = { latitude: 31.3196, longitude: 120.5853 };

describe.skipIf(!executablePath)(
  'a rep logs a visit on a phone, then opens an opportunity and quotes it',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    let accountId: string;
    const pageErrors = pageErrorGuard();
    const rep = { login: 'e2e.suzhou.rep', displayName: '陈晨', role: 'rep' };
    const password = 'amber-quarry-lantern-58';

    beforeAll(async () => {
      ({
        server,
        browser,
        page: admin,
      } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
      await signInByApi(admin, server.url, 'admin', server.adminPassword);
      const post = async (page: Page, path: string, data: unknown) => {
        const reply = await page.request.post(`${server.url}${path}`, { data });
        expect(reply.status(), `${path}: ${await reply.text()}`).toBe(201);
        return reply.json();
      };
      const team = await post(admin, '/api/v1/teams', { name: '华东销售部' });
      await post(admin, '/api/v1/users', { ...rep, password, teamId: team.id });
      const line = await post(admin, '/api/v1/product-lines', {
        code: 'MFG',
        nameZh: '制造云',
        nameEn: 'Manufacturing cloud',
      });
      await post(admin, '/api/v1/products', {
        code: 'MFG-STD',
        name: '制造云标准版',
        productLineId: line.id,
        listPrice: '19.99',
        currency: 'CNY',
      });
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await signInByApi(page, server.url, rep.login, password);
      accountId = (await post(page, '/api/v1/accounts', { legalName: CUSTOMER })).id;
      await context.close();
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** The rep on a 375 px phone in Chinese that lets the page read where it is. */
    async function phone(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        geolocation: CHECK_IN,
        permissions: ['geolocation'],
      });
      const page = await watchedPage(context, pageErrors);
      await signInByApi(page, server.url, rep.login, password);
      return { context, page };
    }

    it(
      'logs a visit with a check-in and a next step from a phone',
      async () => {
        const { context, page } = await phone();
        try {
          await page.goto(`${server.url}/accounts/${accountId}`);
          const timeline = page.getByTestId('follow-ups');
          await poll(() => timeline.textContent()).toContain('暂无跟进记录');
          await timeline.getByTestId('log-follow-up').click();
          const form = page.getByTestId('follow-up-form');
          await chooseOption(page, form.getByLabel('方式', { exact: true }), '拜访');
          // The time is now unless changed; the location only when asked for.
          expect(await form.getByLabel('时间', { exact: true }).inputValue()).toMatch(
            /^\d{4}-\d\d-\d\d \d\d:\d\d$/,
          );
          await form.getByTestId('check-in-here').click();
          await poll(() => form.getByTestId('check-in').textContent()).toBe('31.3196, 120.5853');
          await form.getByLabel('内容', { exact: true }).fill('拜访设备部，确认二期产线需求');
          await form.getByLabel('下一步', { exact: true }).fill('下周发送报价');
          expect(await horizontalOverflow(page), 'the form on a phone').toEqual([]);
          await screenshot(page, 'activities-01-follow-up-form-zh');
          await form.getByTestId('save-follow-up').click();
          const entry = timeline.getByTestId('follow-up');
          await poll(() => entry.count()).toBe(1);
          const text = await entry.textContent();
          expect(text).toContain('拜访');
          expect(text).toContain('拜访设备部，确认二期产线需求');
          expect(text).toContain('下一步: 下周发送报价');
          expect(text).toContain('31.3196, 120.5853');
          expect(text).toContain(rep.displayName);
          expect(await horizontalOverflow(page), 'the timeline on a phone').toEqual([]);
          await screenshot(page, 'activities-02-timeline-zh');
        } finally {
          await context.close();
        }
        const stored = await admin.request.get(`${server.url}/api/v1/accounts/${accountId}/follow-ups`);
        expect((await stored.json()).items[0]).toMatchObject({
          kind: 'visit',
          byOwner: true,
          location: { lat: 31.3196, lng: 120.5853 },
          nextStep: { text: '下周发送报价' },
        });
        expect(pageErrors).toEqual([]);
      },
      STEP_TIMEOUT,
    );

    it(
      'opens an opportunity on the customer and sends it a quote with an exact total',
      async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
        const page = await watchedPage(context, pageErrors);
        try {
          await signInByApi(page, server.url, rep.login, password);
          await page.goto(`${server.url}/accounts/${accountId}`);
          await page.getByTestId('new-opportunity').click();
          const dialog = page.getByRole('dialog', { name: 'New opportunity' });
          await dialog.getByLabel('Name', { exact: true }).fill('二期产线');
          await dialog.getByLabel('Amount', { exact: true }).fill('12345.67');
          await dialog.getByRole('button', { name: 'Create' }).click();
          await poll(() => page.getByTestId('opportunity-amount').textContent()).toBe('12,345.67 CNY');
          expect(await page.getByTestId('opportunity-status').textContent()).toBe('Open');

          await page.getByTestId('new-quote').click();
          const editor = page.getByRole('dialog', { name: 'New quote' });
          await editor.getByTestId('add-quote-line').click();
          await editor.getByLabel('Product 1', { exact: true }).click();
          await page
            .locator(
              '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="MFG-STD"]',
            )
            .click();
          await editor.locator('.ant-select').filter({ hasText: 'MFG-STD' }).first().waitFor();
          const line = editor.getByTestId('quote-line');
          await line.getByLabel('Qty', { exact: true }).fill('3');
          await line.getByLabel('Discount %', { exact: true }).fill('10');
          await editor.getByRole('button', { name: 'Create' }).click();
          const quote = page.getByTestId('quote');
          // 3 × 19.99 less 10 % = 53.973, rounded once to 53.97.
          await poll(() => quote.getByTestId('quote-total').textContent()).toBe('Total: 53.97 CNY');
          expect(await quote.getAttribute('data-status')).toBe('draft');
          await quote.getByTestId('send-quote').click();
          await poll(() => quote.getAttribute('data-status')).toBe('sent');
          await screenshot(page, 'activities-03-quote-sent');
        } finally {
          await context.close();
        }
        const quotes = await admin.request.get(`${server.url}/api/v1/quotes`);
        expect((await quotes.json()).items).toMatchObject([
          {
            status: 'sent',
            total: '53.97',
            lines: [{ quantity: 3, unitPrice: '19.99', discountPercent: '10' }],
          },
        ]);
        expect(pageErrors).toEqual([]);
      },
      STEP_TIMEOUT,
    );
  },
);
