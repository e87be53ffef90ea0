import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoSuite } from '../platform/config/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { defineErrors } from '../platform/errors/index.js';
import type { Settings } from '../platform/settings/index.js';

export const MasterKeyErrors = defineErrors('app', {
  MASTER_KEY_MISSING: {
    status: 503,
    zh: '本实例的数据库已经初始化，其中的密文由主密钥加密，但找不到主密钥：文件 {file} 不存在，且未设置 GOVSHARE_MASTER_KEY。请从备份或密钥保管处取回原主密钥（放回 {file} 或设置 GOVSHARE_MASTER_KEY）；平台不会为已有数据生成新主密钥',
    en: 'This instance’s database is initialized and holds secrets sealed with the master key, but the key is missing: {file} does not exist and GOVSHARE_MASTER_KEY is not set. Bring back the original key from backup or key custody (to {file} or GOVSHARE_MASTER_KEY); the platform never makes a new key for existing data',
  },
  MASTER_KEY_WRONG: {
    status: 503,
    zh: '主密钥与本数据库不符：{source} 中的密钥不是加密本实例密文的那一把（密钥校验值不符）。请放入原主密钥（{file} 或 GOVSHARE_MASTER_KEY）',
    en: 'The master key does not match this database: the key in {source} is not the one that sealed this instance’s secrets (key check value differs). Put back the original key ({file} or GOVSHARE_MASTER_KEY)',
  },
  MASTER_KEY_INVALID: {
    status: 503,
    zh: '{source} 不是有效的主密钥（须为 32 字节的 base64）',
    en: '{source} is not a valid master key (must be 32 bytes in base64)',
  },
});

/** Where an embedded instance keeps its master key. */
export function masterKeyFile(dataDir: string): string {
  return join(dataDir, 'master.key');
}

/** The instance setting holding the key check value: an HMAC of a constant under the master key. */
export const KEY_CHECK_SETTING = 'master_key.check';
const KEY_CHECK_LABEL = 'govshare/master-key-check/v1';

interface FoundKey {
  key: Buffer;
  /** Where it came from, for messages: the file path or `GOVSHARE_MASTER_KEY`. */
  source: string;
}

function parseKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw MasterKeyErrors.error('MASTER_KEY_INVALID', { source });
  return key;
}

/** The key set in GOVSHARE_MASTER_KEY, if any. */
export function masterKeyFromEnv(env: NodeJS.ProcessEnv = process.env): FoundKey | undefined {
  const fromEnv = env.GOVSHARE_MASTER_KEY;
  return fromEnv
    ? { key: parseKey(fromEnv, 'GOVSHARE_MASTER_KEY'), source: 'GOVSHARE_MASTER_KEY' }
    : undefined;
}

/** The configured key (GOVSHARE_MASTER_KEY first, then the data directory's file), if there is one. */
export function findMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): FoundKey | undefined {
  const fromEnv = masterKeyFromEnv(env);
  if (fromEnv) return fromEnv;
  const file = masterKeyFile(dataDir);
  if (!existsSync(file)) return undefined;
  return { key: parseKey(readFileSync(file, 'utf8'), file), source: file };
}

/**
 * The master key of a running instance (already opened once by `openMasterKey`); never makes one.
 */
export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const found = findMasterKey(dataDir, env);
  if (!found) throw MasterKeyErrors.error('MASTER_KEY_MISSING', { file: masterKeyFile(dataDir) });
  return found.key;
}

export function keyCheckValue(key: Buffer, suite: CryptoSuite): string {
  const alg = suite === 'sm' ? 'sm3' : 'sha256';
  return `v1.${alg}.${createHmac(alg, key).update(KEY_CHECK_LABEL).digest('hex')}`;
}

function matchesCheckValue(key: Buffer, stored: string): boolean {
  const [version, alg, hex] = stored.split('.');
  if (version !== 'v1' || (alg !== 'sm3' && alg !== 'sha256') || !hex) return false;
  const expected = createHmac(alg, key).update(KEY_CHECK_LABEL).digest();
  const actual = Buffer.from(hex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Settings written at every instance's first start; any of them means it has been started before. */
const FIRST_START_SETTINGS = ['profile', 'audit.hash_algorithm', 'audit.subject_key', KEY_CHECK_SETTING];

async function isInitialized(settings: Settings): Promise<boolean> {
  for (const key of FIRST_START_SETTINGS) if ((await settings.get(key)) !== undefined) return true;
  return false;
}

/**
 * Answers whether `key` is the one this database's secrets were sealed with: by the key check
 * value, or, for instances made before it existed, by opening a value sealed at first start.
 * `undefined` when the database holds nothing to tell by.
 */
export async function keyMatchesDatabase(
  settings: Pick<Settings, 'get'>,
  key: Buffer,
): Promise<boolean | undefined> {
  const check = await settings.get(KEY_CHECK_SETTING);
  if (check !== undefined) return matchesCheckValue(key, check);
  // The audit subject key is sealed at the first start of every instance (src/audit/keys.ts).
  const sealed = await settings.get('audit.subject_key');
  if (sealed === undefined) return undefined;
  try {
    new SecretBox(key, 'sm').open(sealed);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instance master key, which seals secrets at rest. Nodes sharing one PostgreSQL share it
 * through GOVSHARE_MASTER_KEY (base64, 32 bytes); an embedded instance keeps it in its data
 * directory. A key is generated only for a database that has never been started: a new key next
 * to existing sealed secrets would make them unreadable and look like a fresh start.
 */
export async function openMasterKey(options: {
  dataDir: string;
  settings: Settings;
  suite: CryptoSuite;
  env?: NodeJS.ProcessEnv;
}): Promise<Buffer> {
  const { dataDir, settings, suite } = options;
  const file = masterKeyFile(dataDir);
  let found = findMasterKey(dataDir, options.env ?? process.env);
  if (!found) {
    if (await isInitialized(settings)) throw MasterKeyErrors.error('MASTER_KEY_MISSING', { file });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    found = { key: parseKey(readFileSync(file, 'utf8'), file), source: file };
  }
  if ((await keyMatchesDatabase(settings, found.key)) === false)
    throw MasterKeyErrors.error('MASTER_KEY_WRONG', { source: found.source, file });
  // First writer wins: a second node started with another key reads the first one's value and stops.
  const kept = await settings.getOrInit(KEY_CHECK_SETTING, () => keyCheckValue(found.key, suite));
  if (!matchesCheckValue(found.key, kept))
    throw MasterKeyErrors.error('MASTER_KEY_WRONG', { source: found.source, file });
  return found.key;
}
