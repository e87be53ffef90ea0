import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformConfig } from '../../../src/platform/config/index.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.ts';

/** The real server on a free port with a temp database, serving the built portal. */
export async function startPortal(config: Partial<PlatformConfig> = {}): Promise<TestPlatform> {
  // GOVSHARE_TEST_WEB_DIST points the tests at a portal built elsewhere (`vite build --outDir`).
  const webDist = process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist');
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(
      `${webDist} is missing: run \`npx vite build --config web/vite.config.ts\` before the browser tests`,
    );
  }
  return startTestPlatform({ listen: true, config, webDist });
}
