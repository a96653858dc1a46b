import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import { chromiumOrSkip, pageErrorGuard, poll, screenshot, signInByApi, startE2e } from './support/setup.js';

const executablePath = chromiumOrSkip('customer list');
const STEP_TIMEOUT = 90_000;

/** Three customers in Guangzhou (two districts), one in Beijing. */
const CUSTOMERS = [
  { legalName: '广州青松物流有限公司', regionCode: '440106' },
  { legalName: '广州白云山餐饮管理有限公司', regionCode: '440104' },
  { legalName: '广州海珠建材有限公司', regionCode: '440106' },
  { legalName: '北京朝阳印刷有限公司', regionCode: '110105' },
];

describe.skipIf(!executablePath)(
  'the customer list in Chromium: filter, sort, select, archive, export',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let page: Page;
    const pageErrors = pageErrorGuard();
    const rows = () => page.locator('.ant-table-tbody tr.ant-table-row');
    const names = () => rows().locator('td a').allTextContents();

    beforeAll(async () => {
      ({ server, browser, page } = await startE2e(executablePath!, { width: 1440, height: 900 }, pageErrors));
      await signInByApi(page, server.url, 'admin', server.adminPassword);
      for (const customer of CUSTOMERS) {
        const created = await page.request.post(`${server.url}/api/v1/accounts`, { data: customer });
        expect(created.status(), await created.text()).toBe(201);
      }
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'filters by a city chosen in the region cascader, and keeps the filter in the address',
      async () => {
        await page.goto(`${server.url}/accounts`);
        await poll(() => rows().count()).toBe(4);
        // Typing searches every level; a city is chosen as it stands (changeOnSelect), districts and all.
        const region = page.getByRole('combobox', { name: 'Region' });
        await region.click();
        await region.fill('广州市');
        await page
          .locator('.ant-cascader-menu-item')
          .filter({ hasText: /^广东省 \/ 广州市$/ })
          .click();
        await poll(() => Promise.resolve(page.url())).toMatch(/[?&]region=440100\b/);
        await poll(() => rows().count()).toBe(3);
        expect(await names()).not.toContain('北京朝阳印刷有限公司');
        // The address is the list: opened afresh, it shows the same customers.
        await page.reload();
        await poll(() => rows().count()).toBe(3);
        expect(await page.locator('.ant-cascader').textContent()).toContain('广州市');
      },
      STEP_TIMEOUT,
    );

    it(
      'sorts by name on the server when the column header is clicked',
      async () => {
        await page.locator('th', { hasText: 'Legal name' }).click();
        await poll(() => Promise.resolve(page.url())).toMatch(/sort=legalName&order=asc/);
        const api = await page.request.get(
          `${server.url}/api/v1/accounts?regionCode=440100&sort=legalName&order=asc`,
        );
        const expected = ((await api.json()) as { items: { legalName: string }[] }).items.map(
          (a) => a.legalName,
        );
        await poll(() => names()).toEqual(expected);
        expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Legal name');
        // Clicked again, Z→A; and once more, A→Z (the sort is never cleared).
        await page.locator('th', { hasText: 'Legal name' }).click();
        // (Z→A is the server's default order, so the address leaves it out.)
        await poll(() => Promise.resolve(page.url())).not.toMatch(/order=asc/);
        await poll(() => names()).toEqual([...expected].reverse());
        expect(page.url()).toMatch(/sort=legalName/);
        await page.locator('th', { hasText: 'Legal name' }).click();
        await poll(() => Promise.resolve(page.url())).toMatch(/sort=legalName&order=asc/);
        await poll(() => names()).toEqual(expected);
      },
      STEP_TIMEOUT,
    );

    it(
      'archives two selected customers with a reason',
      async () => {
        const chosen = ['广州青松物流有限公司', '广州海珠建材有限公司'];
        for (const name of chosen) await rows().filter({ hasText: name }).getByRole('checkbox').check();
        await poll(() => page.getByTestId('bulk-actions').textContent()).toContain('2 customers selected');
        await page.getByTestId('bulk-actions').getByRole('button', { name: 'Archive' }).click();
        const dialog = page.getByRole('dialog', { name: 'Archive 2 customers' });
        await dialog.getByLabel('Reason').fill('公司已注销');
        await dialog.getByRole('button', { name: 'Archive' }).click();
        await poll(() => page.getByTestId('bulk-outcome').textContent()).toContain('2 customers archived');
        await poll(() => rows().count()).toBe(1);
        expect(await page.getByTestId('bulk-actions').count()).toBe(0);
        await screenshot(page, 'customer-list-archived');
        for (const name of chosen) {
          const reply = await page.request.get(
            `${server.url}/api/v1/accounts?status=archived&q=${encodeURIComponent(name)}`,
          );
          expect(((await reply.json()) as { total: number }).total, name).toBe(1);
        }
      },
      STEP_TIMEOUT,
    );

    it(
      'exports the filtered list as CSV',
      async () => {
        await page.getByTestId('export').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-accounts-csv').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        expect(download.url()).toContain('regionCode=440100');
        const csv = readFileSync(await download.path(), 'utf8');
        expect(csv).toContain('广州白云山餐饮管理有限公司');
        expect(csv).not.toContain('北京朝阳印刷有限公司');
        expect(csv).not.toContain('广州青松物流有限公司');
        expect(pageErrors).toEqual([]);
      },
      STEP_TIMEOUT,
    );
  },
);
