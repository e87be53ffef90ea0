import { defineErrors } from '../../platform/errors/index.js';

export const BackupErrors = defineErrors('backup', {
  BACKUP_FILE_EXISTS: {
    status: 400,
    zh: '备份文件 {file} 已存在，请换一个文件名（不覆盖已有备份）',
    en: 'Backup file {file} already exists; choose another name (an existing backup is never overwritten)',
  },
  BACKUP_NO_DATABASE: {
    status: 404,
    zh: '没有可备份的数据库：{where}',
    en: 'No database to back up: {where}',
  },
  BACKUP_PASSPHRASE_MISSING: {
    status: 400,
    zh: '需要口令：用 --passphrase-file 指定口令文件，或设置环境变量 GOVSHARE_BACKUP_PASSPHRASE（口令不能写在命令行上）',
    en: 'A passphrase is needed: --passphrase-file <file> or GOVSHARE_BACKUP_PASSPHRASE (never on the command line)',
  },
  BACKUP_PASSPHRASE_WEAK: {
    status: 400,
    zh: '口令太短：至少 {min} 个字符',
    en: 'The passphrase is too short: at least {min} characters',
  },
  BACKUP_PASSPHRASE_WRONG: {
    status: 400,
    zh: '口令不对：无法解开备份中的主密钥（master.key.enc）',
    en: 'Wrong passphrase: the master key in the backup (master.key.enc) cannot be opened',
  },
  BACKUP_NOT_A_BACKUP: {
    status: 400,
    zh: '{file} 不是 govshare 备份文件：{reason}',
    en: '{file} is not a govshare backup: {reason}',
  },
  BACKUP_DAMAGED: {
    status: 422,
    zh: '备份已损坏：{part} 的摘要与清单不符（清单 {expected}，实际 {actual}），未恢复任何数据',
    en: 'The backup is damaged: the digest of {part} differs from the manifest (manifest {expected}, actual {actual}); nothing was restored',
  },
  BACKUP_DIALECT_MISMATCH: {
    status: 400,
    zh: '这是 {backup} 的备份，不能恢复到 {target}（设置或取消 DATABASE_URL）',
    en: 'This is a {backup} backup; it cannot be restored into {target} (set or unset DATABASE_URL)',
  },
  RESTORE_TARGET_NOT_EMPTY: {
    status: 409,
    zh: '恢复目标不是空的：{target}。确认要替换时加 --force（原有数据会被移到 {aside}，不会删除）',
    en: 'The restore target is not empty: {target}. Add --force to replace it (the existing data is moved to {aside}, not deleted)',
  },
  RESTORE_SCHEMA_MISMATCH: {
    status: 400,
    zh: '备份的是 schema {schema}，而 DATABASE_URL 的连接使用 schema {current}；请让 search_path 指向 {schema}',
    en: 'The backup holds schema {schema} but DATABASE_URL connects to schema {current}; point search_path at {schema}',
  },
  RESTORE_INTEGRITY_FAILED: {
    status: 422,
    zh: '恢复出的数据库完整性检查未通过：{problems}；目标未改动',
    en: 'The restored database failed its integrity check: {problems}; the target was left unchanged',
  },
  RESTORE_CHAIN_BROKEN: {
    status: 422,
    zh: '恢复出的审计链断裂：第 {seq} 条（{kind}）{message}；目标未改动',
    en: 'The restored audit chain is broken at entry {seq} ({kind}): {message}; the target was left unchanged',
  },
  RESTORE_HEAD_MISMATCH: {
    status: 422,
    zh: '恢复出的审计链头（第 {actualSeq} 条 {actualHash}）与备份清单（第 {seq} 条 {hash}）不符；目标未改动',
    en: 'The restored audit head (entry {actualSeq} {actualHash}) differs from the manifest (entry {seq} {hash}); the target was left unchanged',
  },
  RESTORE_KEY_MISMATCH: {
    status: 422,
    zh: '主密钥（{source}）不是加密这份备份中密文的那一把；目标未改动。请用备份时的主密钥（--with-key 备份的口令，或原 GOVSHARE_MASTER_KEY）',
    en: 'The master key ({source}) is not the one that sealed the secrets in this backup; the target was left unchanged. Use the key of the backed-up instance (the passphrase of a --with-key backup, or the original GOVSHARE_MASTER_KEY)',
  },
  PG_TOOL_MISSING: {
    status: 503,
    zh: '找不到 {tool}（需要 PostgreSQL {major} 或更新版本的客户端）：已查找 PATH、GOVSHARE_PG_BIN 和 /usr/lib/postgresql/*/bin',
    en: '{tool} not found (a PostgreSQL {major} or newer client is needed): looked in PATH, GOVSHARE_PG_BIN and /usr/lib/postgresql/*/bin',
  },
  PG_TOOL_FAILED: {
    status: 500,
    zh: '{tool} 执行失败（退出码 {code}）：{stderr}',
    en: '{tool} failed (exit code {code}): {stderr}',
  },
});

/** Codes whose exit status is 5: the backup or what it restores failed a check. */
const DAMAGED = new Set([
  'BACKUP_DAMAGED',
  'RESTORE_INTEGRITY_FAILED',
  'RESTORE_CHAIN_BROKEN',
  'RESTORE_HEAD_MISMATCH',
]);

/** The CLI's exit code class of a backup, restore or master-key error, if it has its own. */
export function backupExitKind(code: string): 'damaged' | 'key' | 'storage' | undefined {
  if (DAMAGED.has(code)) return 'damaged';
  if (code === 'PG_TOOL_MISSING') return 'storage';
  if (code.startsWith('MASTER_KEY_') || code === 'RESTORE_KEY_MISMATCH') return 'key';
  return undefined;
}
