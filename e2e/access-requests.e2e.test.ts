import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('access-requests');
const STEP_TIMEOUT = 120_000;
const CUSTOMER = '杭州翠微泉茶业有限公司';

describe.skipIf(!executablePath)(
  'a rep who hits a hidden customer asks for it; the owner’s manager decides',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    const pageErrors = pageErrorGuard();
    const people = {
      manager: { login: 'e2e.east.manager', displayName: '东区经理 Zhou', role: 'manager' },
      owner: { login: 'e2e.east.rep', displayName: '王芳', role: 'rep' },
      asker: { login: 'e2e.west.rep', displayName: 'Li Lei', role: 'rep' },
    };
    const password = 'violet-harbour-lantern-42';
    let customerId: string;

    /** A page signed in as `login`, in a context of its own. */
    async function pageOf(login: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const page = await watchedPage(context, pageErrors);
      await signInByApi(page, server.url, login, password);
      return page;
    }

    beforeAll(async () => {
      ({
        server,
        browser,
        page: admin,
      } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
      await signInByApi(admin, server.url, 'admin', server.adminPassword);
      const post = async (path: string, data: unknown, method = 'POST') => {
        const reply = await admin.request.fetch(`${server.url}${path}`, { method, data });
        expect(reply.status(), `${method} ${path}: ${await reply.text()}`).toBeLessThan(300);
        return reply.json();
      };
      const east = await post('/api/v1/teams', { name: '华东销售部' });
      const west = await post('/api/v1/teams', { name: '华西销售部' });
      const ids: Record<string, string> = {};
      for (const [key, person] of Object.entries(people))
        ids[key] = (
          await post('/api/v1/users', {
            ...person,
            password,
            teamId: key === 'asker' ? west.id : east.id,
          })
        ).id;
      await post(`/api/v1/teams/${east.id}`, { managerId: ids.manager }, 'PATCH');
      const owner = await pageOf(people.owner.login);
      const created = await owner.request.post(`${server.url}/api/v1/accounts`, {
        data: { legalName: CUSTOMER, phones: ['0571-8765 4321'] },
      });
      expect(created.status()).toBe(201);
      customerId = (await created.json()).id;
      await owner.context().close();
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    let asker: Page;

    it(
      'shows the rep whom to contact and lets it ask for access',
      async () => {
        asker = await pageOf(people.asker.login);
        await asker.goto(`${server.url}/accounts/new`);
        await asker.locator('form').getByLabel('Legal name', { exact: true }).fill(CUSTOMER);
        const panel = asker.getByTestId('duplicate-panel');
        await poll(() => panel.getAttribute('data-verdict')).toBe('same');
        await poll(() => panel.getByTestId('hidden-owner').textContent()).toBe('Held by 王芳 (华东销售部)');
        expect(await panel.getByRole('link').count()).toBe(0);
        await screenshot(asker, 'access-01-hidden-owner');
        await panel.getByTestId('ask-access').click();
        const dialog = asker.getByRole('dialog', { name: 'Request access to this customer' });
        await dialog.getByTestId('access-note').fill('客户主动打电话来询价');
        await dialog.getByRole('button', { name: 'Send' }).click();
        await poll(() => asker.getByText('Request sent').isVisible()).toBe(true);

        await asker.getByRole('menuitem', { name: 'Access requests' }).click();
        await asker.waitForURL(/\/access-requests$/);
        const card = asker.getByTestId('access-request');
        await poll(() => card.getAttribute('data-status')).toBe('open');
        const text = await card.textContent();
        expect(text).toContain('A customer you may not see');
        expect(text).toContain(`Entered as “${CUSTOMER}”`);
        await screenshot(asker, 'access-02-requester-list');
      },
      STEP_TIMEOUT,
    );

    it(
      'puts it before the owner’s manager, whose grant transfers the customer to the rep; both are told',
      async () => {
        const manager = await pageOf(people.manager.login);
        await manager.goto(`${server.url}/access-requests`);
        const card = manager.getByTestId('access-request');
        await poll(() => card.count()).toBe(1);
        const text = await card.textContent();
        expect(text).toContain(CUSTOMER);
        expect(text).toContain('Li Lei');
        expect(text).toContain('客户主动打电话来询价');
        await screenshot(manager, 'access-03-manager-list');
        await card.getByTestId('grant-access').click();
        const dialog = manager.getByRole('dialog', { name: 'Grant the request' });
        expect(await dialog.getByTestId('grant-effect').textContent()).toContain(
          'Granting transfers the customer to the requester',
        );
        await dialog.getByLabel('Note').fill('请与王芳一起跟进');
        const keep = dialog.getByLabel('Keep the current owner as a read-only collaborator until');
        await keep.click();
        await keep.fill('2099-12-31');
        await keep.press('Tab');
        await dialog.getByRole('button', { name: 'Grant' }).click();
        await poll(() => manager.getByText('Decision recorded').isVisible()).toBe(true);
        await poll(() => card.count()).toBe(0);
        await manager.getByText('All', { exact: true }).click();
        await poll(() => card.getAttribute('data-status')).toBe('granted');

        await manager.context().close();

        await asker.reload();
        const mine = asker.getByTestId('access-request');
        await poll(() => mine.getAttribute('data-status')).toBe('granted');
        expect(await mine.textContent()).toContain('请与王芳一起跟进');
        // The customer is the rep's now: named on its request, with a link.
        await poll(() => mine.getByRole('link', { name: CUSTOMER }).isVisible()).toBe(true);
        await screenshot(asker, 'access-04-requester-granted');
        await asker.getByTestId('notification-bell').click();
        await poll(() => asker.getByTestId('notices').textContent()).toContain(
          'Your request was granted: the customer is yours now. Reason: 请与王芳一起跟进',
        );
        await asker.keyboard.press('Escape');

        // The account page says who holds it now, how it came, and keeps the former owner read-only.
        await mine.getByRole('link', { name: CUSTOMER }).click();
        await asker.waitForURL(new RegExp(`/accounts/${customerId}$`));
        const panel = asker.getByTestId('ownership-panel');
        await poll(() => panel.isVisible()).toBe(true);
        const history = panel.getByTestId('ownership-history');
        await poll(() => history.count()).toBe(2);
        expect(await history.first().textContent()).toContain('Li Lei');
        expect(await history.first().textContent()).toContain('Access request');
        expect(await history.nth(1).textContent()).toContain('王芳');
        const former = await panel.getByTestId('team-member').textContent();
        expect(former).toContain('王芳');
        expect(former).toContain('Former owner');
        await screenshot(asker, 'access-05-requester-owns');

        // The former owner is told too.
        const owner = await pageOf(people.owner.login);
        await owner.goto(`${server.url}/my-customers`);
        await owner.getByTestId('notification-bell').click();
        await poll(() => owner.getByTestId('notices').textContent()).toContain(
          'A customer of yours was transferred to a colleague whose request your manager granted',
        );
        await owner.context().close();
      },
      STEP_TIMEOUT,
    );

    it(
      'fits a 375 px phone, in Chinese',
      async () => {
        const phone = await phoneContext(browser, asker.context(), { height: 740, locale: 'zh-CN' });
        const mobile = await watchedPage(phone, pageErrors);
        try {
          await mobile.goto(`${server.url}/access-requests`);
          await poll(() => mobile.getByRole('heading', { name: '权限申请' }).isVisible()).toBe(true);
          const card = mobile.getByTestId('access-request');
          await poll(() => card.getAttribute('data-status')).toBe('granted');
          expect(await card.textContent()).toContain('已批准');
          expect(await scrollWidth(mobile), 'horizontal scroll on /access-requests').toBeLessThanOrEqual(375);
          await screenshot(mobile, 'access-06-phone-zh');
          await mobile.goto(`${server.url}/accounts/${customerId}`);
          const history = mobile.getByTestId('ownership-history');
          await poll(() => history.count()).toBe(2);
          expect(await history.first().textContent()).toContain('权限申请');
          expect(await scrollWidth(mobile), 'horizontal scroll on the account page').toBeLessThanOrEqual(375);
          await screenshot(mobile, 'access-07-phone-account-zh');
        } finally {
          await phone.close();
        }
        expect(pageErrors).toEqual([]);
      },
      STEP_TIMEOUT,
    );
  },
);
