import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
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

const executablePath = chromiumOrSkip('commission statements');
const STEP_TIMEOUT = 180_000;
const password = 'amber-lantern-quay-73';
const REP = '李娜';

/**
 * Today and the first day of this month in the organisation's zone (Asia/Shanghai, the default): credit is read
 * from the ownership ledger at the end of the transaction date there, so a UTC date would name yesterday after
 * 16:00 UTC, before the rep held the customer.
 */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const monthStart = `${today.slice(0, 7)}-01`;

describe.skipIf(!executablePath)(
  'finance closes a period; the rep reads the statement on a phone and disputes a line',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    let finance: Page;
    let rep: Page;
    let planId = '';
    const pageErrors = pageErrorGuard();

    beforeAll(async () => {
      ({
        server,
        browser,
        page: admin,
      } = await startE2e(executablePath!, { width: 1440, height: 1000 }, pageErrors));
      await signInByApi(admin, server.url, 'admin', server.adminPassword);
      const send = async (page: Page, method: 'post' | 'put', path: string, data: unknown) => {
        const reply = await page.request[method](`${server.url}${path}`, { data });
        expect(reply.status(), `${path}: ${await reply.text()}`).toBeLessThan(300);
        return (await reply.json()) as Record<string, unknown> & { id: string };
      };
      const team = await send(admin, 'post', '/api/v1/teams', { name: '华东销售部' });
      const user = (login: string, displayName: string, role: string) =>
        send(admin, 'post', '/api/v1/users', { login, displayName, role, teamId: team.id, password });
      await user('e2e.ops', '陈静', 'sales_ops');
      await user('e2e.finance', '赵敏', 'finance');
      const repUser = await user('e2e.rep', REP, 'rep');
      const ops = await signedInPage(browser, server.url, pageErrors, 'e2e.ops', password);
      finance = await signedInPage(browser, server.url, pageErrors, 'e2e.finance', password, {
        viewport: { width: 1440, height: 1000 },
      });
      rep = await signedInPage(browser, server.url, pageErrors, 'e2e.rep', password, {
        viewport: { width: 375, height: 812 },
        phone: true,
      });

      // The rep's customer (the rep holds it from today), and an invoice of 300,000.00 to it today.
      const line = await send(admin, 'post', '/api/v1/product-lines', {
        code: 'CLOUD',
        nameZh: '云服务',
        nameEn: 'Cloud',
      });
      const product = await send(admin, 'post', '/api/v1/products', {
        code: 'CLOUD-STD',
        name: '云服务标准版',
        productLineId: line.id,
        listPrice: '1000.00',
        currency: 'CNY',
      });
      const account = await send(rep, 'post', '/api/v1/accounts', {
        legalName: '苏州工业园区星海智能制造有限公司',
      });
      await send(admin, 'post', '/api/v1/transactions', {
        externalId: 'INV-E2E-0001',
        kind: 'invoice',
        customer: { accountId: account.id },
        currency: 'CNY',
        transactionDate: today,
        lines: [{ productId: product.id, quantity: 300, gross: '300000.00' }],
      });

      // The plan: below 80 % 4 %, 80–100 % 7 %, from 100 % 10 %; the rep's target 500,000.00 this month.
      const plan = await send(ops, 'post', '/api/v1/commission/plans', {
        code: 'EAST-2026',
        name: '华东月度提成',
        payeeType: 'user',
        effectiveFrom: monthStart,
        rules: {
          currency: 'CNY',
          period: 'month',
          tiers: [
            { from: '0', to: '80', rate: '4' },
            { from: '80', to: '100', rate: '7' },
            { from: '100', to: null, rate: '10' },
          ],
        },
      });
      planId = plan.id;
      const versionId = (plan.versions as { id: string }[])[0]!.id;
      const payee = await send(ops, 'post', `/api/v1/commission/plans/${planId}/payees`, {
        userId: repUser.id,
        startDate: monthStart,
      });
      await send(ops, 'put', `/api/v1/commission/plans/${planId}/targets`, {
        versionId,
        targets: [{ payeeId: payee.id, periodStart: monthStart, target: '500000.00' }],
      });
      await send(finance, 'post', `/api/v1/commission/plans/${planId}/versions/${versionId}/publish`, {});
      await ops.context().close();
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'calculates, approves and locks the month as finance, and sees the rep below 80 % in red',
      async () => {
        // From the menu: Commission periods, the plan, its periods.
        await finance.goto(`${server.url}/commission/periods`);
        await finance.getByTestId('periods-plan').click();
        await finance.getByText('EAST-2026 · 华东月度提成').click();
        await poll(() => Promise.resolve(finance.url())).toBe(
          `${server.url}/commission/plans/${planId}/periods`,
        );
        const row = finance
          .getByTestId('periods')
          .getByRole('row')
          .filter({ hasText: today.slice(0, 7) });
        await poll(() => row.getByTestId('period-status').textContent()).toBe('Open');
        await row.getByTestId('period-calculate').click();
        await poll(() => row.getByTestId('period-status').textContent()).toBe('Calculated');
        await expect(row.textContent()).resolves.toContain('12,000.00 CNY');
        for (const [step, status] of [
          ['approve', 'Approved'],
          ['lock', 'Locked'],
        ] as const) {
          await row.getByTestId(`period-${step}`).click();
          await finance
            .locator('.ant-popconfirm')
            .getByRole('button', { name: /Approve|Lock/ })
            .click();
          await poll(() => row.getByTestId('period-status').textContent()).toBe(status);
        }
        // A closed period only recalculates, and says so before it does.
        await row.getByTestId('period-calculate').click();
        await poll(() => finance.locator('.ant-popconfirm').textContent()).toContain(
          'never edits its statements',
        );
        await finance.locator('.ant-popconfirm').getByRole('button', { name: 'Cancel' }).click();

        await row.getByTestId('period-statements').click();
        const payeeRow = finance.getByTestId('period-statements').getByRole('row').filter({ hasText: REP });
        await poll(() => payeeRow.getByTestId('attainment').textContent()).toBe('60 %');
        await expect(payeeRow.getByTestId('attainment').getAttribute('class')).resolves.toContain(
          'ant-tag-red',
        );
        await expect(finance.getByTestId('period-export').getAttribute('href')).resolves.toContain(
          'export?format=xlsx',
        );
        await screenshot(finance, 'commission-period-statements');
      },
      STEP_TIMEOUT,
    );

    it(
      'opens the statement on a 375 px phone without sideways scrolling, explains it and disputes a line',
      async () => {
        await rep.goto(`${server.url}/commission/statements`);
        await poll(() => rep.getByTestId('my-statement').count()).toBe(1);
        await rep.getByTestId('my-statement').click();
        await poll(() => rep.getByTestId('statement-payout').textContent()).toBe('12,000.00 CNY');
        const line = rep.getByTestId('statement-line').first();
        await expect(line.textContent()).resolves.toContain('300,000.00 CNY × 4 %');
        await expect(horizontalOverflow(rep)).resolves.toEqual([]);

        await rep.getByTestId('how-computed').getByText('How was this computed').click();
        const credit = rep.getByTestId('credit-card').first();
        await poll(() => credit.textContent()).toContain('INV-E2E-0001');
        await expect(credit.textContent()).resolves.toContain('苏州工业园区星海智能制造有限公司');
        await poll(() => rep.getByTestId('credits-check').textContent()).toContain(
          'Matches the commission lines: 12,000.00 CNY',
        );
        await expect(horizontalOverflow(rep)).resolves.toEqual([]);
        await screenshot(rep, 'commission-statement-phone');

        await line.getByTestId('dispute-line').click();
        await rep.getByTestId('dispute-reason').fill('我负责的另一笔订单没有计入');
        await rep.getByRole('dialog').getByRole('button', { name: 'Dispute this line' }).click();
        await poll(() => rep.getByText('Dispute sent to finance').isVisible()).toBe(true);
        // The line now says it is disputed, and cannot be disputed twice at a time.
        await poll(() => line.getByTestId('line-disputed').textContent()).toBe('Disputed: Open');
        expect(await line.getByTestId('dispute-line').count()).toBe(0);
        await expect(horizontalOverflow(rep)).resolves.toEqual([]);

        // Finance finds it in the open disputes.
        await finance.goto(`${server.url}/commission/disputes`);
        const dispute = finance.getByTestId('disputes').getByRole('row').filter({ hasText: REP });
        await poll(() => dispute.getByTestId('dispute-status').textContent()).toBe('Open');
        await expect(dispute.textContent()).resolves.toContain('我负责的另一笔订单没有计入');
      },
      STEP_TIMEOUT,
    );
  },
);
