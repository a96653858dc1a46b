import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import { apiCaller, partnerWithUser } from './support/api.js';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  pageErrorGuard,
  poll,
  screenshot,
  signedInPage,
  signInByApi,
  startE2e,
} from './support/setup.js';

const executablePath = chromiumOrSkip('channel-report');
const STEP_TIMEOUT = 180_000;
const PHONE = { width: 375, height: 812 };
const PARTNER = { login: 'e2e.channel.partner', password: 'Partner-e2e-harbour-4821' };
const PARTNER_NAME = '杭州青松渠道科技有限公司';

/**
 * The channel report on a phone: a partner registers a deal (API), the channel manager reads the report at
 * 375 px in Chinese — figures, chart, scorecard and the export links — and the partner reads its own in
 * English, without the channel's filters.
 */
describe.skipIf(!executablePath)('channel report (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let page: Page;
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    ({ server, browser, page } = await startE2e(executablePath!, PHONE, pageErrors));
    await signInByApi(page, server.url, 'admin', server.adminPassword);
    const call = apiCaller(page, server.url);
    await partnerWithUser(
      call,
      { legalName: PARTNER_NAME, contactName: '陈经理', contactEmail: 'chen@qingsong.example.cn' },
      { ...PARTNER, displayName: '青松 王' },
    );
    const line = await call('POST', '/api/v1/product-lines', {
      code: 'e2e-crm',
      nameZh: '客户管理',
      nameEn: 'CRM',
    });
    const product = await call('POST', '/api/v1/products', {
      code: 'e2e-crm-std',
      name: 'CRM 标准版',
      productLineId: line.id,
      listPrice: '100.00',
      currency: 'CNY',
    });

    const partnerPage = await signedInPage(browser, server.url, pageErrors, PARTNER.login, PARTNER.password);
    const close = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const draft = await partnerPage.request.post(`${server.url}/api/v1/registrations`, {
      data: {
        customer: { legalName: '宁波海曙远航贸易有限公司' },
        name: '远航 CRM',
        currency: 'CNY',
        lines: [{ productId: product.id, quantity: 1, amount: '12345.67' }],
        expectedClose: close,
      },
    });
    expect(draft.status(), await draft.text()).toBe(201);
    const id = ((await draft.json()) as { id: string }).id;
    const submitted = await partnerPage.request.post(`${server.url}/api/v1/registrations/${id}/submit`, {
      data: {},
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
    await partnerPage.context().close();
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'shows the channel manager every partner’s figures on a phone, in Chinese, with exports',
    async () => {
      const phone = await signedInPage(browser, server.url, pageErrors, 'admin', server.adminPassword, {
        viewport: PHONE,
        locale: 'zh-CN',
        phone: true,
      });
      await phone.goto(`${server.url}/reports/channel`);
      await poll(() => phone.getByTestId('channel-table').getByText(PARTNER_NAME).isVisible()).toBe(true);
      await poll(() => phone.getByTestId('channel-totals').textContent()).toContain('已提交1');
      expect(await phone.getByTestId('channel-chart').locator('canvas').count()).toBe(1);
      await expect(phone.getByRole('heading', { name: '渠道报表' }).isVisible()).resolves.toBe(true);
      // The channel narrows by tier and partner.
      expect(await phone.getByText('全部级别').count()).toBe(1);
      await phone.getByTestId('export').click();
      const csv = phone.getByTestId('export-channel-csv');
      await poll(() => csv.isVisible()).toBe(true);
      expect(await csv.getAttribute('href')).toMatch(
        /^\/api\/v1\/exports\/channel\?.*format=csv.*lang=zh-CN/,
      );
      const file = await phone.request.get(`${server.url}${await csv.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect(await file.text()).toContain(PARTNER_NAME);
      await phone.keyboard.press('Escape');
      await screenshot(phone, 'channel-report-admin-zh');
      expect(await horizontalOverflow(phone)).toEqual([]);
      await phone.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    'shows a partner its own scorecard in English, without the channel’s filters',
    async () => {
      const phone = await signedInPage(browser, server.url, pageErrors, PARTNER.login, PARTNER.password, {
        viewport: PHONE,
        phone: true,
      });
      await phone.goto(`${server.url}/reports/channel`);
      await poll(() => phone.getByTestId('channel-table').getByText(PARTNER_NAME).isVisible()).toBe(true);
      await poll(() => phone.getByTestId('channel-totals').textContent()).toContain('Submitted1');
      expect(await phone.getByText('All tiers').count()).toBe(0);
      expect(await phone.getByText('All partners').count()).toBe(0);
      // A partner's people hold no data:export: no export button.
      expect(await phone.getByTestId('export').count()).toBe(0);
      await screenshot(phone, 'channel-report-partner-en');
      expect(await horizontalOverflow(phone)).toEqual([]);
      await phone.context().close();
    },
    STEP_TIMEOUT,
  );
});
