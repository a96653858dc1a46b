import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';
import { launchChromium } from './browser.js';
import { repoRoot, startFairshare, type RunningFairshare } from './server.js';

const screenshots = join(repoRoot, 'tmp', 'e2e');

/** Debian's Chromium as global setup found it; null, with a loud SKIPPED line naming `suite`, when missing. */
export function chromiumOrSkip(suite: string): string | null {
  const executablePath = inject('chromium');
  if (!executablePath) {
    console.warn(`\n!!! ${suite} e2e SKIPPED: /usr/bin/chromium is missing (apt-get install chromium) !!!\n`);
  }
  return executablePath;
}

/** Polls `fn` until it matches: the duplicate check waits for typing to stop; the import worker polls every second. */
export const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/**
 * Where the pages of a suite report what went wrong, each report failing the test it happened in (and, as
 * before, the suite's last test, which expects the list empty). Call it at the suite's top level.
 */
export function pageErrorGuard(): string[] {
  const pageErrors: string[] = [];
  let seen = 0;
  afterEach(() => {
    const fresh = pageErrors.slice(seen);
    seen = pageErrors.length;
    expect(fresh, 'errors the pages reported during this test').toEqual([]);
  });
  return pageErrors;
}

/**
 * Chromium logs every 4xx answer as a console error ("Failed to load resource: … status of 409"). Those are
 * the API refusing something — a wrong password, a duplicate customer, a field out of range — which the UI
 * shows in words and the tests check; a 5xx, a network failure or anything the app logs is still an error.
 */
const isAnsweredRefusal = (text: string) =>
  /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text);

/**
 * A new page in `context` whose uncaught errors, console errors and Content-Security-Policy violations are
 * added to `pageErrors`. Violations are caught twice over: Chromium's console line, and the document's
 * `securitypolicyviolation` event, reported through a binding (init scripts and bindings are injected by
 * the browser itself, so the policy under test does not block them).
 */
export async function watchedPage(context: BrowserContext, pageErrors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`uncaught on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || isAnsweredRefusal(message.text())) return;
    const where = message.location().url;
    pageErrors.push(`console error on ${page.url()}: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  await page.exposeBinding('__fairshareCspViolation', (_source, text: string) => {
    pageErrors.push(`CSP violation on ${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __fairshareCspViolation?: (text: string) => void })
        .__fairshareCspViolation;
      report?.(
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return page;
}

export interface E2eSetup {
  server: RunningFairshare;
  browser: Browser;
  desktop: BrowserContext;
  page: Page;
}

/**
 * The built server on a fresh database, Chromium, and one English desktop page watched for uncaught errors.
 * Whatever was started is stopped again if a later step fails.
 */
export async function startE2e(
  executablePath: string,
  viewport: { width: number; height: number },
  pageErrors: string[],
): Promise<E2eSetup> {
  mkdirSync(screenshots, { recursive: true });
  const server = await startFairshare();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(executablePath);
    const desktop = await browser.newContext({ viewport, locale: 'en-US' });
    const page = await watchedPage(desktop, pageErrors);
    return { server, browser, desktop, page };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/** A 375 px wide phone context holding the same session as `signedIn`. */
export async function phoneContext(
  browser: Browser,
  signedIn: BrowserContext,
  options: { height: number; locale: string },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: options.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale,
    storageState: await signedIn.storageState(),
  });
}

/** Fills in the login page and submits it. */
export async function submitLogin(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the API; the session cookie lands in the page's context. */
export async function signInByApi(page: Page, url: string, login: string, password: string): Promise<void> {
  const response = await page.request.post(`${url}/api/v1/auth/login`, { data: { login, password } });
  expect(response.ok()).toBe(true);
}

/**
 * A watched page in a fresh browser context (its own cookies), signed in as `login` through the API: the
 * usual opening of a test that acts as a second person or on a second screen size.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  pageErrors: string[],
  login: string,
  password: string,
  options: { viewport?: { width: number; height: number }; locale?: string; phone?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'en-US',
    ...(options.phone && { deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
  });
  const page = await watchedPage(context, pageErrors);
  await signInByApi(page, url, login, password);
  return page;
}

/** A screenshot in tmp/e2e. */
export function screenshot(target: Page, name: string, fullPage = true): Promise<Buffer> {
  return target.screenshot({ path: join(screenshots, `${name}.png`), animations: 'disabled', fullPage });
}

export const scrollWidth = (target: Page) => target.evaluate(() => document.documentElement.scrollWidth);

/**
 * Picks `label` in the Ant Design select `field` and checks that it took. Under load the list can still be
 * sliding open when the click lands and pick the option beside the one asked for; then it tries again.
 */
export async function chooseOption(page: Page, field: Locator, label: string): Promise<void> {
  // `field` is the select's input, the select itself, or a container holding it (a test id on a wrapper).
  const select = field
    .locator('xpath=ancestor-or-self::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .or(field.locator('.ant-select'))
    .first();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: label })
    .first();
  await pickUntilShown(() => select.click(), option, select.filter({ hasText: label }));
}

/**
 * Clicks `option`, opening its list with `open` when it is not showing, until `shown` appears. Under load a
 * list can still be sliding open or re-rendering when the click lands, and the pick is lost or lands beside
 * the option asked for; then it tries again, three times in all.
 */
export async function pickUntilShown(
  open: () => Promise<void>,
  option: Locator,
  shown: Locator,
): Promise<void> {
  await clickUntilShown(option, shown, async () => {
    if (!(await option.isVisible())) await open();
  });
}

/**
 * Clicks `button` until `shown` appears — for a click whose only answer is in the page, such as a dialog's
 * submit that the form refuses before anything is sent. Under load a dialog can still be opening when the
 * click lands and the click is lost; then it tries again (after `prepare`), three times in all.
 */
export async function clickUntilShown(
  button: Locator,
  shown: Locator,
  prepare: () => Promise<void> = async () => {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await prepare();
    await button.click();
    try {
      await shown.first().waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Types `search` into the Ant Design cascader `field`, picks the result matching `option` in the open
 * dropdown and checks that the field then shows `shown`. Under load the results can still be re-rendering
 * when the click lands, and the pick is lost; then it tries again.
 */
export async function chooseCascade(
  page: Page,
  field: Locator,
  search: string,
  option: RegExp,
  shown: string,
): Promise<void> {
  const item = page
    .locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item')
    .filter({ hasText: option })
    .first();
  const open = async () => {
    await field.click();
    await field.locator('input').fill(search);
  };
  await pickUntilShown(open, item, field.filter({ hasText: shown }));
}

/**
 * Clicks `button` (an OK in a confirm or popconfirm) until the server answers the request it sends — `method`
 * to a URL matching `url` — and returns that answer. Under load a click can land while the dialog is still
 * opening and be lost; a status the page shows later is no proof either way, the server's answer is.
 */
export async function clickForAnswer(
  page: Page,
  button: Locator,
  method: string,
  url: RegExp,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const answered = page
      .waitForResponse((r) => r.request().method() === method && url.test(r.url()), { timeout: 20_000 })
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    await button.click();
    const answer = await answered;
    if (!(answer instanceof Error)) return answer;
    if (attempt === 3) throw answer;
  }
}
