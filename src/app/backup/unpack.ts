import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from 'tar';
import { BackupErrors } from './errors.js';
import {
  ARCHIVE_DIR,
  type BackupManifest,
  digestFile,
  KEY_FILE,
  MANIFEST_FILE,
  PAYLOAD_FILE,
  parseManifest,
} from './manifest.js';

const ALLOWED = new Set([MANIFEST_FILE, KEY_FILE, ...Object.values(PAYLOAD_FILE)]);

/**
 * Extracts a backup into `dir` and checks every file against the manifest's digests before any
 * of it is used: a damaged copy is refused whole.
 */
export async function unpackBackup(file: string, dir: string): Promise<BackupManifest> {
  try {
    await extract({
      file,
      cwd: dir,
      strict: true,
      // Only the names a backup holds, as plain files: no links, no paths out of `dir`.
      filter: (path, entry) =>
        'type' in entry &&
        entry.type === 'File' &&
        (ALLOWED.has(path) ||
          (path.startsWith(`${ARCHIVE_DIR}/`) && !path.slice(ARCHIVE_DIR.length + 1).includes('/'))),
    });
  } catch (error) {
    throw BackupErrors.error('BACKUP_NOT_A_BACKUP', {
      file,
      reason: {
        zh: `无法作为 tar 文件读取（${(error as Error).message}）`,
        en: `cannot be read as a tar file (${(error as Error).message})`,
      },
    });
  }
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath))
    throw BackupErrors.error('BACKUP_NOT_A_BACKUP', { file, reason: 'no manifest.json' });
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
  if (typeof manifest === 'string')
    throw BackupErrors.error('BACKUP_NOT_A_BACKUP', { file, reason: manifest });
  for (const part of [manifest.payload, ...manifest.files]) {
    const path = join(dir, part.path);
    const actual = existsSync(path) ? await digestFile(path, manifest.digestAlgorithm) : '(missing)';
    if (actual !== part.digest)
      throw BackupErrors.error('BACKUP_DAMAGED', { part: part.path, expected: part.digest, actual });
  }
  return manifest;
}
