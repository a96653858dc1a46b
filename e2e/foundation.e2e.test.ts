import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chooseOption,
  chromiumOrSkip,
  clickUntilShown,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  startE2e,
  submitLogin,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('foundation');
const STEP_TIMEOUT = 60_000;

describe.skipIf(!executablePath)('web UI foundation (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  const pageErrors = pageErrorGuard();
  let newUserId = '';
  let alicePassword = '';

  const shot = (name: string, target: Page = page) => screenshot(target, name, false);

  beforeAll(async () => {
    ({ server, browser, desktop, page } = await startE2e(
      executablePath!,
      { width: 1280, height: 800 },
      pageErrors,
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'sends a stranger to the login page and explains a wrong password',
    async () => {
      await page.goto(`${server.url}/users`);
      await page.waitForURL(/\/login$/);
      await submitLogin(page, 'admin', 'not-the-password');
      await poll(() => page.getByRole('alert').textContent()).toContain(
        'The login or password is incorrect.',
      );
      await shot('01-login-error');
    },
    STEP_TIMEOUT,
  );

  it(
    'signs the admin in and returns to the page asked for',
    async () => {
      await page.getByLabel('Password', { exact: true }).fill(server.adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/users$/);
      await poll(() => page.getByTestId('user-name').textContent()).toBe('Administrator');
      await poll(() => page.getByRole('heading', { name: 'Users' }).isVisible()).toBe(true);
      await poll(() => page.getByRole('cell', { name: /admin/ }).count()).toBeGreaterThan(0);
      await shot('02-users');
    },
    STEP_TIMEOUT,
  );

  it(
    'creates a user through the form and shows the generated password once',
    async () => {
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await dialog.getByLabel('Login', { exact: true }).fill('e2e.alice');
      await dialog.getByLabel('Name', { exact: true }).fill('Alice E2E');
      await chooseOption(page, dialog.getByLabel('Role', { exact: true }), 'Sales manager');
      await dialog.getByLabel('Email', { exact: true }).fill('alice@example.com');
      await shot('03-create-user');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: 'Create' }).click();
      const response = await created;
      expect(response.status()).toBe(201);
      newUserId = ((await response.json()) as { id: string }).id;

      const secret = page.getByRole('dialog', { name: 'Password for Alice E2E' });
      await poll(() => secret.getByTestId('secret').textContent()).toMatch(/^\S{12,}$/);
      alicePassword = (await secret.getByTestId('secret').textContent()) ?? '';
      const close = secret.getByTestId('secret-close');
      await close.click({ trial: true }); // waits until the dialog has stopped moving (zoom-in animation)
      await shot('04-generated-password');
      await close.click();
      await poll(() => page.getByRole('row').filter({ hasText: 'e2e.alice' }).count()).toBe(1);
      await poll(() => page.getByRole('row').filter({ hasText: 'e2e.alice' }).textContent()).toContain(
        'Sales manager',
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'makes a user signing in with a generated password choose their own before anything else',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const alice = await watchedPage(context, pageErrors);
      try {
        await alice.goto(`${server.url}/accounts`);
        await alice.waitForURL(/\/login$/);
        await submitLogin(alice, 'e2e.alice', alicePassword);
        await alice.waitForURL(/\/account\/password$/);
        await poll(() => alice.getByRole('alert').first().textContent()).toContain('set by someone else');
        await alice.getByLabel('Current password', { exact: true }).fill(alicePassword);
        await alice.getByLabel('New password', { exact: true }).fill('river-Lantern-77-quietly');
        await alice.getByLabel('Repeat the new password', { exact: true }).fill('river-Lantern-77-quietly');
        await alice.getByRole('button', { name: 'Save' }).click();
        await alice.waitForURL((url) => !url.pathname.endsWith('/account/password'));
        await alice.goto(`${server.url}/accounts`);
        await alice.waitForURL(/\/accounts$/);
      } finally {
        await context.close();
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'switches the language to Chinese and back, remembering the choice',
    async () => {
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: '中文' }).click();
      await poll(() => page.getByRole('heading', { name: '用户' }).isVisible()).toBe(true);
      await poll(() => page.getByRole('button', { name: '新建用户' }).isVisible()).toBe(true);
      await poll(() => page.getByRole('menuitem', { name: '审计日志' }).isVisible()).toBe(true);
      await poll(() => page.getByRole('row').filter({ hasText: 'e2e.alice' }).textContent()).toContain(
        '销售经理',
      );
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.reload();
      await poll(() => page.getByRole('heading', { name: '用户' }).isVisible()).toBe(true);
      await shot('05-users-zh');

      // Saved with the user: another browser, English by default, turns Chinese once the admin signs in.
      const elsewhere = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
      const other = await watchedPage(elsewhere, pageErrors);
      await other.goto(`${server.url}/users`);
      await other.waitForURL(/\/login$/);
      await submitLogin(other, 'admin', server.adminPassword);
      await poll(() => other.getByRole('heading', { name: '用户' }).isVisible()).toBe(true);
      await elsewhere.close();

      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await poll(() => page.getByRole('heading', { name: 'Users' }).isVisible()).toBe(true);
      await poll(() => page.getByRole('menuitem', { name: 'Audit log' }).isVisible()).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the creation of the user in the audit log, with before/after and hash',
    async () => {
      await page.getByRole('menuitem', { name: 'Audit log' }).click();
      await page.waitForURL(/\/audit$/);
      // The entry reads as a sentence: who, what (no code beside it), which record by its name.
      const row = page.getByRole('row').filter({ hasText: 'User created' }).filter({ hasText: 'Alice E2E' });
      await poll(() => row.count()).toBe(1);
      expect(await row.textContent()).not.toContain('user.created');
      expect(await row.textContent()).not.toContain(newUserId.slice(0, 8));
      await row.click();
      const details = page.getByTestId('audit-details');
      const diff = details.getByTestId('audit-diff');
      await poll(() => diff.getByRole('row').filter({ hasText: 'Login' }).textContent()).toContain(
        'e2e.alice',
      );
      expect(await details.textContent()).not.toContain('"login"');
      // The stored JSON and the chain are there for who asks: behind "Technical details".
      await details.getByTestId('audit-technical').click();
      await poll(() => details.textContent()).toContain('"login": "e2e.alice"');
      // Linked into the chain within a second or so: until then the entry says it is being linked.
      await poll(() => details.getByTestId('audit-hash').textContent()).toMatch(/[0-9a-f]{64}/);
      await shot('06-audit');
    },
    STEP_TIMEOUT,
  );

  it(
    'fits a 375 px phone screen with the menu in a drawer',
    async () => {
      const phone = await phoneContext(browser, desktop, { height: 667, locale: 'en-US' });
      const mobile = await watchedPage(phone, pageErrors);
      try {
        for (const path of ['/users', '/audit']) {
          await mobile.goto(`${server.url}${path}`);
          await poll(() => mobile.getByRole('table').first().isVisible()).toBe(true);
          expect(await scrollWidth(mobile), `horizontal scroll on ${path}`).toBeLessThanOrEqual(375);
        }
        await shot('07-phone-audit', mobile);

        await mobile.getByRole('button', { name: 'Menu' }).click();
        const drawer = mobile.locator('.app-nav-drawer').getByRole('dialog');
        await poll(() => drawer.isVisible()).toBe(true);
        await poll(() => drawer.getByRole('menuitem', { name: 'Teams' }).isVisible()).toBe(true);
        await shot('08-phone-drawer', mobile);
        await drawer.getByRole('menuitem', { name: 'Users' }).click();
        await mobile.waitForURL(/\/users$/);
        await poll(() => drawer.isVisible()).toBe(false);
        await poll(() => mobile.getByRole('cell', { name: /e2e\.alice/ }).isVisible()).toBe(true);
        expect(await scrollWidth(mobile)).toBeLessThanOrEqual(375);
        await shot('09-phone-users', mobile);
      } finally {
        await phone.close();
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'creates an API token limited to chosen permissions, shows it once, and the API honours its scope',
    async () => {
      await page.goto(`${server.url}/tokens`);
      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New token' });
      await clickUntilShown(
        dialog.getByRole('button', { name: 'Create' }),
        dialog.locator('.ant-form-item-explain-error'),
      );
      await dialog.getByLabel('Name', { exact: true }).fill('ERP sync');
      await dialog.getByRole('checkbox', { name: 'View users' }).check();
      await dialog.getByRole('button', { name: 'Create' }).click();
      const secret = page.getByRole('dialog', { name: 'Your new token' });
      await poll(() => secret.getByTestId('secret').textContent()).toMatch(/^\S{20,}$/);
      const token = (await secret.getByTestId('secret').textContent()) ?? '';
      await secret.getByTestId('secret-close').click();
      await poll(() => page.getByRole('row').filter({ hasText: 'ERP sync' }).count()).toBe(1);

      const call = (path: string) =>
        fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await call('/api/v1/users')).status).toBe(200);
      expect((await call('/api/v1/audit')).status).toBe(403);
    },
    STEP_TIMEOUT,
  );

  it(
    'sets the duplicate-check thresholds, naming the field when they are out of order',
    async () => {
      await page.goto(`${server.url}/organization`);
      const possible = page.getByLabel('Possibly the same from score');
      await poll(() => possible.inputValue()).toBe('0.600');
      await possible.fill('0.95');
      await page.getByRole('button', { name: 'Save' }).click();
      await poll(() => page.getByText('“Possibly the same” must not be above “same”').isVisible()).toBe(true);
      await shot('10-organization-thresholds');
      await page.getByLabel('Same customer from score').fill('0.97');
      await page.getByRole('button', { name: 'Save' }).click();
      await poll(() => page.getByText('Organisation settings saved').isVisible()).toBe(true);
      const saved = await page.request.get(`${server.url}/api/v1/organization`);
      expect(await saved.json()).toMatchObject({ matchSameThreshold: 0.97, matchPossibleThreshold: 0.95 });
    },
    STEP_TIMEOUT,
  );

  it(
    'serves the UI under a Content-Security-Policy, and the guard reports what it refuses',
    async () => {
      const response = await page.goto(`${server.url}/users`);
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      await poll(() => page.getByRole('heading', { name: 'Users' }).isVisible()).toBe(true);

      // An inline script is what the policy exists to refuse: the guard must hear of it, from the console
      // and from the securitypolicyviolation event alike. What it heard is taken back so the test passes.
      const before = pageErrors.length;
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
      });
      await poll(() =>
        Promise.resolve(pageErrors.slice(before).some((e) => e.startsWith('CSP violation'))),
      ).toBe(true);
      expect(pageErrors.slice(before).some((e) => e.includes('Content Security Policy'))).toBe(true);
      expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false);
      pageErrors.splice(before);
    },
    STEP_TIMEOUT,
  );

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
