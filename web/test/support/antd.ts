import type { Locator, Page } from 'playwright-core';

/** The validation messages shown under the form item that holds `field`. */
export function fieldErrors(page: Page, field: Locator): Locator {
  return page.locator('.ant-form-item', { has: field }).locator('.ant-form-item-explain-error');
}

/** Opens an antd (Tree)Select, types to search, and picks the option whose text contains `text`. */
export async function pickOption(page: Page, select: Locator, search: string, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-treenode')
    .filter({ hasText: text })
    .first()
    .click();
}
