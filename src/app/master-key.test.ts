import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type PlatformConfig } from '../platform/config/index.js';
import { tablesOf } from '../platform/db/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../platform/db/test-support/index.js';
import { AppError } from '../platform/errors/index.js';
import { Settings, type SettingsTables } from '../platform/settings/index.js';
import { instancePlace, runCli } from './backup/test-support/index.js';
import type { Database } from './database.js';
import { createPlatform } from './index.js';
import { KEY_CHECK_SETTING, masterKeyFile, openMasterKey } from './master-key.js';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DIALECTS)('master key custody on %s', (dialect) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** An instance started once (so its database holds sealed secrets), then stopped. */
  async function startedOnce(): Promise<{ storage: TestStorage<Database>; config: PlatformConfig }> {
    const storage = await openTestStorage<Database>(dialect);
    cleanups.push(() => storage.dispose());
    const dataDir = mkdtempSync(join(tmpdir(), 'govshare-key-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({}, { dataDir, port: 0 });
    const platform = await createPlatform(config, { storage, webDist: '/nonexistent' });
    await platform.close();
    return { storage, config };
  }
  const restart = (s: { storage: TestStorage<Database>; config: PlatformConfig }) =>
    createPlatform(s.config, { storage: s.storage, webDist: '/nonexistent' }).then((p) => p.close());

  it('refuses to start an initialized database whose master.key is gone (lost key file), writing no new key', async () => {
    const instance = await startedOnce();
    const file = masterKeyFile(instance.config.dataDir);
    unlinkSync(file);
    const error = await refusal(restart(instance));
    expect(error.code).toBe('MASTER_KEY_MISSING');
    expect(error.localized('zh-CN')).toContain(file);
    expect(error.localized('en')).toContain(file);
    expect(error.localized('en')).toContain('GOVSHARE_MASTER_KEY');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a master.key swapped for another key (mix-up or planted key) by the key check value', async () => {
    const instance = await startedOnce();
    const file = masterKeyFile(instance.config.dataDir);
    writeFileSync(file, randomBytes(32).toString('base64'));
    const error = await refusal(restart(instance));
    expect(error.code).toBe('MASTER_KEY_WRONG');
    expect(error.localized('en')).toContain(file);
  });

  it('refuses a wrong GOVSHARE_MASTER_KEY, naming the setting', async () => {
    const instance = await startedOnce();
    const settings = new Settings(tablesOf<SettingsTables>(instance.storage.db));
    const error = await refusal(
      openMasterKey({
        dataDir: instance.config.dataDir,
        settings,
        suite: instance.config.cryptoSuite,
        env: { GOVSHARE_MASTER_KEY: randomBytes(32).toString('base64') },
      }),
    );
    expect(error.code).toBe('MASTER_KEY_WRONG');
    expect(error.localized('zh-CN')).toContain('GOVSHARE_MASTER_KEY');
    const short = await refusal(
      openMasterKey({
        dataDir: instance.config.dataDir,
        settings,
        suite: instance.config.cryptoSuite,
        env: { GOVSHARE_MASTER_KEY: 'c2hvcnQ=' },
      }),
    );
    expect(short.code).toBe('MASTER_KEY_INVALID');
  });

  it('gives an instance made before the key check value one at its next start, and catches a wrong key there by a sealed secret', async () => {
    const instance = await startedOnce();
    const db = tablesOf<SettingsTables>(instance.storage.db);
    const settings = new Settings(db);
    const check = await settings.get(KEY_CHECK_SETTING);
    expect(check).toMatch(/^v1\.(sm3|sha256)\.[0-9a-f]{64}$/);
    await db.deleteFrom('instance_setting').where('key', '=', KEY_CHECK_SETTING).execute();
    const file = masterKeyFile(instance.config.dataDir);
    const right = readFileSync(file, 'utf8');
    writeFileSync(file, randomBytes(32).toString('base64'));
    expect((await refusal(restart(instance))).code).toBe('MASTER_KEY_WRONG');
    expect(await settings.get(KEY_CHECK_SETTING)).toBeUndefined();
    writeFileSync(file, right);
    await restart(instance);
    expect(await settings.get(KEY_CHECK_SETTING)).toBe(check);
  });
});

describe('master key custody from the command line', () => {
  it('govshare exits 6 and names the key file when master.key is missing next to an initialized database', async () => {
    const place = instancePlace('sqlite');
    try {
      const storage = await place.openStorage();
      const platform = await place.start(storage);
      await platform.close();
      await storage.close();
      unlinkSync(masterKeyFile(place.dataDir));
      const run = await runCli(['audit', 'verify'], place.env);
      expect(run.code).toBe(6);
      expect(run.stderr).toContain('MASTER_KEY_MISSING');
      expect(run.stderr).toContain(masterKeyFile(place.dataDir));
      expect(existsSync(masterKeyFile(place.dataDir))).toBe(false);
    } finally {
      await place.dispose();
    }
  }, 300_000);
});
