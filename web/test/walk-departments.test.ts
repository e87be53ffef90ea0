import { expect, it } from 'vitest';
import { newContext, signInThroughApi } from './support/browser.ts';
import { DEMO_PASSWORD, describeWalk } from './support/walk.ts';

/** The departments' walk, and the menu as a department's administrator uses it. */
describeWalk(
  "every page for the authority's and a department's people, on an office screen and a phone",
  ['authority', 'police.admin', 'police.user'],
  (world) => {
    it('the menu: every item clickable on an office screen, a drawer on a phone, the right item lit', async () => {
      const { server, browser } = world();
      const context = await newContext(browser, server.url);
      // 公安局's resource administrator: the provider of the demo's applications, with a catalog of his own.
      await signInThroughApi(context, { username: 'police.admin', password: DEMO_PASSWORD });
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
  },
);
