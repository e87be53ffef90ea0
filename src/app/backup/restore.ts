import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PlatformConfig } from '../../platform/config/index.js';

import { masterKeyFromEnv } from '../master-key.js';
import { BackupErrors } from './errors.js';
import { type KeyEnvelope, openMasterKeyEnvelope } from './key-envelope.js';
import { type BackupManifest, KEY_FILE } from './manifest.js';
import { restorePostgres } from './restore-postgres.js';
import { restoreSqlite } from './restore-sqlite.js';
import { unpackBackup } from './unpack.js';
import type { RestoredCheck } from './verify-restored.js';

export interface RestoreOptions {
  config: PlatformConfig;
  file: string;
  /** Replace a non-empty target; the old data is moved aside, not deleted. */
  force?: boolean;
  /** Opens the master key in a backup made with --with-key. */
  passphrase?: string | undefined;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RestoreSummary extends RestoredCheck {
  /** The data directory or PostgreSQL schema restored into. */
  target: string;
  manifest: BackupManifest;
  /** Where the replaced data went (with --force), for the operator to remove once satisfied. */
  aside?: string | undefined;
  keyRestored: boolean;
  /** Said to the operator when the restored instance will not start without more from them. */
  warnings: string[];
}

/** A master key the restored instance will use, and where it comes from (for messages). */
export interface KeyCandidate {
  key: Buffer;
  source: string;
}

export function stamp(): string {
  return new Date().toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * Restores a backup into the configured target (GOVSHARE_DATA_DIR or DATABASE_URL): digests,
 * restore into a staging place, integrity, audit chain and head, master key; only then is the
 * result put in place. A failure at any step leaves the target as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const { config } = options;
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const file = resolve(options.file);
  if (!existsSync(file)) throw BackupErrors.error('BACKUP_NOT_A_BACKUP', { file, reason: 'no such file' });
  const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  if (dialect === 'sqlite') assertEmptyDir(config.dataDir, options.force ?? false);
  // Beside the data directory: for SQLite it becomes the data directory by one rename.
  mkdirSync(dirname(config.dataDir), { recursive: true });
  const staging = mkdtempSync(join(dirname(config.dataDir), `.${basename(config.dataDir)}.restore-`));
  try {
    log('正在校验备份文件 / checking the backup’s digests…');
    const manifest = await unpackBackup(file, staging);
    if (manifest.dialect !== dialect)
      throw BackupErrors.error('BACKUP_DIALECT_MISMATCH', {
        backup: manifest.dialect,
        target: dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (GOVSHARE_DATA_DIR)',
      });
    const warnings: string[] = [];
    let restoredKey: Buffer | undefined;
    if (manifest.masterKeyIncluded) {
      if (options.passphrase) {
        const envelope = JSON.parse(readFileSync(join(staging, KEY_FILE), 'utf8')) as KeyEnvelope;
        restoredKey = openMasterKeyEnvelope(envelope, options.passphrase);
      } else
        warnings.push(
          '备份含主密钥但未提供口令，未恢复主密钥 / the backup holds the master key but no passphrase was given: key not restored',
        );
    }
    rmSync(join(staging, KEY_FILE), { force: true });
    const fromEnv = masterKeyFromEnv(env);
    const candidates: KeyCandidate[] = [
      ...(fromEnv ? [fromEnv] : []),
      ...(restoredKey ? [{ key: restoredKey, source: `${file} (${KEY_FILE})` }] : []),
    ];
    log('正在恢复并校验数据库与审计链 / restoring, then checking integrity and the audit chain…');
    const common = {
      config,
      manifest,
      staging,
      force: options.force ?? false,
      candidates,
      restoredKey,
      warnings,
      env,
    };
    const done = dialect === 'sqlite' ? await restoreSqlite(common) : await restorePostgres(common);
    return { ...done, manifest, keyRestored: restoredKey !== undefined, warnings };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function assertEmptyDir(dir: string, force: boolean): void {
  if (!existsSync(dir) || readdirSync(dir).length === 0 || force) return;
  throw BackupErrors.error('RESTORE_TARGET_NOT_EMPTY', {
    target: dir,
    aside: `${dir}.before-restore-<time>`,
  });
}

/** What both dialects' restore steps get. */
export interface RestoreStep {
  config: PlatformConfig;
  manifest: BackupManifest;
  /** The unpacked, digest-checked backup. */
  staging: string;
  force: boolean;
  candidates: KeyCandidate[];
  restoredKey: Buffer | undefined;
  warnings: string[];
  env: NodeJS.ProcessEnv;
}

export interface RestoreStepResult extends RestoredCheck {
  target: string;
  aside?: string | undefined;
}
