import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { create as createTar } from 'tar';
import type { PlatformConfig } from '../../platform/config/index.js';
import { sqlitePathIn } from '../../platform/db/index.js';

import { VERSION } from '../index.js';
import { findMasterKey, keyMatchesDatabase, MasterKeyErrors, masterKeyFile } from '../master-key.js';
import { BackupErrors } from './errors.js';
import { sealMasterKey } from './key-envelope.js';
import {
  ARCHIVE_DIR,
  type BackupFileEntry,
  type BackupManifest,
  type DigestAlgorithm,
  fileEntry,
  KEY_FILE,
  MANIFEST_FILE,
  PAYLOAD_FILE,
} from './manifest.js';
import { type Snapshot, snapshotPostgres, snapshotSqlite } from './snapshot.js';

export interface BackupOptions {
  config: PlatformConfig;
  /** Where the backup is written; an existing file is never overwritten. */
  file: string;
  /** Include the master key, sealed under this passphrase. */
  withKey?: { passphrase: string };
  env?: NodeJS.ProcessEnv;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * Writes one tar file: manifest.json, the database payload (a consistent copy taken while the
 * platform runs), the audit archive files, and optionally the master key sealed with a passphrase.
 */
export async function createBackup(options: BackupOptions): Promise<BackupSummary> {
  const { config } = options;
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const out = resolve(options.file);
  if (existsSync(out)) throw BackupErrors.error('BACKUP_FILE_EXISTS', { file: out });
  mkdirSync(dirname(out), { recursive: true });
  // Staged next to the output so the final rename stays on one file system.
  const staging = mkdtempSync(join(dirname(out), '.govshare-backup-'));
  try {
    const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
    const payloadPath = join(staging, PAYLOAD_FILE[dialect]);
    log(`正在取数据库快照 / taking a consistent database snapshot (${dialect})…`);
    const snapshot = config.databaseUrl
      ? await snapshotPostgres(config.databaseUrl, payloadPath, env)
      : await snapshotSqliteOf(config, payloadPath);
    const algorithm: DigestAlgorithm = snapshot.hashAlgorithm === 'sha256' ? 'sha256' : 'sm3';
    const suite = algorithm === 'sm3' ? 'sm' : 'intl';
    // After the snapshot: every archive its rows name was written before those rows committed.
    const files: BackupFileEntry[] = [];
    for (const path of copyArchives(join(config.dataDir, 'audit-archive'), staging))
      files.push(await fileEntry(staging, path, algorithm));
    if (options.withKey) {
      await sealKeyInto(staging, config.dataDir, env, snapshot, options.withKey.passphrase, suite);
      files.push(await fileEntry(staging, KEY_FILE, algorithm));
    }
    log('正在计算摘要 / computing digests…');
    const manifest: BackupManifest = {
      format: 'govshare-backup/1',
      govshareVersion: VERSION,
      createdAt: new Date().toISOString(),
      dialect,
      ...(snapshot.pgSchema
        ? { pgSchema: snapshot.pgSchema, pgServerVersion: snapshot.pgServerVersion }
        : {}),
      migrations: { count: snapshot.migrations.length, last: snapshot.migrations.at(-1) ?? null },
      audit: {
        headSeq: snapshot.headSeq,
        headHash: snapshot.headHash,
        hashAlgorithm: snapshot.hashAlgorithm,
      },
      cryptoSuite: suite,
      digestAlgorithm: algorithm,
      payload: await fileEntry(staging, PAYLOAD_FILE[dialect], algorithm),
      files,
      masterKeyIncluded: options.withKey !== undefined,
    };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = `${out}.partial`;
    await createTar({ file: partial, cwd: staging, portable: true }, [
      MANIFEST_FILE,
      manifest.payload.path,
      ...files.map((f) => f.path),
    ]);
    // The backup holds every department's data: readable by the platform's account only.
    chmodSync(partial, 0o600);
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, out);
    return { file: out, bytes: statSync(out).size, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function snapshotSqliteOf(config: PlatformConfig, dest: string): Promise<Snapshot> {
  const path = sqlitePathIn(config.dataDir);
  if (!existsSync(path)) throw BackupErrors.error('BACKUP_NO_DATABASE', { where: `SQLite ${path}` });
  return snapshotSqlite(path, dest);
}

/** Copies the finished archive files (not ones still being written) and answers their paths. */
function copyArchives(from: string, staging: string): string[] {
  if (!existsSync(from)) return [];
  const paths: string[] = [];
  for (const name of readdirSync(from).sort()) {
    if (name.endsWith('.partial') || !statSync(join(from, name)).isFile()) continue;
    mkdirSync(join(staging, ARCHIVE_DIR), { recursive: true });
    copyFileSync(join(from, name), join(staging, ARCHIVE_DIR, name));
    paths.push(`${ARCHIVE_DIR}/${name}`);
  }
  return paths;
}

/** A sealed key that does not open the payload's secrets would make the backup useless: refused. */
async function sealKeyInto(
  staging: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  snapshot: Snapshot,
  passphrase: string,
  suite: 'sm' | 'intl',
): Promise<void> {
  const found = findMasterKey(dataDir, env);
  if (!found) throw MasterKeyErrors.error('MASTER_KEY_MISSING', { file: masterKeyFile(dataDir) });
  const settings = { get: async (key: string) => snapshot.keySettings.get(key) };
  if ((await keyMatchesDatabase(settings, found.key)) === false)
    throw MasterKeyErrors.error('MASTER_KEY_WRONG', { source: found.source, file: masterKeyFile(dataDir) });
  const envelope = sealMasterKey(found.key, passphrase, suite);
  writeFileSync(join(staging, KEY_FILE), `${JSON.stringify(envelope)}\n`, { mode: 0o600 });
}
