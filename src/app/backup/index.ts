export { type BackupOptions, type BackupSummary, createBackup } from './create.js';
export { BackupErrors, backupExitKind } from './errors.js';
export { MIN_PASSPHRASE_LENGTH, readPassphrase } from './key-envelope.js';
export type { BackupManifest } from './manifest.js';
export { type RestoreOptions, type RestoreSummary, restoreBackup } from './restore.js';
