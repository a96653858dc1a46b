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

const executablePath = chromiumOrSkip('ownership');
const STEP_TIMEOUT = 120_000;
const POOL = '华南公海';
const POOLED = '东莞市松山湖精密制造有限公司';
const TAKEN = '珠海市横琴新区海洋科技有限公司';
const password = 'amber-orchard-compass-58';

describe.skipIf(!executablePath)(
  'a rep sees the deadline of each customer and claims one from a pool',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    let rep: Page;
    const pageErrors = pageErrorGuard();
    const ids = { pool: '', pooled: '', taken: '' };

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
        return (await reply.json()) as { id: string };
      };
      const team = await post('/api/v1/teams', { name: '华南销售部' });
      await post('/api/v1/users', {
        login: 'e2e.south.rep',
        displayName: '陈静',
        role: 'rep',
        teamId: team.id,
        password,
      });
      ids.pool = (await post('/api/v1/pools', { name: POOL, maskContacts: true })).id;
      await post('/api/v1/recovery-rules', {
        name: '30 天无跟进',
        position: 1,
        scope: 'global',
        poolId: ids.pool,
        trigger: 'no_follow_up',
        days: 30,
      });
      for (const [key, legalName] of [
        ['pooled', POOLED],
        ['taken', TAKEN],
      ] as const) {
        ids[key] = (await post('/api/v1/accounts', { legalName, phones: ['13812345678'] })).id;
        await post(`/api/v1/accounts/${ids[key]}/release`, {
          poolId: ids.pool,
          reason: 'e2e: into the pool',
        });
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      rep = await watchedPage(context, pageErrors);
      await signInByApi(rep, server.url, 'e2e.south.rep', password);
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'claims from the pool with masked phones; a customer claimed first by someone else is refused in words',
      async () => {
        await rep.goto(`${server.url}/pools`);
        await poll(() => rep.getByTestId('pooled-account').count()).toBe(2);
        await expect(rep.getByText('138****5678').first().isVisible()).resolves.toBe(true);

        await rep.getByPlaceholder('Search by name').fill('东莞');
        await poll(() => rep.getByTestId('pooled-account').count()).toBe(1);
        await rep.getByTestId('claim').click();
        await poll(() => rep.getByText(`${POOLED} is yours now`).isVisible()).toBe(true);
        await poll(() => rep.getByTestId('pooled-account').count()).toBe(0);

        // The admin takes the other one first; the rep's list is stale, the claim loses.
        await rep.getByPlaceholder('Search by name').fill('');
        await poll(() => rep.getByTestId('pooled-account').count()).toBe(1);
        const took = await admin.request.post(
          `${server.url}/api/v1/pools/${ids.pool}/accounts/${ids.taken}/claim`,
          {
            data: {},
          },
        );
        expect(took.status(), await took.text()).toBe(200);
        await rep.getByTestId('claim').click();
        await poll(() => rep.getByText('Someone else claimed this customer first').isVisible()).toBe(true);
        await screenshot(rep, 'ownership-pools');
      },
      STEP_TIMEOUT,
    );

    it(
      'lists the claimed customer with its deadline in words, and shows its ownership on the account',
      async () => {
        await rep.goto(`${server.url}/my-customers`);
        await poll(() => rep.getByTestId('my-customer').count()).toBe(1);
        await expect(rep.getByTestId('my-customer').textContent()).resolves.toBe(POOLED);
        await poll(() => rep.getByTestId('deadline').first().textContent()).toMatch(
          new RegExp(`Returns to ${POOL} on \\d{4}-\\d{2}-\\d{2} unless a follow-up is logged`),
        );
        await expect(rep.getByTestId('claim-kind').first().textContent()).resolves.toBe('Protected');

        await rep.getByTestId('my-customer').click();
        await poll(() => rep.getByTestId('ownership-panel').isVisible()).toBe(true);
        await poll(() => rep.getByTestId('ownership-history').count()).toBeGreaterThan(1);
        await expect(rep.getByTestId('ownership-panel').textContent()).resolves.toContain('陈静');

        const phone = await watchedPage(
          await phoneContext(browser, rep.context(), { height: 812, locale: 'zh-CN' }),
          pageErrors,
        );
        for (const path of ['/my-customers', '/pools', `/accounts/${ids.pooled}`]) {
          await phone.goto(`${server.url}${path}`);
          await phone.waitForLoadState('networkidle');
          await poll(() => scrollWidth(phone)).toBeLessThanOrEqual(375);
        }
        await phone.goto(`${server.url}/my-customers`);
        await poll(() => phone.getByTestId('deadline').first().textContent()).toMatch(
          new RegExp(`若无跟进，将于 \\d{4}-\\d{2}-\\d{2} 退回${POOL}`),
        );
        await screenshot(phone, 'ownership-my-customers-phone');
        await phone.context().close();
        expect(pageErrors).toEqual([]);
      },
      STEP_TIMEOUT,
    );
  },
);
