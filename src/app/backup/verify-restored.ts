import { join } from 'node:path';
import { type AuditTables, loadPublicAuditKey, verifyTrail } from '../../audit/index.js';
import { checkIntegrity, migrationStatus, type Storage, tablesOf } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { Settings } from '../../platform/settings/index.js';
import { allMigrations } from '../database.js';
import { keyMatchesDatabase } from '../master-key.js';
import { BackupErrors } from './errors.js';
import type { BackupManifest } from './manifest.js';

export interface RestoredCheck {
  entriesChecked: number;
  checkpointsChecked: number;
  archivesChecked: number;
}

/**
 * The restored database before anything is put in place: sound (integrity check), not newer than
 * this govshare, its audit chain intact, and its head the one the manifest recorded.
 */
export async function verifyRestored(
  storage: Storage<unknown>,
  manifest: BackupManifest,
  archiveDir: string,
): Promise<RestoredCheck> {
  const integrity = await checkIntegrity(storage);
  if (!integrity.ok)
    throw BackupErrors.error('RESTORE_INTEGRITY_FAILED', {
      problems: integrity.problems.slice(0, 5).join('; '),
    });
  const status = await migrationStatus(storage.db, storage.dialect, allMigrations);
  if (status.unknown.length > 0)
    throw CommonErrors.error('DB_NEWER_THAN_CODE', { migrations: status.unknown.join(', ') });
  const db = tablesOf<AuditTables>(storage.db);
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const actual = { seq: head?.seq ?? 0, hash: head?.hash ?? '' };
  const mismatch = () =>
    BackupErrors.error('RESTORE_HEAD_MISMATCH', {
      actualSeq: actual.seq,
      actualHash: actual.hash,
      seq: manifest.audit.headSeq,
      hash: manifest.audit.headHash,
    });
  if (actual.seq !== manifest.audit.headSeq || actual.hash !== manifest.audit.headHash) throw mismatch();
  const publicKey = await loadPublicAuditKey(new Settings(tablesOf(storage.db)));
  if (!publicKey) {
    if (manifest.audit.headSeq === 0) return { entriesChecked: 0, checkpointsChecked: 0, archivesChecked: 0 };
    throw BackupErrors.error('RESTORE_CHAIN_BROKEN', {
      seq: manifest.audit.headSeq,
      kind: 'missing',
      message: 'no audit signing key in instance settings',
    });
  }
  const result = await verifyTrail({ db: storage.db, ...publicKey, archiveDir });
  if (!result.ok)
    throw BackupErrors.error('RESTORE_CHAIN_BROKEN', {
      seq: result.firstBreak?.seq,
      kind: result.firstBreak?.kind,
      message: result.firstBreak?.message,
    });
  if (result.headSeq !== manifest.audit.headSeq) throw mismatch();
  return {
    entriesChecked: result.entriesChecked,
    checkpointsChecked: result.checkpointsChecked,
    archivesChecked: result.archivesChecked,
  };
}

/** Refuses a master key that would not open the restored secrets: the platform could not start. */
export async function checkKeyAgainst(
  storage: Storage<unknown>,
  candidates: { key: Buffer; source: string }[],
): Promise<void> {
  const settings = new Settings(tablesOf(storage.db));
  for (const candidate of candidates)
    if ((await keyMatchesDatabase(settings, candidate.key)) === false)
      throw BackupErrors.error('RESTORE_KEY_MISMATCH', { source: candidate.source });
}

/**
 * Both checks of a freshly restored database, which is closed afterwards: the chain and archives
 * of `staging` (`verifyRestored`), then the master key candidates (`checkKeyAgainst`).
 */
export async function checkRestoredStorage(
  storage: Storage<unknown>,
  step: { manifest: BackupManifest; staging: string; candidates: { key: Buffer; source: string }[] },
): Promise<RestoredCheck> {
  try {
    const checked = await verifyRestored(storage, step.manifest, join(step.staging, 'audit-archive'));
    await checkKeyAgainst(storage, step.candidates);
    return checked;
  } finally {
    await storage.close();
  }
}
