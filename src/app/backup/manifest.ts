import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { CryptoSuite } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';

export const MANIFEST_FILE = 'manifest.json';
export const KEY_FILE = 'master.key.enc';
export const ARCHIVE_DIR = 'audit-archive';
export const PAYLOAD_FILE: Record<DialectName, string> = {
  sqlite: 'database.sqlite',
  postgres: 'database.pgdump',
};

export type DigestAlgorithm = 'sm3' | 'sha256';

export interface BackupFileEntry {
  path: string;
  bytes: number;
  /** Hex digest with the manifest's `digestAlgorithm`. */
  digest: string;
}

/** What a backup holds and what its restore must find: written first in the tar as manifest.json. */
export interface BackupManifest {
  format: 'govshare-backup/1';
  govshareVersion: string;
  createdAt: string;
  dialect: DialectName;
  /** PostgreSQL: the schema dumped, and the server's version. */
  pgSchema?: string;
  pgServerVersion?: string;
  migrations: { count: number; last: string | null };
  /** The audit chain head inside the payload's snapshot. */
  audit: { headSeq: number; headHash: string; hashAlgorithm: string };
  cryptoSuite: CryptoSuite;
  digestAlgorithm: DigestAlgorithm;
  payload: BackupFileEntry;
  /** The sealed master key (if included) and the audit archive files. */
  files: BackupFileEntry[];
  masterKeyIncluded: boolean;
}

export async function digestFile(path: string, algorithm: DigestAlgorithm): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fileEntry(
  root: string,
  path: string,
  algorithm: DigestAlgorithm,
): Promise<BackupFileEntry> {
  const full = `${root}/${path}`;
  return { path, bytes: statSync(full).size, digest: await digestFile(full, algorithm) };
}

/** A manifest as read from a file, checked enough that restore can rely on its shape. */
export function parseManifest(text: string): BackupManifest | string {
  let value: BackupManifest;
  try {
    value = JSON.parse(text) as BackupManifest;
  } catch {
    return 'manifest.json is not JSON';
  }
  if (value?.format !== 'govshare-backup/1') return `unknown format ${String(value?.format)}`;
  if (value.dialect !== 'sqlite' && value.dialect !== 'postgres') return 'unknown dialect';
  if (value.digestAlgorithm !== 'sm3' && value.digestAlgorithm !== 'sha256')
    return 'unknown digest algorithm';
  if (value.payload?.path !== PAYLOAD_FILE[value.dialect]) return 'unexpected payload';
  if (!Array.isArray(value.files)) return 'no file list';
  for (const f of value.files)
    if (f.path !== KEY_FILE && !(f.path.startsWith(`${ARCHIVE_DIR}/`) && !f.path.includes('..')))
      return `unexpected file ${f.path}`;
  if (typeof value.audit?.headSeq !== 'number' || typeof value.audit.headHash !== 'string')
    return 'no audit head';
  return value;
}
