import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { authenticator } from 'otplib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import type { DialectName } from '../../../src/platform/db/index.ts';
import { DIALECTS } from '../../../src/platform/db/test-support/index.ts';

/** The system's Chromium; browser tests never download one. */
export const CHROMIUM_PATH = process.env.GOVSHARE_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * The databases a browser test runs on: SQLite, or every database the storage suite has when
 * GOVSHARE_TEST_BROWSER_POSTGRES=1. The portal speaks to the same API whichever database is
 * behind it, and every storage path is tested on both by the API tests beside the modules; a
 * journey walked twice in Chromium doubled the suite's slowest files for no new failure to find.
 */
export const BROWSER_DIALECTS: DialectName[] =
  process.env.GOVSHARE_TEST_BROWSER_POSTGRES === '1' ? DIALECTS : ['sqlite'];

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (cookies, localStorage) sized like an office screen. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  // Fail on the step that is stuck, well before the test's own timeout.
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * `shot('created')` saves test-artifacts/screenshots/<test>-created.png; when the test fails, the
 * page as it was is saved as <test>-failed.png.
 */
export function screenshots(page: Page, test: string): (step: string) => Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  onTestFailed(async () => {
    if (!page.isClosed())
      await page.screenshot({ path: join(SCREENSHOTS, `${test}-failed.png`), fullPage: true });
  });
  return async (step) => {
    await page.screenshot({
      path: join(SCREENSHOTS, `${test}-${step}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  };
}

export interface Credentials {
  username: string;
  password: string;
  totpSecret?: string;
}

/** Meets the password rule (10+ characters, three character classes, not containing the username). */
export const NEW_PASSWORD = 'Share#Gov-2026!ok';

type Stage = 'credentials' | 'password_change' | 'totp_enrol' | 'totp_verify' | 'done';

/** The login step the page shows now, once it differs from `previous` (or an error appears). */
async function nextStage(page: Page, previous: Stage): Promise<Stage> {
  const handle = await page.waitForFunction(
    (prev) => {
      if (document.querySelector('[data-testid=dashboard-welcome]')) return 'done';
      const stage = document.querySelector<HTMLElement>('[data-testid=login-stage]')?.dataset.stage;
      if (stage && stage !== prev) return stage;
      const error = document.querySelector('[data-testid=login-error]');
      return error ? `error:${error.textContent}` : false;
    },
    previous,
    { timeout: 15_000 },
  );
  const value = (await handle.jsonValue()) as string;
  if (value.startsWith('error:')) throw new Error(`sign-in failed at ${previous}: ${value.slice(6)}`);
  return value as Stage;
}

const TOTP_STEP_MS = 30_000;
/** The last time step each secret's code was used for: the server takes a step once per account, only later ones. */
const lastSteps = new Map<string, number>();

/**
 * A TOTP code the server will take: it accepts the previous, the current and the next time step's
 * code (src/org/auth/totp.ts), each step once and only after the last it took. The code is
 * computed for the current step or, when that one is used, the next — no waiting for a fresh code.
 * Only a third sign-in of one account within one 30 s step waits, until that step ends.
 */
export async function freshTotp(secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / TOTP_STEP_MS);
    const step = Math.max(current, (lastSteps.get(secret) ?? -1) + 1);
    if (step <= current + 1) {
      lastSteps.set(secret, step);
      return authenticator.clone({ epoch: step * TOTP_STEP_MS }).generate(secret);
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * TOTP_STEP_MS - now));
  }
}

/**
 * Signs in through the login page, answering every step the server asks for: a forced password
 * change (to `newPassword`), TOTP enrolment (reading the secret from the page) or a TOTP code.
 * `onStage` runs at each step, e.g. to take a screenshot.
 */
export async function signInThroughPage(
  page: Page,
  account: Credentials,
  options: { newPassword?: string; onStage?: (stage: Stage) => Promise<void> } = {},
): Promise<Credentials> {
  let password = account.password;
  let totpSecret = account.totpSecret;
  await page.goto('/login');
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(password);
  await options.onStage?.('credentials');
  await page.getByTestId('login-submit').click();
  let stage = await nextStage(page, 'credentials');
  while (stage !== 'done') {
    await options.onStage?.(stage);
    if (stage === 'password_change') {
      const next = options.newPassword ?? NEW_PASSWORD;
      await page.getByTestId('new-password').fill(next);
      await page.getByTestId('confirm-password').fill(next);
      await page.getByTestId('password-submit').click();
      password = next;
    } else if (stage === 'totp_enrol') {
      await page.getByTestId('totp-qr').waitFor();
      totpSecret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      await page.getByTestId('totp-code').fill(await freshTotp(totpSecret));
      await page.getByTestId('totp-submit').click();
    } else if (stage === 'totp_verify') {
      if (!totpSecret) throw new Error(`${account.username} needs a TOTP secret`);
      await page.getByTestId('totp-code').fill(await freshTotp(totpSecret));
      await page.getByTestId('totp-submit').click();
    }
    stage = await nextStage(page, stage);
  }
  await options.onStage?.('done');
  return { username: account.username, password, ...(totpSecret ? { totpSecret } : {}) };
}

/**
 * Signs in through the API inside a browser context (sharing its cookie jar), for tests whose
 * subject is not the login page. Answers the same steps as a person would.
 */
export async function signInThroughApi(context: BrowserContext, account: Credentials): Promise<Credentials> {
  const post = async (path: string, data?: unknown) => {
    const response = await context.request.post(`/api/v1${path}`, data === undefined ? {} : { data });
    const body = response.status() === 204 ? undefined : await response.json();
    if (!response.ok())
      throw new Error(`${path} for ${account.username}: ${response.status()} ${JSON.stringify(body)}`);
    return body;
  };
  let password = account.password;
  let totpSecret = account.totpSecret;
  let state = await post('/auth/login', { username: account.username, password });
  while (state.stage !== 'done') {
    if (state.stage === 'password_change') {
      const next = NEW_PASSWORD;
      state = await post('/auth/password', { currentPassword: password, newPassword: next });
      password = next;
    } else if (state.stage === 'totp_enrol') {
      totpSecret = (await post('/auth/totp/enrol')).secret as string;
      state = await post('/auth/totp/confirm', { code: await freshTotp(totpSecret) });
    } else if (state.stage === 'totp_verify') {
      if (!totpSecret) throw new Error(`${account.username} needs a TOTP secret`);
      state = await post('/auth/totp/verify', { code: await freshTotp(totpSecret) });
    } else {
      throw new Error(`unexpected sign-in stage ${state.stage}`);
    }
  }
  return { username: account.username, password, ...(totpSecret ? { totpSecret } : {}) };
}

export function bootstrapAccount(
  accounts: { username: string; password: string }[],
  username: string,
): Credentials {
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no bootstrap account ${username}`);
  return { username: account.username, password: account.password };
}

/** All text in the page's DOM, hidden or not: a secret that is "gone" must be gone from here. */
export async function pageText(page: Page): Promise<string> {
  return (await page.locator('body').textContent()) ?? '';
}

/**
 * Waits until the open dialog has finished its opening animation (every CSS animation in it has
 * ended): a click during the zoom can land before the dialog's form is ready on a loaded machine.
 */
export async function dialogSettled(page: Page): Promise<void> {
  await page
    .locator('.ant-modal')
    .last()
    // An animation cancelled on the way (the dialog re-rendered) rejects `finished`: it is over too.
    .evaluate((dialog) =>
      Promise.all(dialog.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
    );
}
