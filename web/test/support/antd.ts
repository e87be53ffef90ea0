import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The validation messages shown under the form item that holds `field`. */
export function fieldErrors(page: Page, field: Locator): Locator {
  return page.locator('.ant-form-item', { has: field }).locator('.ant-form-item-explain-error');
}

/** Opens an antd (Tree)Select, types to search, and picks the option whose text contains `text`. */
export async function pickOption(page: Page, select: Locator, search: string, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  const option = page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-treenode')
    .filter({ hasText: text })
    .first();
  await option.click();
  // The choice took before the test goes on: a single select closes its list, a multiple one marks
  // the option chosen (on a loaded machine a click during the list's opening animation can miss).
  await expect
    .poll(async () => {
      if ((await option.count()) === 0) return true;
      const state = await option.getAttribute('class', { timeout: 1000 }).catch(() => '-selected');
      return (state ?? '').includes('-selected');
    })
    .toBe(true);
}

/** Closes an open multiple select's list (Escape reaches the list, not the dialog around it). */
export async function closeOptions(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  if ((await open.count()) > 0) await page.keyboard.press('Escape');
  await open.first().waitFor({ state: 'hidden' });
}
