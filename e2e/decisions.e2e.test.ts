import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFairshare } from './support/server.js';
import {
  chromiumOrSkip,
  clickForAnswer,
  pageErrorGuard,
  phoneContext,
  poll,
  screenshot,
  scrollWidth,
  signInByApi,
  startE2e,
  watchedPage,
} from './support/setup.js';

const executablePath = chromiumOrSkip('decisions');
const STEP_TIMEOUT = 90_000;

const HUAYUAN = '北京华源科技有限公司';
const HUAYUAN_IT = '北京华源信息技术有限公司';
const QINGTENG = '杭州青藤科技有限公司';
const LANHAI = '成都蓝海物流有限公司';
const REASON_ZH = '不同公司：做信息技术服务，不是科技控股';

describe.skipIf(!executablePath)(
  'decisions, identity changes and the audit report (Chromium against the built server)',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let desktop: BrowserContext;
    let page: Page;
    const pageErrors = pageErrorGuard();
    const ids: Record<string, string> = {};
    let createdUrl = '';

    const shot = (name: string, target: Page = page) => screenshot(target, name);
    const createAccount = async (data: Record<string, unknown>) => {
      const response = await page.request.post(`${server.url}/api/v1/accounts`, { data });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };

    beforeAll(async () => {
      ({ server, browser, desktop, page } = await startE2e(
        executablePath!,
        { width: 1280, height: 900 },
        pageErrors,
      ));
      await signInByApi(page, server.url, 'admin', server.adminPassword);
      ids[HUAYUAN] = await createAccount({ legalName: HUAYUAN });
      ids[QINGTENG] = await createAccount({ legalName: QINGTENG, phones: ['0571-8888 1234'] });
      ids[LANHAI] = await createAccount({ legalName: LANHAI, phones: ['028-6666 7777'] });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'creates a customer over a look-alike with a reason, and shows why it was let in, all in Chinese',
      async () => {
        const chinese = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          locale: 'zh-CN',
          storageState: await desktop.storageState(),
        });
        const zh = await watchedPage(chinese, pageErrors);
        try {
          await zh.goto(`${server.url}/accounts/new`);
          await zh.getByLabel('工商注册名称', { exact: true }).fill(HUAYUAN_IT);
          await poll(() => zh.getByTestId('duplicate-panel').getAttribute('data-verdict')).toBe('possible');
          await zh.getByTestId('create-account').click();
          const confirm = zh.getByRole('dialog', { name: '仍要创建？' });
          await confirm.getByLabel('原因', { exact: true }).fill(REASON_ZH);
          await confirm.getByRole('button', { name: '仍然创建' }).click();
          await zh.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
          createdUrl = zh.url();

          const panel = zh.getByTestId('account-decisions');
          const decision = panel.getByTestId('decision');
          await poll(() => decision.getAttribute('data-verdict')).toBe('created_despite_possible');
          expect(await panel.textContent()).toContain('存在相似客户，经确认后创建');
          const candidate = decision.locator('[data-testid="decision-evidence"][data-code="match.possible"]');
          // The candidate's name arrives with its own request after the decision renders.
          await poll(() => candidate.getByRole('link', { name: HUAYUAN }).isVisible()).toBe(true);
          await poll(() =>
            candidate
              .getByTestId('match-reasons')
              .getByRole('row')
              .filter({ hasText: '信息技术 / 科技' })
              .count(),
          ).toBe(1);
          const confirmed = decision.locator('[data-code="admission.confirmed"]');
          expect(await confirmed.textContent()).toContain(REASON_ZH);
          expect(await decision.locator('[data-code="owner.creator"]').textContent()).toContain('您');
          expect(await decision.getByTestId('decision-rule').textContent()).toMatch(/同一客户阈值 0\.\d+/);

          // Everything said is Chinese; what is not is a value it quotes: the rule's id.
          const said = (await panel.textContent())?.replaceAll('account.admission', '') ?? '';
          expect(said).not.toMatch(/[A-Za-z]{2,}/);
          await shot('decisions-01-admission-zh', zh);
        } finally {
          await chinese.close();
        }
      },
      STEP_TIMEOUT,
    );

    it(
      'refuses to rename a customer into one that is already here, showing it and offering the merge',
      async () => {
        await page.goto(`${server.url}/accounts/${ids[LANHAI]}`);
        await page.getByRole('button', { name: /Edit$/ }).click();
        const dialog = page.getByRole('dialog', { name: 'Edit customer' });
        await poll(() => dialog.getByLabel('Legal name', { exact: true }).inputValue()).toBe(LANHAI);
        await dialog.getByLabel('Legal name', { exact: true }).fill(QINGTENG);
        await dialog.getByLabel('Phones', { exact: true }).fill('+86 571 8888 1234');
        const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
        await dialog.getByRole('button', { name: 'Save' }).click();
        expect((await saved).status()).toBe(409);

        const duplicate = dialog.getByTestId('duplicate-panel');
        await poll(() => duplicate.getAttribute('data-verdict')).toBe('same');
        expect(await duplicate.textContent()).toContain('Another customer already is this one');
        expect(await duplicate.getByRole('link', { name: QINGTENG }).isVisible()).toBe(true);
        await poll(() =>
          duplicate.getByRole('row').filter({ hasText: '+8657188881234' }).count(),
        ).toBeGreaterThan(0);
        await duplicate.scrollIntoViewIfNeeded();
        await screenshot(page, 'decisions-02-rename-duplicate', false);

        await dialog.getByTestId('merge-instead').click();
        const merge = page.getByRole('dialog', { name: /Merge a duplicate into/ });
        await poll(() => merge.getByText(QINGTENG).first().isVisible()).toBe(true);
        await merge.getByRole('button', { name: 'Cancel' }).click();
        await poll(() => page.getByRole('heading', { name: LANHAI }).isVisible()).toBe(true);
      },
      STEP_TIMEOUT,
    );

    it(
      'saves a rename that looks like other customers once a reason is given, and records why',
      async () => {
        await page.goto(`${server.url}/accounts/${ids[LANHAI]}`);
        await page.getByRole('button', { name: /Edit$/ }).click();
        const dialog = page.getByRole('dialog', { name: 'Edit customer' });
        await poll(() => dialog.getByLabel('Legal name', { exact: true }).inputValue()).toBe(LANHAI);
        await dialog.getByLabel('Legal name', { exact: true }).fill('北京华源物流有限公司');
        await dialog.getByRole('button', { name: 'Save' }).click();
        const confirm = page.getByRole('dialog', { name: 'Save anyway?' });
        await poll(() => confirm.isVisible()).toBe(true);
        expect(await confirm.getByTestId('duplicate-match').count()).toBeGreaterThan(0);
        await confirm.getByLabel('Reason', { exact: true }).fill('A logistics firm, not the tech company');
        await confirm.getByRole('button', { name: 'Save anyway' }).click();
        await poll(() => page.getByRole('heading', { name: '北京华源物流有限公司' }).isVisible()).toBe(true);

        const latest = page.getByTestId('account-decisions').getByTestId('decision').first();
        await poll(() => latest.getAttribute('data-verdict')).toBe('readmitted_despite_possible');
        expect(await latest.textContent()).toContain('A logistics firm, not the tech company');
        expect(await latest.getByTestId('decision-rule').textContent()).toContain('on a change');
        await shot('decisions-03-rename-confirmed');
      },
      STEP_TIMEOUT,
    );

    it(
      'verifies the audit trail from the audit page, and opens the decision behind an entry',
      async () => {
        await page.goto(`${server.url}/audit`);
        await page.getByRole('button', { name: 'Verify the chain' }).click();
        const report = page.getByTestId('audit-report');
        await poll(() => report.getAttribute('data-ok')).toBe('true');
        expect(await report.textContent()).toContain('The audit trail is intact.');
        const count = (label: string) =>
          report.locator('.ant-descriptions-item-label', { hasText: label }).locator('+ td').textContent();
        const rows = Number(await count('Entries'));
        expect(rows).toBeGreaterThanOrEqual(5);
        const chained = Number(await count('Linked into the chain'));
        const pending = Number(await count('Being linked'));
        expect(chained + pending).toBe(rows);
        expect(await count('Chain head')).toMatch(/^[0-9a-f]{64}$/);
        await shot('decisions-04-audit-verified');

        const entry = page.getByRole('row').filter({ hasText: 'Customer changed' }).first();
        await entry.click();
        await page.getByTestId('audit-decision').first().click();
        const modal = page.getByTestId('decision-modal');
        await poll(() => modal.getByTestId('decision').getAttribute('data-verdict')).toBe(
          'readmitted_despite_possible',
        );
        expect(await modal.textContent()).toContain('Changed despite similar customers');
        await shot('decisions-05-audit-decision');
        await page.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();
      },
      STEP_TIMEOUT,
    );

    it(
      'fits the decisions, the merge history, the audit report and a refused rename on a 375 px phone',
      async () => {
        const merged = await page.request.post(`${server.url}/api/v1/accounts/${ids[HUAYUAN]}/merge`, {
          data: { mergedId: createdUrl.split('/').at(-1), reason: '同一集团，录入了两次' },
        });
        expect(merged.status()).toBe(200);
        const phone = await phoneContext(browser, desktop, { height: 740, locale: 'zh-CN' });
        const mobile = await watchedPage(phone, pageErrors);
        const fits = async (what: string) =>
          expect(await scrollWidth(mobile), `horizontal scroll: ${what}`).toBeLessThanOrEqual(375);
        try {
          await mobile.goto(`${server.url}/accounts/${ids[HUAYUAN]}`);
          const decisions = mobile.getByTestId('account-decisions');
          await poll(() => decisions.getByTestId('decision').first().getAttribute('data-verdict')).toBe(
            'merged',
          );
          await poll(() => decisions.getByTestId('match-reasons').first().isVisible()).toBe(true);
          await mobile.getByTestId('merge-history-item').click();
          await poll(() => mobile.getByTestId('merge-delta').isVisible()).toBe(true);
          await fits('an account with its decisions and merge history');
          await shot('decisions-06-phone-account', mobile);

          await mobile.getByTestId('merge-decision').click();
          await poll(() => mobile.getByTestId('decision-modal').isVisible()).toBe(true);
          expect(await mobile.getByTestId('decision-modal').textContent()).toContain('已并入重复客户');
          await fits('a decision opened from the merge history');
          await screenshot(mobile, 'decisions-07-phone-merge-decision', false);
          await mobile
            .locator('.ant-modal-footer')
            .getByRole('button', { name: /关\s*闭/ })
            .click();

          await mobile.goto(`${server.url}/accounts/${ids[LANHAI]}`);
          await mobile.getByRole('button', { name: /编\s*辑/ }).click();
          const dialog = mobile.getByRole('dialog', { name: '编辑客户' });
          await poll(() => dialog.getByLabel('工商注册名称', { exact: true }).inputValue()).toBe(
            '北京华源物流有限公司',
          );
          await dialog.getByLabel('工商注册名称', { exact: true }).fill(QINGTENG);
          await dialog.getByLabel('电话', { exact: true }).fill('0571-8888 1234');
          await dialog.getByRole('button', { name: /保\s*存/ }).click();
          await poll(() => dialog.getByTestId('duplicate-panel').getAttribute('data-verdict')).toBe('same');
          await dialog.getByTestId('duplicate-panel').scrollIntoViewIfNeeded();
          await fits('the edit dialog refusing a duplicate');
          await screenshot(mobile, 'decisions-08-phone-rename-refused', false);

          await mobile.goto(`${server.url}/audit`);
          await mobile.getByRole('button', { name: /校验哈希链/ }).click();
          const report = mobile.getByTestId('audit-report');
          await poll(() => report.getAttribute('data-ok')).toBe('true');
          expect(await report.textContent()).toContain('审计记录完整');
          await fits('the audit report');
          await shot('decisions-09-phone-audit-report', mobile);
        } finally {
          await phone.close();
        }
      },
      STEP_TIMEOUT,
    );

    it(
      'refuses to restore an archived customer that was entered anew meanwhile, naming the new one',
      async () => {
        const archived = await page.request.post(`${server.url}/api/v1/accounts/${ids[QINGTENG]}/archive`, {
          data: { reason: 'Left the market' },
        });
        expect(archived.status()).toBe(200);
        const again = await createAccount({ legalName: QINGTENG, phones: ['0571-8888 1234'] });

        await page.goto(`${server.url}/accounts/${ids[QINGTENG]}`);
        await page.getByRole('button', { name: 'Restore' }).click();
        const dialog = page.getByRole('dialog', { name: /^Restore / });
        await dialog.getByLabel('Reason', { exact: true }).fill('Back in business');
        // The refusal is the server's answer to the click: wait for it, clicking again if the click was lost.
        const refused = await clickForAnswer(
          page,
          dialog.getByRole('button', { name: 'Restore' }),
          'POST',
          /\/accounts\/[^/]+\/restore$/,
        );
        expect(refused.status(), await refused.text()).toBe(409);
        const duplicate = dialog.getByTestId('duplicate-panel');
        await poll(() => duplicate.getAttribute('data-verdict')).toBe('same');
        expect(await duplicate.textContent()).toContain('This customer is here again as another account');
        expect(await duplicate.getByRole('link', { name: QINGTENG }).getAttribute('href')).toBe(
          `/accounts/${again}`,
        );
        expect(await page.getByTestId('archived-notice').isVisible()).toBe(true);
      },
      STEP_TIMEOUT,
    );

    it(
      'tells a rep that a look-alike they may not see was weighed, without naming it',
      async () => {
        const rep = {
          login: 'e2e.rep',
          displayName: 'Rep E2E',
          role: 'rep',
          password: 'amber-quarry-window-58',
        };
        expect((await page.request.post(`${server.url}/api/v1/users`, { data: rep })).status()).toBe(201);
        const repContext = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          locale: 'en-US',
        });
        const repPage = await watchedPage(repContext, pageErrors);
        try {
          await signInByApi(repPage, server.url, rep.login, rep.password);
          const created = await repPage.request.post(`${server.url}/api/v1/accounts`, {
            data: { legalName: '北京华源咨询有限公司', confirm: { reason: 'My own client, a consultancy' } },
          });
          expect(created.status()).toBe(201);
          const { id } = (await created.json()) as { id: string };
          await repPage.goto(`${server.url}/accounts/${id}`);
          const decision = repPage.getByTestId('account-decisions').getByTestId('decision');
          await poll(() => decision.getAttribute('data-verdict')).toBe('created_despite_possible');
          const hidden = decision.locator('[data-code="match.possible"]');
          expect(await hidden.first().getAttribute('data-hidden')).toBe('true');
          const said = (await hidden.allTextContents()).join(' ');
          expect(said).toContain('Concerns a record you may not see; the details are withheld.');
          expect(said).not.toContain('华源科技');
          expect(await hidden.getByRole('link').count()).toBe(0);
          expect(await hidden.getByTestId('match-reasons').count()).toBe(0);
          expect(await decision.locator('[data-code="owner.creator"]').textContent()).toContain('you');
          await screenshot(repPage, 'decisions-10-rep-hidden-evidence');
        } finally {
          await repContext.close();
        }
      },
      STEP_TIMEOUT,
    );

    it('raised no errors, console errors or CSP violations in the pages', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
