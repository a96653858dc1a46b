import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import { chromiumOrSkip, pageErrorGuard, poll, screenshot, signInByApi, startE2e } from './support/setup.js';

const executablePath = chromiumOrSkip('imports');
const STEP_TIMEOUT = 90_000;

// No id column: rows go by line number. Lines 2 and 3 are one company; line 4 is already in Fairshare.
const CSV = [
  '客户名称,电话,网址',
  '北京字节跳动科技有限公司,010-6212 3456,bytedance.com',
  '字节跳动（北京）科技有限公司,+86 10 6212 3456,',
  '成都蓝海物流有限公司,028-6666 7777,',
  ',13800000000,',
].join('\r\n');

describe.skipIf(!executablePath)('customer list import (Chromium against the built server)', () => {
  let server: RunningFairshare;
  let browser: Browser;
  let page: Page;
  const pageErrors = pageErrorGuard();

  beforeAll(async () => {
    ({ server, browser, page } = await startE2e(executablePath!, { width: 1280, height: 900 }, pageErrors));
    await signInByApi(page, server.url, 'admin', server.adminPassword);
    const existing = await page.request.post(`${server.url}/api/v1/accounts`, {
      data: { legalName: '成都蓝海物流有限公司' },
    });
    expect(existing.status()).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'uploads a list, explains why rows are one company, imports it and counts the outcome',
    async () => {
      await page.goto(`${server.url}/imports`);
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '客户.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}`) });
      await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
      await poll(() => page.getByTestId('import-status').textContent()).toBe('Ready for review');

      // Bad rows are listed by line, the missing id column is said once.
      await page.getByTestId('import-problems').getByText('Problems by line').click();
      await poll(() => page.getByText('No name; row skipped').isVisible()).toBe(true);
      await poll(() => page.getByText('No id column; rows go by line number').isVisible()).toBe(true);

      const byteDance = page.getByTestId('import-cluster').filter({ hasText: '字节跳动（北京）' });
      await poll(() => byteDance.getAttribute('data-verdict')).toBe('same');
      const reason = byteDance.getByTestId('cluster-reason');
      await poll(() => reason.textContent()).toContain('Row 2 and row 3');
      const phoneRow = reason.getByTestId('match-reasons').getByRole('row').filter({ hasText: 'Phone' });
      await poll(() => phoneRow.textContent()).toContain('+861062123456');
      expect(await phoneRow.textContent()).toMatch(/\+\d+\.\d/);
      const lanhai = page.getByTestId('import-cluster').filter({ hasText: '成都蓝海物流' });
      await poll(() => lanhai.textContent()).toContain('Already in Fairshare');
      await screenshot(page, 'imports-01-review');

      await page.getByRole('button', { name: 'Start import' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: 'Start import' }).click();
      await poll(() => page.getByTestId('import-counts').isVisible()).toBe(true);
      const count = (outcome: string) =>
        page.getByTestId(`count-${outcome}`).locator('.ant-statistic-content').textContent();
      await poll(() => count('created')).toBe('1');
      expect(await count('merged')).toBe('1');
      expect(await count('needs_review')).toBe('0');
      await screenshot(page, 'imports-02-done');

      const listed = await page.request.get(`${server.url}/api/v1/accounts?q=字节跳动`);
      const accounts = (await listed.json()) as { total: number; items: { phones: string[] }[] };
      expect(accounts.total).toBe(1);
      expect(accounts.items[0]?.phones).toEqual(['+861062123456']);
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the row folded into an existing customer in its merge history, with the decision behind it',
    async () => {
      await page
        .getByTestId('import-cluster')
        .getByRole('link', { name: '成都蓝海物流有限公司' })
        .first()
        .click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
      const item = page.getByTestId('merge-history-item');
      await poll(() => item.textContent()).toContain('from the import 客户.csv · row 4');
      expect(await item.textContent()).toContain('merged into this customer');
      expect(await item.getByRole('link', { name: /客户\.csv/ }).getAttribute('href')).toMatch(
        /^\/imports\//,
      );

      await item.click();
      await page.getByTestId('merge-decision').click();
      const modal = page.getByTestId('decision-modal');
      const decision = modal.getByTestId('decision');
      await poll(() => decision.getAttribute('data-verdict')).toBe('folded');
      expect(await modal.textContent()).toContain('Values from an import were merged in');
      expect(await decision.locator('[data-code="import.rows"]').textContent()).toContain('row 4');
      expect(await decision.locator('[data-code="match.same"]').getByRole('link').textContent()).toBe(
        '成都蓝海物流有限公司',
      );
      await page.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click({ trial: true });
      await screenshot(page, 'imports-03-fold-decision', false);
    },
    STEP_TIMEOUT,
  );

  it('keeps a long analysis on screen as it goes: the phase and the count move until it is ready', async () => {
    const rows = ['客户名称,电话'];
    for (let i = 0; i < 10_000; i++) rows.push(`测试${i}号贸易有限公司,0571-${10_000_000 + i}`);
    await page.goto(`${server.url}/imports`);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    const seen = new Set<string>();
    const progress = page.getByTestId('import-progress');
    await expect
      .poll(
        async () => {
          if (await progress.isVisible()) {
            const phase = await progress.getAttribute('data-phase');
            seen.add(`${phase} ${await progress.getByTestId('import-progress-counts').textContent()}`);
          }
          return page.getByTestId('import-status').textContent();
        },
        // 10,000 rows on the embedded database: about a minute on a busy 2-core machine.
        { timeout: 240_000, interval: 200 },
      )
      .toBe('Ready for review');
    expect(seen.size, [...seen].join(' | ')).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
