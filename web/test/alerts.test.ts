import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../src/exchange/test-support/index.ts';
import { createUser, PASSWORD } from '../../src/org/test-support/index.ts';
import type { SupervisionServices } from '../../src/supervision/index.ts';
import {
  BROWSER_DIALECTS,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const CLIENT_NAME = '人社核验系统';

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'R65 security alerts portal on %s (issue 17)',
  (dialect) => {
    let x: ExchangeWorld;
    let browser: Browser;
    let secadmin: BrowserContext;
    let client: ApiRequester;

    const query = (i: number) =>
      client.request(
        'POST',
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: [String(x.records[i]?.公民身份号码)] },
        PURPOSE,
      );

    beforeAll(async () => {
      x = await startExchangeWorld(dialect, {
        records: 15,
        listen: true,
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      // The sweep runs when the test says, on the manual clock.
      await x.platform.services.jobs.stop();
      const settings = await x.w.sysadmin.request('PUT', '/api/v1/supervision/alerts/settings', {
        enumerationDistinctKeys: 10,
        autoSuspend: true,
      });
      if (settings.status !== 200) throw new Error(JSON.stringify(settings.body));
      await x.grant(undefined, ['online_query']);
      client = await x.apiClient(x.w.departments.hrss, CLIENT_NAME);
      for (let i = 0; i < 12; i++) if ((await query(i)).status !== 200) throw new Error(`query ${i}`);
      x.clock.advance(60_000);
      const swept = await (
        x.platform.services as unknown as { supervision: SupervisionServices }
      ).supervision.alerts.sweep();
      if (swept.suspended !== 1) throw new Error(`sweep: ${JSON.stringify(swept)}`);
      await createUser(x.platform, 'sec.alerts', x.w.cityDepartmentId, ['security_admin']);
      browser = await launchBrowser();
      secadmin = await newContext(browser, x.w.t.url);
      await signInThroughApi(secadmin, { username: 'sec.alerts', password: PASSWORD });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await x?.close();
    });

    it('the security administrator sees the alert with its evidence, lifts the suspension and acknowledges it', async () => {
      const page = await secadmin.newPage();
      const shot = screenshots(page, `alerts-${dialect}`);

      // The API clients page says the client is suspended, in Chinese.
      await page.goto('/clients');
      await page
        .getByTestId(`client-status-${CLIENT_NAME}`)
        .filter({ hasText: '已暂停（安全告警）' })
        .waitFor();

      await page.goto('/');
      await page.getByRole('menuitem', { name: '安全告警' }).click();
      await page.waitForURL('**/security/alerts');
      const row = page.getByTestId('alert-table').locator('tbody tr.ant-table-row');
      await row.filter({ hasText: CLIENT_NAME }).filter({ hasText: '疑似遍历查询' }).waitFor();
      expect(await row.count()).toBe(1);
      await expect.poll(() => row.first().textContent()).toContain('12 个不同的记录键');
      await shot('1-inbox');

      await row.first().getByRole('button', { name: '查看' }).click();
      const drawer = page.getByTestId('alert-drawer');
      await drawer
        .getByTestId('alert-summary')
        .filter({ hasText: '10 分钟内查询 12 个不同的记录键' })
        .waitFor();
      await drawer.getByTestId('alert-suspension').filter({ hasText: '已暂停' }).waitFor();
      expect(await drawer.getByTestId('alert-samples').locator('code').count()).toBe(10);
      expect(await drawer.getByTestId('alert-fields').textContent()).toContain('示范市人力资源和社会保障局');
      // The chart of the evidence is drawn: a canvas with something on it.
      const canvas = drawer.locator('canvas').first();
      await canvas.waitFor();
      const drawn = await canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
        return false;
      });
      expect(drawn).toBe(true);
      await shot('2-evidence');

      expect((await query(0)).status).toBe(403);
      await drawer.getByTestId('alert-lift').click();
      await page
        .locator('.ant-popconfirm:visible')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await drawer.getByTestId('alert-suspension').filter({ hasText: '已解除暂停' }).waitFor();
      expect(await drawer.getByTestId('alert-lift').count()).toBe(0);
      await client.renew();
      expect((await query(0)).status).toBe(200);
      await shot('3-lifted');

      await drawer.getByTestId('alert-acknowledge').click();
      await page.getByTestId('alert-note-input').fill('已核实：批量核验脚本配置错误，已整改');
      await page.getByTestId('alert-acknowledge-ok').click();
      await drawer.getByTestId('alert-status').filter({ hasText: '已确认' }).waitFor();
      await drawer.getByTestId('alert-note').filter({ hasText: '批量核验脚本配置错误' }).waitFor();
      await shot('4-acknowledged');

      // The automatic suspension is switched off again in the settings (audited like every change).
      await drawer.locator('.ant-drawer-close').click();
      await page.getByTestId('alert-settings').click();
      const toggle = page.getByTestId('alert-settings-auto-suspend');
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
      await toggle.click();
      await page.getByTestId('alert-settings-ok').click();
      await page.getByText('已保存').first().waitFor();
      const stored = await x.w.sysadmin.request('GET', '/api/v1/supervision/alerts/settings');
      expect(stored.body.values).toMatchObject({ autoSuspend: false, enumerationDistinctKeys: 10 });

      const actions = (
        await x.platform.storage.db
          .selectFrom('audit_entry')
          .select('action')
          .where('actor_name', '=', 'sec.alerts')
          .execute()
      ).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'supervision.alert.list',
          'supervision.alert.read',
          'supervision.alert.lift',
          'apiClient.liftSuspension',
          'supervision.alert.acknowledge',
          'supervision.alert.settings.update',
        ]),
      );
    }, 120_000);
  },
);
