import type { Command } from 'commander';
import { BackupErrors, createBackup, readPassphrase, restoreBackup } from '../app/index.js';
import { loadConfig } from '../platform/config/index.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** `govshare backup <file>` and `govshare restore <file>` (issue 15, R93); see docs/operations.md. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('在平台运行时做一致的在线备份（单个文件） / consistent online backup into one file')
    .argument('<file>', '备份文件（不覆盖已有文件） / backup file (never overwritten)')
    .option('--with-key', '同时备份主密钥，以口令加密 / include the master key, sealed with a passphrase')
    .option(
      '--passphrase-file <file>',
      '口令文件（第一行）；或环境变量 GOVSHARE_BACKUP_PASSPHRASE / passphrase file (first line) or GOVSHARE_BACKUP_PASSPHRASE',
    )
    .action(async (file: string, options: { withKey?: boolean; passphraseFile?: string }) => {
      const passphrase = options.withKey ? readPassphrase(options.passphraseFile) : undefined;
      if (options.withKey && !passphrase) throw BackupErrors.error('BACKUP_PASSPHRASE_MISSING');
      const summary = await createBackup({
        config: loadConfig(),
        file,
        ...(passphrase ? { withKey: { passphrase } } : {}),
        log,
      });
      const m = summary.manifest;
      console.log(
        [
          `备份完成 / backup written: ${summary.file}`,
          `  大小 / size:            ${size(summary.bytes)} (${summary.bytes} B)`,
          `  数据库 / database:      ${m.dialect}${m.pgSchema ? ` schema ${m.pgSchema}` : ''}, ${m.migrations.count} migrations (${m.migrations.last})`,
          `  审计链头 / audit head:  #${m.audit.headSeq} ${m.audit.headHash}`,
          `  摘要 / digest (${m.digestAlgorithm}): ${m.payload.digest}`,
          `  主密钥 / master key:    ${m.masterKeyIncluded ? '已加密包含 / included, sealed with the passphrase' : '未包含 / not included'}`,
          '请把备份复制到异地保存，并单独保管主密钥 / copy the backup off-site and keep the master key separately',
        ].join('\n'),
      );
    });

  program
    .command('restore')
    .description(
      '把备份恢复到空的数据目录或数据库，并校验完整性与审计链 / restore into an empty target, then verify',
    )
    .argument('<file>', '备份文件 / backup file')
    .option('--force', '替换非空目标（原数据移到旁边，不删除） / replace a non-empty target (moved aside)')
    .option(
      '--passphrase-file <file>',
      '解开备份中主密钥的口令文件；或 GOVSHARE_BACKUP_PASSPHRASE / passphrase for the included master key',
    )
    .action(async (file: string, options: { force?: boolean; passphraseFile?: string }) => {
      const summary = await restoreBackup({
        config: loadConfig(),
        file,
        force: options.force ?? false,
        passphrase: readPassphrase(options.passphraseFile),
        log,
      });
      const m = summary.manifest;
      console.log(
        [
          `恢复完成并已校验 / restored and verified: ${summary.target}`,
          `  备份时间 / backup taken: ${m.createdAt} (govshare ${m.govshareVersion})`,
          `  完整性 / integrity:     ok`,
          `  审计链 / audit chain:   ${summary.entriesChecked} 条完整 entries intact, 链头 head #${m.audit.headSeq} = 清单 manifest`,
          `  主密钥 / master key:    ${summary.keyRestored ? '已恢复 / restored' : '未恢复 / not restored'}`,
          ...(summary.aside ? [`  原数据 / previous data moved to: ${summary.aside}`] : []),
          ...summary.warnings.map((w) => `  注意 / note: ${w}`),
        ].join('\n'),
      );
    });
}
