import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The validation messages shown under the form item that holds `field`. */
export function fieldErrors(page: Page, field: Locator): Locator {
  return page.locator('.ant-form-item', { has: field }).locator('.ant-form-item-explain-error');
}

/** An antd Select found by its test id: the id sits on the select or on its search input. */
export function selectByTestId(page: Page, testId: string): Locator {
  return page
    .locator(`.ant-select:has([data-testid="${testId}"]), .ant-select[data-testid="${testId}"]`)
    .first();
}

/** Opens the Select with test id `testId` and picks the option whose text contains `text`. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await selectByTestId(page, testId).click();
  await clickOption(page, text);
}

/** The input of a text field found by its test id (antd puts it on the input or on a wrapper). */
export function inputByTestId(page: Page, testId: string): Locator {
  return page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`,
    )
    .first();
}

/** Opens an antd (Tree)Select, types to search, and picks the option whose text contains `text`. */
export async function pickOption(page: Page, select: Locator, search: string, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  await clickOption(page, text);
}

/**
 * Clicks the option of the open (Tree)Select list whose text contains `text`, until the choice took:
 * a single select closes its list, a multiple one marks the option chosen. On a loaded machine a
 * click during the list's opening animation can miss (the option is only hovered): it is clicked
 * again, up to three times.
 */
export async function clickOption(page: Page, text: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-treenode')
    .filter({ hasText: text })
    .first();
  const took = async () => {
    if ((await option.count()) === 0) return true;
    const state = await option.getAttribute('class', { timeout: 1000 }).catch(() => '-selected');
    return (state ?? '').includes('-selected');
  };
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await expect.poll(took, { timeout: 3000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Closes an open multiple select's list (Escape reaches the list, not the dialog around it). */
export async function closeOptions(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  if ((await open.count()) > 0) await page.keyboard.press('Escape');
  await open.first().waitFor({ state: 'hidden' });
}
