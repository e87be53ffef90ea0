import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The instance master key seals secrets at rest. Nodes sharing one PostgreSQL share it through
 * GOVSHARE_MASTER_KEY (base64, 32 bytes); an embedded instance keeps it in its data directory.
 */
export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.GOVSHARE_MASTER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32)
      throw new Error('GOVSHARE_MASTER_KEY 必须是 32 字节的 base64 / must be 32 bytes in base64');
    return key;
  }
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} 不是有效的主密钥 / is not a valid master key`);
  return key;
}
