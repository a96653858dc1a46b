import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import { apiCaller, partnerWithUser } from './support/api.js';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  pageErrorGuard,
  pickUntilShown,
  poll,
  screenshot,
  signedInPage,
  signInByApi,
  startE2e,
} from './support/setup.js';

const executablePath = chromiumOrSkip('registrations');
const STEP_TIMEOUT = 240_000;
const PHONE = { width: 375, height: 812 };
const PASSWORD = 'copper-lantern-harbour-63';
const PARTNER_USER = { login: 'e2e.partner.user', displayName: '渠道伙伴销售 李娜' };
const CHANNEL = { login: 'e2e.channel', displayName: 'Channel manager 周' };
const CUSTOMER = '杭州远川智能制造股份有限公司';
const LETTER = '客户意向书.pdf';
const PRODUCT = { code: 'CRM-PRO', name: '云帆 CRM 专业版', listPrice: '1200.00' };

/**
 * Deal registration end to end: a partner's salesperson registers a deal on a phone (375 px), a channel
 * manager approves it at a desk from the review queue with the match evidence beside it, and the partner
 * sees its protection — status, the last protected day and the days left — in English and in Chinese.
 */
describe.skipIf(!executablePath)('deal registration (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let admin: Page;
  let phone: Page;
  let registrationId = '';
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    ({
      server,
      browser,
      page: admin,
    } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
    await signInByApi(admin, server.url, 'admin', server.adminPassword);
    const call = apiCaller(admin, server.url);
    // The catalogue the partner picks from.
    const line = await call('POST', '/api/v1/product-lines', {
      code: 'crm',
      nameZh: '客户管理',
      nameEn: 'CRM',
    });
    await call('POST', '/api/v1/products', {
      ...PRODUCT,
      productLineId: line.id,
      currency: 'CNY',
      active: true,
    });
    // A partner admitted and walked to active (its onboarding checklist done), on the lowest tier.
    await partnerWithUser(
      call,
      {
        legalName: '上海启明星信息技术有限公司',
        contactName: '陈启明',
        contactEmail: 'chen@qimingxing.example.cn',
      },
      { ...PARTNER_USER, password: PASSWORD },
    );
    await call('POST', '/api/v1/users', { ...CHANNEL, role: 'sales_ops', password: PASSWORD });
    // Every registration waits for a reviewer, in one step. No territories are drawn: no fence applies.
    await call('PATCH', '/api/v1/registrations/settings', {
      autoApproveMax: null,
      approvalSteps: [{ fromMinor: '0', steps: 1 }],
    });
    phone = await signedInPage(browser, server.url, pageErrors, PARTNER_USER.login, PASSWORD, {
      viewport: PHONE,
      phone: true,
    });
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'lets a partner register a deal on a phone, with the server’s problems under their fields',
    async () => {
      await phone.goto(`${server.url}/registrations`);
      await phone.getByTestId('availability').getByLabel('Customer name').fill(CUSTOMER);
      await phone.getByTestId('check-availability').click();
      await poll(() => phone.getByTestId('availability-answer').getAttribute('data-available')).toBe('true');
      expect(await horizontalOverflow(phone)).toEqual([]);

      await phone.getByTestId('new-registration').click();
      await phone.waitForURL(/\/registrations\/new$/);
      // The portal's own check has a customer name field too: wait until the form has replaced it.
      await phone.getByTestId('submit-registration').waitFor();
      await phone.getByLabel('Customer name', { exact: true }).fill(CUSTOMER);
      await phone.getByLabel('Phone', { exact: true }).fill('0571-8686 1234');
      await phone.getByLabel('Deal', { exact: true }).fill('远川 CRM 升级项目');
      // A product picker that searches shows its choice in its own way: the code is what is checked.
      const productSelect = phone.getByTestId('line-0').locator('.ant-select').first();
      const productOption = phone.locator(
        `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="${PRODUCT.code}"]`,
      );
      await pickUntilShown(
        () => phone.getByLabel('Product', { exact: true }).click(),
        productOption,
        productSelect.filter({ hasText: PRODUCT.name }),
      );
      await phone.getByLabel('Quantity', { exact: true }).fill('20');
      // Fen are the smallest unit of CNY: the server refuses a third decimal, under the amount.
      await phone.getByLabel('Amount', { exact: true }).fill('240000.005');
      await phone.getByLabel('Expected close', { exact: true }).click();
      await phone.locator('.ant-picker-dropdown:visible .ant-picker-header-next-btn').click();
      await phone.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view').nth(14).click();
      await phone.getByLabel('Contact name', { exact: true }).fill('王经理');
      await phone.getByLabel('Contact mobile', { exact: true }).fill('13800138000');
      expect(await horizontalOverflow(phone)).toEqual([]);
      await phone.getByTestId('submit-registration').click();
      await poll(() =>
        phone.getByTestId('line-0').locator('.ant-form-item-explain-error').allTextContents(),
      ).toEqual(['This has more decimals than the currency has']);
      expect(phone.url()).toMatch(/\/registrations\/new$/);

      await phone.getByLabel('Amount', { exact: true }).fill('240000.00');
      await poll(() => phone.getByTestId('registration-total').textContent()).toContain('240,000.00 CNY');
      await phone.getByTestId('submit-registration').click();
      await phone.waitForURL(/\/registrations\/[0-9a-f-]{36}$/);
      registrationId = phone.url().split('/').at(-1)!;
      await poll(() => phone.getByTestId('registration-status').getAttribute('data-status')).toBe(
        'submitted',
      );
      await poll(() => phone.getByTestId('timeline-pending').textContent()).toBe(
        'Waiting for approval step 1 of 1',
      );
      expect(await phone.getByTestId('registration-amount').textContent()).toBe('240,000.00 CNY');
      // Evidence for the reviewer: the customer's letter of intent, attached from the phone.
      const attachments = phone.getByTestId('registration-attachments');
      const attached = phone.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/attachments\?filename=/.test(r.url()),
      );
      await attachments.locator('input[type=file]').setInputFiles({
        name: LETTER,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% letter of intent\n%%EOF\n'),
      });
      expect((await attached).status()).toBe(201);
      await poll(() => attachments.getByTestId('attachment').allTextContents()).toEqual([
        expect.stringContaining(LETTER),
      ]);
      expect(await horizontalOverflow(phone)).toEqual([]);
      await screenshot(phone, 'registration-submitted-375');
    },
    STEP_TIMEOUT,
  );

  it(
    'lets a channel manager approve it from the review queue, the match evidence beside it',
    async () => {
      const desk = await signedInPage(browser, server.url, pageErrors, CHANNEL.login, PASSWORD);
      await desk.goto(`${server.url}/registration-queue`);
      const row = desk.getByTestId('registrations').locator('tr', { hasText: CUSTOMER });
      await poll(() => row.getByTestId('pending-step').textContent()).toBe('Step 1 of 1');
      await row.getByTestId('registration-link').click();
      await desk.waitForURL(new RegExp(`/registrations/${registrationId}$`));
      await poll(() => desk.getByTestId('this-customer').textContent()).toContain(CUSTOMER);
      // The partner's evidence is there to read, as a download.
      const letter = desk.getByTestId('attachment').getByRole('link', { name: LETTER });
      await poll(() => letter.count()).toBe(1);
      const file = await desk.request.get(`${server.url}${await letter.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await desk.getByTestId('approve').click();
      const dialog = desk.getByRole('dialog');
      await dialog.getByLabel('Note (for reviewers)').fill('客户真实，预算已确认');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await poll(() => desk.getByTestId('registration-status').getAttribute('data-status')).toBe('approved');
      await poll(() => desk.getByTestId('timeline-step').last().getAttribute('data-key')).toBe('approved');
      await desk.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the partner its protection: approved, protected until a date, the days left — in Chinese too',
    async () => {
      const reply = await phone.request.get(`${server.url}/api/v1/registrations/${registrationId}`);
      const registration = (await reply.json()) as { protectedUntil: string; daysLeft: number };
      expect(registration.daysLeft).toBeGreaterThan(3);

      await phone.goto(`${server.url}/registrations`);
      const row = phone.getByTestId('registrations').locator('tr', { hasText: CUSTOMER });
      await poll(() => row.getByTestId('registration-status').textContent()).toBe('Approved');
      expect(await row.getByTestId('protection').textContent()).toContain(
        `Protected until ${registration.protectedUntil}`,
      );
      expect(await row.getByTestId('countdown').textContent()).toContain(
        `${registration.daysLeft} days left`,
      );
      expect(await row.getByTestId('protection').getAttribute('data-urgent')).toBe('false');
      expect(await horizontalOverflow(phone)).toEqual([]);

      await row.getByTestId('registration-link').click();
      await phone.waitForURL(new RegExp(`/registrations/${registrationId}$`));
      await poll(() => phone.getByTestId('timeline-step').last().getAttribute('data-key')).toBe('approved');
      // The partner reads no decision: the channel's evidence panel is not there.
      expect(await phone.getByTestId('match-evidence').count()).toBe(0);
      expect(await phone.getByTestId('request-extension').isVisible()).toBe(true);
      expect(await horizontalOverflow(phone)).toEqual([]);
      await screenshot(phone, 'registration-approved-375');

      const zh = await signedInPage(browser, server.url, pageErrors, PARTNER_USER.login, PASSWORD, {
        viewport: PHONE,
        phone: true,
        locale: 'zh-CN',
      });
      await zh.goto(`${server.url}/registrations/${registrationId}`);
      await poll(() => zh.getByTestId('registration-status').textContent()).toBe('已批准');
      expect(await zh.getByTestId('protection').textContent()).toContain(
        `保护至 ${registration.protectedUntil}`,
      );
      expect(await zh.getByTestId('countdown').textContent()).toContain(`剩余 ${registration.daysLeft} 天`);
      expect(await horizontalOverflow(zh)).toEqual([]);
      await screenshot(zh, 'registration-approved-375-zh');
      await zh.context().close();
    },
    STEP_TIMEOUT,
  );

  it('reported no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
