import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, errors, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/app/demo/index.ts';
import type { TestPlatform } from '../../../test/support/platform.ts';
import {
  bootstrapAccount,
  type Credentials,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './browser.ts';
import { startPortal } from './portal.ts';

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

/** WCAG 2 A/AA violations on the page (axe-core), each with its impact, rule and elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the portal's CSP rightly refuses an inline script tag.
  // Once per document: the walk moves between pages inside the portal, as its menu does.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
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

/** A wait that may run out (a page that polls is never idle); any other failure is the test's. */
const timedOut = (error: unknown) => {
  if (!(error instanceof errors.TimeoutError)) throw error;
};

/** The page's requests in flight, counted from the browser's side (a page moved within the portal
 * has no load state of its own to wait for). */
const inFlight = new WeakMap<Page, Set<unknown>>();
function trackRequests(page: Page): void {
  const open = new Set<unknown>();
  inFlight.set(page, open);
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
}

/**
 * Waits for the page's data: no request in flight for 300 ms (labels load after the rows on some
 * pages, the catalog's vocabulary) and no spinner or skeleton left. A page that polls is never
 * idle: after 5 s the walk looks anyway.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const open = inFlight.get(page) ?? new Set();
  const until = Date.now() + 5_000;
  for (let quiet = 0; quiet < 3 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    quiet = open.size === 0 ? quiet + 1 : 0;
  }
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, {
      timeout: 15_000,
    })
    .catch(timedOut);
  // A page shown from the cache is ready before the menu's colour transition from the last page
  // has ended: axe would judge the contrast of a colour half-way. Finite animations end first.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(a.effect?.getComputedTiming().iterations ?? 1))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
}

/**
 * Opens `path` inside the portal as its menu does (the router follows the history), without
 * loading the application again: a page's own requests and rendering are what the walk waits for.
 */
async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect.poll(() => new URL(page.url()).pathname).toBe(new URL(path, page.url()).pathname);
}

/** What a walk's own tests are given: the portal with the demo loaded, and a browser. */
export interface WalkWorld {
  server: TestPlatform;
  browser: Browser;
}

/** The accounts walked: the three administrators of a new instance and the demo's people. */
const ACCOUNTS: Record<string, (server: TestPlatform) => Credentials> = {
  sysadmin: (server) => bootstrapAccount(server.bootstrap, 'sysadmin'),
  secadmin: (server) => bootstrapAccount(server.bootstrap, 'secadmin'),
  auditadmin: (server) => bootstrapAccount(server.bootstrap, 'auditadmin'),
  authority: () => ({ username: 'authority', password: DEMO_PASSWORD }),
  'police.admin': () => ({ username: 'police.admin', password: DEMO_PASSWORD }),
  'police.user': () => ({ username: 'police.user', password: DEMO_PASSWORD }),
};
export const DEMO_PASSWORD = 'Demo#2026share';

/**
 * Walks every page of the menu as each of `roles` at 1440×900 and 390×844 (issue 22): a page
 * wider than the screen, a Latin word outside the allowlist, a console error or an axe WCAG 2 A/AA
 * violation is a finding, and a role's walk fails with all of its findings. `more` adds tests
 * that share the walk's portal and browser. Two files split the roles so both test workers walk.
 */
export function describeWalk(title: string, roles: string[], more?: (world: () => WalkWorld) => void): void {
  describe.skipIf(!hasChromium)(title, () => {
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

    it.each(roles)(
      'walks every page as %s',
      async (role) => {
        const context: BrowserContext = await newContext(browser, server.url);
        const account = ACCOUNTS[role];
        if (!account) throw new Error(`no account to walk as ${role}`);
        await signInThroughApi(context, account(server));
        const page = await context.newPage();
        trackRequests(page);
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
            await visit(page, path);
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

    more?.(() => ({ server, browser }));
  });
}
