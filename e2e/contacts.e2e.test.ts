import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  clickUntilShown,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('contacts');
const STEP_TIMEOUT = 90_000;
const LEGAL_NAME = '厦门鹭岛软件有限公司';

describe.skipIf(!executablePath)(
  'contacts and archiving on the account page (Chromium against the built server)',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let desktop: BrowserContext;
    let phone: BrowserContext;
    let page: Page;
    let mobile: Page;
    let accountUrl: string;
    const pageErrors = pageErrorGuard();

    const shot = (name: string, target: Page = page) => screenshot(target, name);
    const contactRow = (name: string) =>
      page.getByTestId('contacts').getByRole('row').filter({ hasText: name });

    beforeAll(async () => {
      ({ server, browser, desktop, page } = await startE2e(
        executablePath!,
        { width: 1280, height: 900 },
        pageErrors,
      ));
      await signInByApi(page, server.url, 'admin', server.adminPassword);
      const created = await page.request.post(`${server.url}/api/v1/accounts`, {
        data: { legalName: LEGAL_NAME },
      });
      expect(created.status()).toBe(201);
      accountUrl = `${server.url}/accounts/${((await created.json()) as { id: string }).id}`;
      phone = await phoneContext(browser, desktop, { height: 740, locale: 'zh-CN' });
      mobile = await watchedPage(phone, pageErrors);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'adds a contact with a spaced mobile, shows it as people read it (stored E.164), changes the title and removes it',
      async () => {
        await page.goto(accountUrl);
        await poll(() => page.getByRole('heading', { name: LEGAL_NAME }).isVisible()).toBe(true);
        await page.getByRole('button', { name: 'Add contact' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add contact' });
        await dialog.getByLabel('Name', { exact: true }).fill('陈静');
        await dialog.getByLabel('Mobile', { exact: true }).fill('not a phone');
        await dialog.getByLabel('Title', { exact: true }).fill('采购经理');
        await dialog.getByRole('button', { name: 'Add contact' }).click();
        await poll(() => dialog.locator('.ant-form-item-explain-error').textContent()).toBe(
          'This is not a valid phone number',
        );
        await shot('22-contact-invalid-mobile');

        await dialog.getByLabel('Mobile', { exact: true }).fill('137 0000 1111');
        await poll(() => dialog.locator('.ant-form-item-explain-error').count()).toBe(0);
        await dialog.getByRole('button', { name: 'Add contact' }).click();
        await poll(() => dialog.isVisible()).toBe(false);
        await poll(() => contactRow('陈静').textContent()).toContain('137 0000 1111');
        expect(await contactRow('陈静').textContent()).toContain('采购经理');

        await contactRow('陈静').getByRole('button', { name: 'Edit contact' }).click();
        const edit = page.getByRole('dialog', { name: 'Edit contact' });
        await poll(() => edit.getByLabel('Mobile', { exact: true }).inputValue()).toBe('+8613700001111');
        await edit.getByLabel('Title', { exact: true }).fill('总经理');
        await edit.getByRole('button', { name: 'Save' }).click();
        await poll(() => contactRow('陈静').textContent()).toContain('总经理');
        expect(await contactRow('陈静').textContent()).toContain('137 0000 1111');
        await shot('23-account-contacts');

        await mobile.goto(accountUrl);
        const mobileRow = mobile.getByTestId('contacts').getByRole('row').filter({ hasText: '陈静' });
        await poll(() => mobileRow.textContent()).toContain('137 0000 1111');
        expect(await mobileRow.getByRole('button', { name: '移除' }).isVisible()).toBe(true);
        expect(await scrollWidth(mobile), 'horizontal scroll on an account').toBeLessThanOrEqual(375);
        await shot('24-phone-account-contacts-zh', mobile);

        await contactRow('陈静').getByRole('button', { name: 'Remove' }).click();
        const confirm = page.locator('.ant-popconfirm').filter({ hasText: '陈静' });
        const removed = page.waitForResponse(
          (r) => r.request().method() === 'DELETE' && r.url().includes('/contacts/'),
        );
        await confirm.getByRole('button', { name: 'Remove' }).click();
        expect((await removed).status()).toBe(204);
        await poll(() => contactRow('陈静').count()).toBe(0);
        // The toast says what happened (an error would be named here rather than as a row that stays).
        await poll(() => page.locator('.ant-message-notice').allTextContents()).toContain(
          'Contact 陈静 removed',
        );
        expect(await page.getByTestId('contacts').getByText('No contacts').isVisible()).toBe(true);
      },
      STEP_TIMEOUT,
    );

    it(
      'archives the customer with a reason, shows it archived and read-only, and restores it',
      async () => {
        await page.goto(accountUrl);
        await page.getByRole('button', { name: 'Archive' }).click();
        const dialog = page.getByRole('dialog', { name: `Archive ${LEGAL_NAME}` });
        const reasonError = dialog.locator('.ant-form-item-explain-error');
        await clickUntilShown(dialog.getByRole('button', { name: 'Archive' }), reasonError);
        await poll(() => reasonError.count()).toBe(1);
        await dialog.getByLabel('Reason', { exact: true }).fill('The company was dissolved');
        await dialog.getByRole('button', { name: 'Archive' }).click();

        const notice = page.getByTestId('archived-notice');
        await poll(() => notice.isVisible()).toBe(true);
        expect(await notice.textContent()).toContain('This customer is archived');
        // The dialog's own Archive button is gone once it has faded out.
        await poll(() => page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Add contact' }).count()).toBe(0);
        await shot('25-account-archived');

        await mobile.goto(accountUrl);
        await poll(() => mobile.getByTestId('archived-notice').isVisible()).toBe(true);
        expect(await scrollWidth(mobile), 'horizontal scroll on an archived account').toBeLessThanOrEqual(
          375,
        );
        await shot('26-phone-account-archived-zh', mobile);

        await page.getByRole('button', { name: 'Restore' }).click();
        const restore = page.getByRole('dialog', { name: `Restore ${LEGAL_NAME}` });
        await restore.getByLabel('Reason', { exact: true }).fill('Archived by mistake');
        await restore.getByRole('button', { name: 'Restore' }).click();
        await poll(() => notice.count()).toBe(0);
        await poll(() => page.getByRole('button', { name: 'Archive' }).isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: 'Add contact' }).isVisible()).toBe(true);

        const id = accountUrl.split('/').pop()!;
        const audit = await page.request.get(`${server.url}/api/v1/audit`, {
          params: { entityType: 'account', entityId: id },
        });
        const entries = ((await audit.json()) as { items: { action: string; reason: string | null }[] })
          .items;
        expect(entries.slice(0, 2).map((e) => [e.action, e.reason])).toEqual([
          ['account.restored', 'Archived by mistake'],
          ['account.archived', 'The company was dissolved'],
        ]);
      },
      STEP_TIMEOUT,
    );

    it('raised no uncaught errors in the page', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
