import { chmodSync, existsSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage, sqlitePathIn } from '../../platform/db/index.js';
import { masterKeyFile } from '../master-key.js';
import { MANIFEST_FILE, PAYLOAD_FILE } from './manifest.js';
import { type RestoreStep, type RestoreStepResult, stamp } from './restore.js';
import { checkRestoredStorage } from './verify-restored.js';

/**
 * The staging directory is made into a complete data directory (database, archives, key), checked,
 * and then renamed over GOVSHARE_DATA_DIR: the target is either untouched or wholly restored.
 */
export async function restoreSqlite(step: RestoreStep): Promise<RestoreStepResult> {
  const { staging, config } = step;
  const dbPath = sqlitePathIn(staging);
  renameSync(join(staging, PAYLOAD_FILE.sqlite), dbPath);
  chmodSync(dbPath, 0o600);
  rmSync(join(staging, MANIFEST_FILE));
  const storage = await openStorage({ sqlitePath: dbPath });
  const checked = await checkRestoredStorage(storage, step);
  if (step.restoredKey)
    writeFileSync(masterKeyFile(staging), step.restoredKey.toString('base64'), { mode: 0o600, flag: 'wx' });
  else if (!step.env.GOVSHARE_MASTER_KEY)
    step.warnings.push(
      `恢复的实例没有主密钥：启动前把原主密钥放到 ${masterKeyFile(config.dataDir)} 或设置 GOVSHARE_MASTER_KEY / the restored instance has no master key: put the original key in ${masterKeyFile(config.dataDir)} or set GOVSHARE_MASTER_KEY before starting`,
    );
  const target = config.dataDir;
  let aside: string | undefined;
  if (existsSync(target)) {
    if (readdirSync(target).length > 0) {
      aside = `${target}.before-restore-${stamp()}`;
      renameSync(target, aside);
    } else rmdirSync(target);
  }
  renameSync(staging, target);
  return { ...checked, target, aside };
}
