import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, errors, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  type Credentials,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Latin words a zh-CN page may show: names of formats, encodings, standards and protocol
 * parameters a user must read or type as they are. Everything else in Latin letters is a word
 * left untranslated or a raw code (`own_platform`, `catalog.ratify`).
 */
const LATIN_ALLOWED = new Set([
  ...['API', 'OpenAPI', 'HTTP', 'HTTPS', 'URL', 'IP', 'ID', 'SQL', 'TOTP', 'OIDC', 'SSO', 'Webhook'],
  ...['CSV', 'csv', 'NDJSON', 'ndjson', 'JSON', 'jsonl', 'Excel', 'xlsx', 'PDF', 'ZIP', 'KB', 'MB', 'GB'],
  ...['UTF-8', 'UTF-16', 'BOM', 'GB18030', 'GBK', 'GB2312', 'Big5', 'Shift_JIS', 'SM2', 'SM3', 'SM4'],
  ...['client_id', 'client_secret'],
]);
/** Codes shown as they are: case numbers (SQ-2026-000001) and version numbers (v3). */
const LATIN_CODES = [/^[A-Z]{2,5}-\d{4}-\d{6}$/, /^v\d+$/];
const allowed = (word: string) => LATIN_ALLOWED.has(word) || LATIN_CODES.some((code) => code.test(word));

interface Finding {
  role: string;
  viewport: string;
  path: string;
  problem: string;
}

/** What the page shows that a zh-CN reader should not meet, and how wide it is against the screen. */
async function inspect(page: Page): Promise<{ overflow: number; latin: string[] }> {
  return page.evaluate(() => {
    const words = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Codes marked as code, and text marked as English (the language switch's EN), are meant so.
      if (!parent || parent.closest('code, kbd, pre, script, style, [lang=en], [aria-hidden=true]')) continue;
      if (!parent.checkVisibility()) continue;
      for (const word of (node.textContent ?? '').match(/[A-Za-z][A-Za-z0-9_.:/-]*[A-Za-z0-9]/g) ?? [])
        words.add(word);
    }
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      latin: [...words],
    };
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the portal's CSP rightly refuses an inline script tag.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    interface AxeNode {
      target: string[];
      html: string;
    }
    interface AxeResult {
      violations: { id: string; impact: string; nodes: AxeNode[] }[];
    }
    const { axe } = window as unknown as { axe: { run(...args: unknown[]): Promise<AxeResult> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    // Each failing element by its selector, the test id around it and the start of its markup:
    // enough to find it in the code.
    const where = (n: AxeNode) => {
      const around = document.querySelector(n.target.join(' '))?.closest<HTMLElement>('[data-testid]');
      return `${n.target.join(' ')} in ${around?.dataset.testid ?? '?'} ${n.html.slice(0, 100)}`;
    };
    return result.violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes.slice(0, 4).map(where).join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4})` : ''}`,
    );
  });
}

/** Waits for the page's data: no spinner and no skeleton left. */
/** A wait that may run out (a page that polls is never idle); any other failure is the test's. */
const timedOut = (error: unknown) => {
  if (!(error instanceof errors.TimeoutError)) throw error;
};

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  // Labels load after the rows on some pages (the catalog's vocabulary): wait for the requests to end.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(timedOut);
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, {
      timeout: 15_000,
    })
    .catch(timedOut);
}

describe.skipIf(!hasChromium)('every page for every role, on an office screen and a phone', () => {
  let server: TestPlatform;
  let browser: Browser;
  const findings: Finding[] = [];

  beforeAll(async () => {
    server = await startPortal();
    await loadDemo(server.platform);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ROLES: [string, () => Credentials][] = [
    ['sysadmin', () => bootstrapAccount(server.bootstrap, 'sysadmin')],
    ['secadmin', () => bootstrapAccount(server.bootstrap, 'secadmin')],
    ['auditadmin', () => bootstrapAccount(server.bootstrap, 'auditadmin')],
    ['authority', () => ({ username: 'authority', password: 'Demo#2026share' })],
    ['police.admin', () => ({ username: 'police.admin', password: 'Demo#2026share' })],
    ['police.user', () => ({ username: 'police.user', password: 'Demo#2026share' })],
  ];

  it.each(ROLES)(
    'walks every page as %s',
    async (role, account) => {
      const context: BrowserContext = await newContext(browser, server.url);
      await signInThroughApi(context, account());
      const page = await context.newPage();
      const shot = screenshots(page, `walk-${role}`);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto('/');
      await settled(page);
      const paths = await page
        .locator('[data-testid=side-menu] [data-path]')
        .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).dataset.path as string));
      expect(paths.length).toBeGreaterThan(2);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const path of paths) {
          errors.length = 0;
          await page.goto(path);
          await settled(page);
          const at = { role, viewport: viewport.name, path };
          const { overflow, latin } = await inspect(page);
          if (overflow > 1) findings.push({ ...at, problem: `wider than the screen by ${overflow}px` });
          const foreign = latin.filter((word) => !allowed(word));
          if (foreign.length > 0) findings.push({ ...at, problem: `Latin words: ${foreign.join(' ')}` });
          for (const error of errors) findings.push({ ...at, problem: `console: ${error.slice(0, 200)}` });
          if (viewport.name === 'desktop')
            for (const violation of await axeViolations(page))
              findings.push({ ...at, problem: `axe ${violation}` });
          // A picture of each page that has something to mend, for whoever mends it.
          if (findings.some((f) => f.role === role && f.viewport === viewport.name && f.path === path))
            await shot(`${viewport.name}${path.replaceAll('/', '_')}`);
        }
      }
      await context.close();
      const mine = findings.filter((f) => f.role === role);
      expect(mine.map((f) => `${f.viewport} ${f.path}: ${f.problem}`)).toEqual([]);
    },
    600_000,
  );

  it('the menu: every item clickable on an office screen, a drawer on a phone, the right item lit', async () => {
    const context = await newContext(browser, server.url);
    // 公安局's resource administrator: the provider of the demo's applications, with a catalog of his own.
    await signInThroughApi(context, { username: 'police.admin', password: 'Demo#2026share' });
    const page = await context.newPage();
    await page.goto('/');
    // The last item (工作日历) used to sit under the sider's collapse bar: a click hit the bar.
    const last = page.locator('[data-testid=side-menu] [data-path]').last();
    const lastPath = (await last.getAttribute('data-path')) as string;
    await last.scrollIntoViewIfNeeded();
    await last.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(lastPath);
    const lit = () =>
      page.locator('[data-testid=side-menu] .ant-menu-item-selected [data-path]').getAttribute('data-path');
    // An entry opened from 共享目录 keeps 共享目录 lit, not 目录检索 whose path prefixes the entry's page.
    await page.goto('/my-catalog');
    await page.locator('a[href^="/catalog/entries/"]').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/catalog\/entries\/./);
    await expect.poll(lit).toBe('/my-catalog');
    // 新建目录 is 共享目录's work, wherever it was opened from.
    await page.goto('/catalog/new');
    await expect.poll(lit).toBe('/my-catalog');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await expect.poll(() => page.getByTestId('side-menu').count()).toBe(0);
    await page.getByTestId('menu-open').click();
    await page.getByTestId('menu-catalog').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/catalog');
    // The drawer closes on the way: the page has the whole width.
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await context.close();
  });
});
