import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import type { RunningFairshare } from './support/server.js';
import {
  chooseOption,
  chromiumOrSkip,
  pageErrorGuard,
  poll,
  screenshot,
  signedInPage,
  signInByApi,
  startE2e,
} from './support/setup.js';

const executablePath = chromiumOrSkip('commission plans');
const STEP_TIMEOUT = 180_000;
const PHONE = { width: 375, height: 812 };
const CODE = 'DISPUTE-2026';
const REP = '王晓明';
const password = 'copper-willow-harbor-58';

describe.skipIf(!executablePath)(
  'sales ops writes the dispute’s plan, finance publishes it, a payee signs it off on a phone',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    let ops: Page;
    let planUrl = '';
    const pageErrors = pageErrorGuard();

    beforeAll(async () => {
      ({
        server,
        browser,
        page: admin,
      } = await startE2e(executablePath!, { width: 1440, height: 1000 }, pageErrors));
      await signInByApi(admin, server.url, 'admin', server.adminPassword);
      const post = async (path: string, data: unknown) => {
        const reply = await admin.request.post(`${server.url}${path}`, { data });
        expect(reply.status(), `${path}: ${await reply.text()}`).toBeLessThan(300);
        return (await reply.json()) as { id: string };
      };
      const team = await post('/api/v1/teams', { name: '华南销售部' });
      const user = (login: string, displayName: string, role: string) =>
        post('/api/v1/users', { login, displayName, role, teamId: team.id, password });
      await user('e2e.ops', '陈静', 'sales_ops');
      await user('e2e.finance', '赵敏', 'finance');
      await user('e2e.rep', REP, 'rep');
      ops = await signedInPage(browser, server.url, pageErrors, 'e2e.ops', password, {
        viewport: { width: 1440, height: 1000 },
      });
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'writes the tiers, sees a gap flagged as it is typed and the example pay 120,000.00, and saves',
      async () => {
        await ops.goto(`${server.url}/commission/plans`);
        await ops.getByRole('button', { name: 'New plan' }).click();
        await ops.getByLabel('Code').fill(CODE);
        await ops.getByLabel('Name', { exact: true }).fill('华南年度提成');
        const tier = (field: 'From' | 'To' | 'Rate %', row: number) =>
          ops.getByLabel(`${field} ${row}`, { exact: true });
        await tier('To', 1).fill('80');
        await tier('Rate %', 1).fill('4');
        await ops.getByRole('button', { name: 'Add tier' }).click();
        // The new tier starts where the last ended; starting it at 85 leaves 80–85 % to nobody.
        await poll(() => tier('From', 2).inputValue()).toBe('80');
        await tier('From', 2).fill('85');
        await poll(() => ops.getByTestId('tier-problem-1').first().textContent()).toContain('leaves a gap');
        await tier('From', 2).fill('80');
        await poll(() => ops.getByTestId('tier-problem-1').count()).toBe(0);
        await tier('To', 2).fill('100');
        await tier('Rate %', 2).fill('7');
        await ops.getByRole('button', { name: 'Add tier' }).click();
        await poll(() => tier('From', 3).inputValue()).toBe('100');
        await tier('Rate %', 3).fill('10');
        await poll(() => ops.getByTestId('tier-problem-1').count()).toBe(0);

        const example = ops.getByTestId('live-example');
        await example.getByLabel('Target').fill('5000000');
        await example.getByLabel('Sales').fill('3000000');
        await poll(() => example.getByTestId('example-earned').textContent()).toBe('120,000.00 CNY');
        await expect(example.getByTestId('example-line').first().textContent()).resolves.toContain(
          'Tier 1 reached (60.00 % of target): 3,000,000.00 CNY × 4 %',
        );
        await screenshot(ops, 'commission-plan-editor');

        await ops.getByRole('button', { name: 'Save draft' }).click();
        await poll(() => ops.getByTestId('version-1').isVisible()).toBe(true);
        planUrl = ops.url();
        expect(planUrl).toMatch(/\/commission\/plans\/[0-9a-f-]{36}$/);
        await expect(ops.getByTestId('version-1').textContent()).resolves.toContain('Draft');
        // Its author cannot publish it.
        await expect(ops.getByTestId('version-1').textContent()).resolves.toContain(
          'someone else publishes it',
        );
        expect(await ops.getByRole('button', { name: 'Publish' }).count()).toBe(0);
      },
      STEP_TIMEOUT,
    );

    it(
      'is published by finance',
      async () => {
        const finance = await signedInPage(browser, server.url, pageErrors, 'e2e.finance', password);
        await finance.goto(planUrl);
        await finance.getByTestId('version-1').getByRole('button', { name: 'Publish' }).click();
        await finance.locator('.ant-popconfirm').getByRole('button', { name: 'OK' }).click();
        await poll(() => finance.getByTestId('version-1').textContent()).toContain('Published');
        await expect(finance.getByTestId('version-1').textContent()).resolves.toContain('赵敏');
        await finance.context().close();
      },
      STEP_TIMEOUT,
    );

    it(
      'gets a payee, then an amendment after arbitration: target 4,000,000 at 7 % pays 210,000.00',
      async () => {
        await ops.goto(planUrl);
        await poll(() => ops.getByTestId('version-1').textContent()).toContain('Published');
        await ops.getByRole('button', { name: 'Add payee' }).click();
        await chooseOption(ops, ops.getByLabel('Person'), REP);
        await ops.locator('form').getByRole('button', { name: 'Add payee' }).click();
        await poll(() => ops.getByTestId('payees').getByRole('row').filter({ hasText: REP }).count()).toBe(1);
        await expect(
          ops.getByTestId('payees').getByRole('row').filter({ hasText: REP }).textContent(),
        ).resolves.toContain('Not signed');

        await ops.getByRole('button', { name: 'Amend' }).click();
        await poll(() => ops.getByText('Starts from version 1').isVisible()).toBe(true);
        await chooseOption(ops, ops.getByLabel('Reason'), 'Arbitration');
        await ops.getByLabel('Note', { exact: true }).fill('仲裁裁决：目标调整为 4,000,000，费率 7%');
        // One tier from 0 % at 7 %.
        await ops.getByRole('button', { name: 'Remove tier 3' }).click();
        await ops.getByRole('button', { name: 'Remove tier 2' }).click();
        await ops.getByLabel('To 1', { exact: true }).fill('');
        await ops.getByLabel('Rate % 1', { exact: true }).fill('7');
        const example = ops.getByTestId('live-example');
        await example.getByLabel('Target').fill('4000000');
        await example.getByLabel('Sales').fill('3000000');
        await poll(() => example.getByTestId('example-earned').textContent()).toBe('210,000.00 CNY');
        await ops.getByRole('button', { name: 'Save draft' }).click();
        await poll(() => ops.getByTestId('version-2').isVisible()).toBe(true);
        const v2 = ops.getByTestId('version-2');
        await expect(v2.textContent()).resolves.toContain('Arbitration');
        await expect(v2.textContent()).resolves.toContain('Draft');

        // The draft's targets: a refused cell says why under itself, then the arbitrated target is saved.
        const targets = ops.getByTestId('targets');
        const cell = targets.getByLabel(`${REP} ${new Date().getFullYear()}-01-01`);
        await cell.fill('4,000,000');
        await targets.getByRole('button', { name: 'Save targets' }).click();
        await poll(() =>
          targets.getByText('This is not an amount (digits and a decimal point)').first().isVisible(),
        ).toBe(true);
        await cell.fill('4000000');
        await targets.getByRole('button', { name: 'Save targets' }).click();
        await poll(() => ops.getByText('Targets saved').isVisible()).toBe(true);
        await screenshot(ops, 'commission-plan-detail');
      },
      STEP_TIMEOUT,
    );

    it(
      'is read and acknowledged by the payee on a phone, without sideways scrolling',
      async () => {
        const phone = await signedInPage(browser, server.url, pageErrors, 'e2e.rep', password, {
          viewport: PHONE,
          locale: 'zh-CN',
          phone: true,
        });
        await phone.goto(`${server.url}/commission/my`);
        const card = phone.getByTestId('my-plan');
        await poll(() => card.count()).toBe(1);
        await expect(card.textContent()).resolves.toContain('华南年度提成');
        await expect(card.textContent()).resolves.toContain('0% 至 80%：4%');
        await card.getByRole('button', { name: '我已阅读并确认' }).click();
        await phone.locator('.ant-popconfirm').getByRole('button').last().click();
        await poll(() => card.textContent()).toContain('已于');
        expect(await card.getByRole('button', { name: '我已阅读并确认' }).count()).toBe(0);
        await screenshot(phone, 'commission-my-plans-phone');
        expect(await horizontalOverflow(phone)).toEqual([]);
        await phone.context().close();

        await ops.reload();
        await poll(() =>
          ops.getByTestId('payees').getByRole('row').filter({ hasText: REP }).textContent(),
        ).toContain('Signed the latest version');
      },
      STEP_TIMEOUT,
    );
  },
);
