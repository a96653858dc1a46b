import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  clickForAnswer,
  pageErrorGuard,
  poll,
  screenshot,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('forms');
const STEP_TIMEOUT = 90_000;

const TEXT = {
  en: {
    locale: 'en-US',
    legalName: 'Legal name',
    phone: 'This is not a valid phone number',
    email: 'This is not a valid e-mail address',
    items: ': ',
  },
  'zh-CN': {
    locale: 'zh-CN',
    legalName: '工商注册名称',
    phone: '不是有效的电话号码',
    email: '不是有效的电子邮箱地址',
    items: '：',
  },
} as const;

describe.skipIf(!executablePath)('forms: every error at once, no half-filled form sent by Enter', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    ({ server, browser, desktop, page } = await startE2e(
      executablePath!,
      { width: 1280, height: 900 },
      pageErrors,
    ));
    await signInByApi(page, server.url, 'admin', server.adminPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page in `language` holding the admin's session, and the POSTs it sends to `path`. */
  async function pageIn(language: keyof typeof TEXT, path: string) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: TEXT[language].locale,
      storageState: await desktop.storageState(),
    });
    const p = await watchedPage(context, pageErrors);
    const posts: string[] = [];
    p.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === path) posts.push(request.url());
    });
    return { context, p, posts };
  }

  /** The error text shown under the form item that holds the input with this id. */
  const errorUnder = (p: Page, inputId: string) =>
    p
      .locator('.ant-form-item')
      .filter({ has: p.locator(`#${inputId}`) })
      .locator('.ant-form-item-explain-error')
      .allTextContents();

  for (const language of ['en', 'zh-CN'] as const) {
    it(
      `shows a bad phone and a bad e-mail under their fields together (${language})`,
      async () => {
        const text = TEXT[language];
        const { context, p, posts } = await pageIn(language, '/api/v1/accounts');
        try {
          await p.goto(`${server.url}/accounts/new`);
          await p.getByLabel(text.legalName, { exact: true }).fill('厦门鹭岛软件有限公司');
          await p.locator('#account_phones').fill('138 0013 8000, 12345');
          await p.locator('#account_emails').fill('not-an-email');
          await p.getByRole('button', { name: /Add contact|添加联系人/ }).click();
          await p.locator('#account_contacts_0_name').fill('陈静');
          await p.locator('#account_contacts_0_mobile').fill('call me');
          await p.locator('#account_contacts_0_email').fill('chen@');
          await p.getByTestId('create-account').click();

          await poll(() => errorUnder(p, 'account_phones')).toEqual([`${text.phone}${text.items}12345`]);
          expect(await errorUnder(p, 'account_emails')).toEqual([`${text.email}${text.items}not-an-email`]);
          expect(await errorUnder(p, 'account_contacts_0_mobile')).toEqual([text.phone]);
          expect(await errorUnder(p, 'account_contacts_0_email')).toEqual([text.email]);
          expect(posts, 'nothing is sent while fields are wrong').toEqual([]);
          await screenshot(p, `forms-01-all-errors-${language}`);

          // Fixed, the form is sent and the customer created.
          await p.locator('#account_phones').fill('138 0013 8000');
          await p.locator('#account_emails').fill('sales@gulangyu.example.cn');
          await p.locator('#account_contacts_0_mobile').fill('137 0000 1111');
          await p.locator('#account_contacts_0_email').fill('chen@gulangyu.example.cn');
          const created = await clickForAnswer(
            p,
            p.getByTestId('create-account'),
            'POST',
            /\/api\/v1\/accounts$/,
          );
          expect(created.status(), await created.text()).toBe(201);
          await p.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
          expect(posts).toHaveLength(1);
          // Remove it again, so the other language's run does not meet a duplicate.
          const id = p.url().split('/').at(-1)!;
          const archived = await page.request.post(`${server.url}/api/v1/accounts/${id}/archive`, {
            data: { reason: 'e2e' },
          });
          expect(archived.status()).toBeLessThan(300);
        } finally {
          await context.close();
        }
      },
      STEP_TIMEOUT,
    );
  }

  it(
    'sends nothing when Enter is pressed in a half-filled form, and shows what is missing',
    async () => {
      const { context, p, posts } = await pageIn('en', '/api/v1/accounts');
      try {
        await p.goto(`${server.url}/accounts/new`);
        // Enter in the phones field with no name: every error shows, the focus goes to the name.
        await p.locator('#account_phones').fill('12345');
        await p.locator('#account_phones').press('Enter');
        await poll(() => errorUnder(p, 'account_legalName')).toHaveLength(1);
        expect(await errorUnder(p, 'account_phones')).toEqual([`${TEXT.en.phone}${TEXT.en.items}12345`]);
        await poll(() => p.evaluate(() => document.activeElement?.id)).toBe('account_legalName');

        // Enter in a complete field of a form with nothing wrong moves on, and still sends nothing.
        await p.locator('#account_phones').fill('');
        await p.locator('#account_legalName').fill('泉州海丝贸易有限公司');
        await p.locator('#account_legalName').press('Enter');
        await poll(() => p.evaluate(() => document.activeElement?.id)).toBe('account_uscc');
        await p.waitForTimeout(500);
        expect(posts, 'Enter sent the form').toEqual([]);
        await screenshot(p, 'forms-02-enter-moves-on');
      } finally {
        await context.close();
      }

      // A dialog: Enter in the login of a new user with no name sends nothing.
      const users = await pageIn('en', '/api/v1/users');
      try {
        await users.p.goto(`${server.url}/users`);
        await users.p.getByRole('button', { name: 'New user' }).click();
        const dialog = users.p.getByRole('dialog', { name: 'New user' });
        await dialog.getByLabel('Login', { exact: true }).fill('e2e.half');
        await dialog.getByLabel('Login', { exact: true }).press('Enter');
        await poll(() => dialog.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
        await users.p.waitForTimeout(500);
        expect(users.posts, 'Enter sent the user form').toEqual([]);
        expect(await dialog.isVisible()).toBe(true);
      } finally {
        await users.context.close();
      }
    },
    STEP_TIMEOUT,
  );
});
