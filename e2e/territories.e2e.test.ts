import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow } from './support/overflow.js';
import type { RunningFairshare } from './support/server.js';
import {
  chooseCascade,
  clickForAnswer,
  chooseOption,
  chromiumOrSkip,
  pageErrorGuard,
  poll,
  screenshot,
  signedInPage,
  signInByApi,
  startE2e,
} from './support/setup.js';

const executablePath = chromiumOrSkip('territories');
const STEP_TIMEOUT = 180_000;
const PARTNER = '深圳市南海岸信息技术有限公司';
const DRAFT = '2027 华南调整';
const TERRITORY = '华南大区';
const password = 'harbor-lantern-thistle-73';

describe.skipIf(!executablePath)(
  'a channel manager drafts a territory model, activates it, sees the map and grants a fence exception',
  () => {
    let server: RunningFairshare;
    let browser: Browser;
    let admin: Page;
    let channel: Page;
    const pageErrors = pageErrorGuard();

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
      const team = await post('/api/v1/teams', { name: '渠道管理部' });
      await post('/api/v1/users', {
        login: 'e2e.channel',
        displayName: '陈静',
        role: 'sales_ops',
        teamId: team.id,
        password,
      });
      await post('/api/v1/partners', {
        legalName: PARTNER,
        contactName: '林海',
        contactEmail: 'linhai@nanhaian.example.cn',
      });
      channel = await signedInPage(browser, server.url, pageErrors, 'e2e.channel', password);
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it(
      'drafts a model with a territory and an authorisation, a refused field named under itself',
      async () => {
        await channel.goto(`${server.url}/territories`);
        await poll(() => channel.getByText('No territory model is active yet.').isVisible()).toBe(true);
        await channel.getByRole('tab', { name: 'Models' }).click();
        await channel.getByTestId('new-draft').click();
        const draft = channel.getByRole('dialog', { name: 'New draft' });
        await draft.getByLabel('Draft name').fill(DRAFT);
        await draft.getByRole('button', { name: 'Create' }).click();
        await poll(() => channel.getByTestId('model-status').textContent()).toBe('Draft');

        await channel.getByTestId('add-territory').click();
        const territory = channel.getByRole('dialog', { name: 'Add territory' });
        await territory.getByLabel('Code').fill('south');
        await territory.getByLabel('Name', { exact: true }).fill(TERRITORY);
        await chooseCascade(channel, territory.getByTestId('areas-regions'), '广东', /^广东省$/, '广东省');
        await territory.locator('.ant-modal-title').click();
        await territory.getByRole('button', { name: 'Save territory' }).click();
        await poll(() => channel.getByTestId('territory-node').count()).toBe(1);
        await expect(channel.getByTestId('territory-node').textContent()).resolves.toContain('Guangdong');

        await channel.getByTestId('authorise').click();
        const authorise = channel.getByRole('dialog', { name: `Authorise on ${TERRITORY}` });
        await chooseOption(channel, authorise.getByTestId('authorisation-partner'), PARTNER);
        await authorise.getByLabel('From').fill('2020-01-01');
        await authorise.getByLabel('From').press('Enter');
        await authorise.getByLabel('Excludes').check();
        await authorise.getByLabel('Exclusive', { exact: true }).check();
        await authorise.getByRole('button', { name: 'Authorise' }).click();
        // The form lets an exclusive exclude through; the server refuses it, in words, under the field.
        await poll(() => authorise.getByText('An exclude cannot be exclusive').isVisible()).toBe(true);
        await authorise.getByLabel('Includes').check();
        await authorise.getByRole('button', { name: 'Authorise' }).click();
        await poll(() => channel.getByTestId('authorisation').count()).toBe(1);
        const held = channel.getByTestId('authorisation');
        await expect(held.textContent()).resolves.toContain(PARTNER);
        await expect(held.getByTestId('authorisation-kind').textContent()).resolves.toBe('Exclusive');
        await screenshot(channel, 'territories-draft');
      },
      STEP_TIMEOUT,
    );

    it(
      'compares the draft with the active model, then activates it after confirming',
      async () => {
        await channel.getByTestId('compare').click();
        const party = channel.getByTestId('comparison-party');
        await poll(() => party.count()).toBe(1);
        await expect(party.textContent()).resolves.toContain(PARTNER);
        await expect(party.textContent()).resolves.toContain('Gains');
        await expect(party.textContent()).resolves.toContain(
          'Guangdong · every industry · every product line',
        );
        await expect(channel.getByTestId('customers-outside').textContent()).resolves.toContain('0 of 0');

        await channel.getByTestId('activate').click();
        const confirm = channel.locator('.ant-modal-confirm').filter({ hasText: `Activate ${DRAFT}?` });
        const reply = await clickForAnswer(
          channel,
          confirm.getByRole('button', { name: 'Activate' }),
          'POST',
          /\/territory-models\/[^/]+\/activate$/,
        );
        expect(reply.status(), await reply.text()).toBe(200);
        await poll(() => channel.getByTestId('model-status').textContent()).toBe('Active');
        await channel.getByTestId('model-decision').click();
        const decision = channel.getByRole('dialog').filter({ hasText: 'cells gained' });
        await poll(() => decision.isVisible()).toBe(true);
        await decision.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();

        await channel.getByRole('tab', { name: 'Tree' }).click();
        await poll(() => channel.getByTestId('active-model').textContent()).toBe(DRAFT);
        await expect(channel.getByTestId('authorisation').textContent()).resolves.toContain(PARTNER);
      },
      STEP_TIMEOUT,
    );

    it(
      'colours the partner’s province on the map',
      async () => {
        await channel.getByRole('tab', { name: 'Map' }).click();
        await chooseOption(channel, channel.getByTestId('party-partner'), PARTNER);
        const guangdong = channel.getByTestId('map-province-440000');
        await poll(() => guangdong.getAttribute('data-status')).toBe('exclusive');
        await expect(channel.getByTestId('map-province-330000').count()).resolves.toBe(0);
        // The drawn tile itself: the shape under the label 'Guangdong' is filled with the exclusive colour.
        const fillUnder = (name: string) =>
          channel.getByTestId('tile-map').evaluate((root, label) => {
            const text = [...root.querySelectorAll('text')].find((el) => el.textContent === label);
            if (!text) return null;
            // Hit-testing only sees what is inside the window.
            text.scrollIntoView({ block: 'center' });
            const box = text.getBoundingClientRect();
            const under = document
              .elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
              .find((el) => el.tagName === 'path' && el.getAttribute('fill'));
            return under?.getAttribute('fill') ?? null;
          }, name);
        await poll(() => fillUnder('Guangdong')).toBe('#722ed1');
        await expect(fillUnder('Zhejiang')).resolves.toBe('#f0f0f0');
        await screenshot(channel, 'territories-map');
      },
      STEP_TIMEOUT,
    );

    it(
      'grants a fence exception the fence check then honours, and revokes it',
      async () => {
        await channel.getByRole('tab', { name: 'Exceptions' }).click();
        await channel.getByTestId('grant-exception').click();
        const grant = channel.getByRole('dialog', { name: 'Grant an exception' });
        await chooseOption(channel, grant.getByTestId('grant-partner'), PARTNER);
        await chooseCascade(channel, grant.getByTestId('region-cascader'), '浙江', /^浙江省$/, '浙江省');
        await grant.getByLabel('Expires on').fill('2099-12-31');
        await grant.getByLabel('Expires on').press('Enter');
        await grant.getByLabel('Reason').fill('杭州亚运场馆项目，客户指定该伙伴实施');
        await grant.getByRole('button', { name: 'Grant', exact: true }).click();
        await poll(() => channel.getByText('Exception granted').isVisible()).toBe(true);
        const row = channel.getByRole('row').filter({ hasText: 'Zhejiang' });
        await poll(() => row.getByTestId('exception-status').textContent()).toBe('In force');

        await channel.getByRole('tab', { name: 'Fence check' }).click();
        const ask = async (search: string, option: RegExp, shown: string) => {
          await chooseCascade(channel, channel.getByTestId('region-cascader'), search, option, shown);
          await channel.getByTestId('check-fence').click();
        };
        await chooseOption(channel, channel.getByTestId('party-partner'), PARTNER);
        await ask('浙江', /^浙江省$/, '浙江省');
        const verdict = channel.getByTestId('fence-verdict');
        await poll(() => verdict.textContent()).toContain('By a fence exception.');
        await ask('朝阳', /^北京市\s*\/\s*朝阳区$/, '朝阳区');
        await poll(() => verdict.textContent()).toContain('OUTSIDE_TERRITORY');
        await expect(verdict.textContent()).resolves.toContain(
          'None of the party’s authorisations covers this.',
        );
        await expect(verdict.getByTestId('authorised-scope').textContent()).resolves.toContain('Guangdong');
        await screenshot(channel, 'territories-fence-check');

        await channel.getByRole('tab', { name: 'Exceptions' }).click();
        await row.getByTestId('revoke-exception').click();
        const revoked = await clickForAnswer(
          channel,
          channel.getByRole('button', { name: 'Revoke', exact: true }).last(),
          'POST',
          /\/territory-exceptions\/[^/]+\/revoke$/,
        );
        expect(revoked.status(), await revoked.text()).toBe(200);
        await poll(() => row.getByTestId('exception-status').textContent()).toBe('Revoked');
      },
      STEP_TIMEOUT,
    );

    it(
      'reads in Chinese on a phone without scrolling sideways',
      async () => {
        const phone = await signedInPage(browser, server.url, pageErrors, 'e2e.channel', password, {
          viewport: { width: 375, height: 812 },
          locale: 'zh-CN',
          phone: true,
        });
        await phone.goto(`${server.url}/territories`);
        await poll(() => phone.getByTestId('territory-node').textContent()).toContain(TERRITORY);
        await expect(phone.getByRole('heading', { name: '区域授权' }).isVisible()).resolves.toBe(true);
        await expect(phone.getByTestId('authorisation-kind').textContent()).resolves.toBe('独家');
        await expect(phone.getByTestId('territory-node').textContent()).resolves.toContain('广东');
        expect(await horizontalOverflow(phone), 'the tree on a phone').toEqual([]);
        await screenshot(phone, 'territories-tree-zh-phone');

        await phone.goto(`${server.url}/territories/map`);
        await chooseOption(phone, phone.getByTestId('party-partner'), PARTNER);
        await poll(() => phone.getByTestId('map-province-440000').textContent()).toBe('广东 · 独家');
        await expect(
          phone.getByTestId('tile-map').locator('text', { hasText: '新疆' }).count(),
        ).resolves.toBe(1);
        expect(await horizontalOverflow(phone), 'the map on a phone').toEqual([]);
        await screenshot(phone, 'territories-map-zh-phone');

        for (const path of ['/territories/check', '/territories/exceptions', '/territories/models']) {
          await phone.goto(`${server.url}${path}`);
          await poll(() => phone.getByRole('tab', { selected: true }).isVisible()).toBe(true);
          expect(await horizontalOverflow(phone), `${path} on a phone`).toEqual([]);
        }
        await phone.context().close();
      },
      STEP_TIMEOUT,
    );
  },
);
