import type { Page } from 'playwright-core';

/**
 * The status an entry's page shows, followed by the error message the page shows if a step was
 * refused, so that a failed step names its reason instead of only leaving the old status.
 */
export async function entryStatus(page: Page): Promise<string | null> {
  const status = await page.locator('.gs-entry-head [data-status]').first().getAttribute('data-status');
  const refused = page.locator('.ant-message-error');
  return (await refused.count()) > 0 ? `${status} · ${await refused.first().textContent()}` : status;
}
