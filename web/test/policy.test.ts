import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  type Credentials,
  hasChromium,
  launchBrowser,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

// The 政策配置 page on an instance whose local profile has ended (Feicheng, 2020-04-30), on top of
// 政务数据共享条例 (R123, R133): effective values with article and source, overrides marked, zh-CN only.
describe.skipIf(!hasChromium)('policy page (R123, R133)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let auditor: Credentials;

  beforeAll(async () => {
    server = await startPortal({ profile: 'feicheng' });
    browser = await launchBrowser();
    auditor = bootstrapAccount(server.bootstrap, 'auditadmin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`shows the effective profile, its sources, overrides and the expiry on a ${name}`, async () => {
      const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'zh-CN' });
      context.setDefaultTimeout(15_000);
      auditor = await signInThroughApi(context, auditor);
      const page = await context.newPage();
      const shot = screenshots(page, `policy-${name}`);
      await page.goto('/policy');
      await page.getByTestId('policy-expired').waitFor();
      expect(await page.getByTestId('policy-expired').textContent()).toContain('已于 2020-04-30 期满失效');
      expect(await page.getByTestId('policy-precedence').textContent()).toContain('政务数据共享条例');
      const body = page.getByTestId(name === 'phone' ? 'policy-list' : 'policy-table');
      await body.getByText('同意共享后提供数据的期限').first().waitFor();
      const text = (await body.textContent()) ?? '';
      expect(text).toContain('20 个工作日');
      expect(text).toContain('政务数据共享条例第二十二条');
      expect(text).toContain('国家规定');
      expect(text).toContain('本地规定较宽，适用国家规定');
      expect(text).toContain('本地：15 个工作日（Art.10）');
      expect(await page.getByTestId('policy-override').count()).toBeGreaterThan(0);
      // Transcribed provisions nothing reads yet: apart from the configuration, each with its issue.
      expect(text).not.toContain('平台层级');
      const pending = page.getByTestId('policy-pending');
      await pending.scrollIntoViewIfNeeded();
      const pendingText = (await pending.textContent()) ?? '';
      expect(pendingText).toContain('已录入但平台尚未实施的规定');
      expect(pendingText).toContain('仅供查阅，不是配置项');
      expect(pendingText).toContain('使用上级平台');
      expect(pendingText).toContain('待第 18 号开发任务（平台层级与级联）实施');
      expect(pendingText).toContain('待第 19 号开发任务（电子印章、数据快照与开放）实施');
      expect(pendingText.match(/working_days|not_specified|uses_higher_level_platform/)?.[0]).toBeUndefined();
      // zh-CN: no field names, enum values or English notes.
      const english =
        /working_days|not_specified|provider_reply|catalogUpdate|not specified|legal to confirm/;
      expect(text.match(english)?.[0]).toBeUndefined();
      // Nothing wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (name === 'phone') expect(overflow).toBeLessThanOrEqual(0);
      await shot('effective');
      await context.close();
    }, 60_000);
  }
});
