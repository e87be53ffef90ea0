import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createPlatform, type Platform } from '../app/index.js';
import { exportCheckpoint } from '../audit/export.js';
import { applyRetention, ChainPublicKey, retentionPeriod, verifyTrail } from '../audit/index.js';
import { loadConfig } from '../platform/config/index.js';
import { loadProfile } from '../platform/profiles/index.js';

async function withPlatform<T>(run: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await createPlatform(loadConfig());
  try {
    return await run(platform);
  } finally {
    await platform.close();
  }
}

/** `govshare audit verify|key|checkpoint|retention`: the tamper-evident trace from the shell. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计跟踪 / audit trail');

  audit
    .command('verify')
    .description(
      '校验审计哈希链、检查点签名与归档；链断裂时退出码为 1 / verify the chain, checkpoints and archives',
    )
    .option('--key <pem>', '用审计人员自持的公钥文件校验 / verify with your own copy of the public key')
    .option('--json', '输出 JSON / print JSON')
    .action(async (options: { key?: string; json?: boolean }) => {
      const result = await withPlatform(async (platform) => {
        const trail = platform.services.audit;
        if (!options.key) return trail.verify();
        return verifyTrail({
          db: platform.storage.db,
          hashAlgorithm: trail.hashAlgorithm,
          publicKey: new ChainPublicKey(trail.signatureAlgorithm, readFileSync(options.key, 'utf8')),
          archiveDir: join(platform.config.dataDir, 'audit-archive'),
        });
      });
      if (options.json) console.log(JSON.stringify(result));
      else if (result.ok)
        console.log(
          `审计链完整 / audit chain intact: ${result.entriesChecked} 条记录 entries, ${result.checkpointsChecked} 个检查点 checkpoints, ${result.archivesChecked} 个归档 archives; 链头 head ${result.headSeq}`,
        );
      else
        console.log(
          `审计链断裂 / audit chain BROKEN at entry ${result.firstBreak?.seq} (${result.firstBreak?.kind}): ${result.firstBreak?.message}`,
        );
      process.exitCode = result.ok ? 0 : 1;
    });

  audit
    .command('key')
    .description('输出平台审计签名公钥（PEM） / print the platform’s audit signing public key (PEM)')
    .action(async () => {
      await withPlatform(async (platform) => {
        process.stdout.write(platform.services.audit.publicKeyPem);
      });
    });

  audit
    .command('checkpoint')
    .description('导出检查点（声明、签名、公钥）以便用 openssl 独立校验 / export a checkpoint for openssl')
    .argument('[seq]', '检查点序号，缺省为最新 / checkpoint seq, default the latest')
    .requiredOption('--out <dir>', '输出目录 / output directory')
    .action(async (seqText: string | undefined, options: { out: string }) => {
      await withPlatform(async (platform) => {
        const trail = platform.services.audit;
        const seq = seqText === undefined ? (await trail.checkpointNow()).checkpoint_seq : Number(seqText);
        const exported = await exportCheckpoint(
          platform.storage.db,
          seq,
          trail.publicKeyPem,
          resolve(options.out),
        );
        console.log(
          `已写出检查点 ${seq} / wrote checkpoint ${seq}: ${exported.statement}, ${exported.signature}, ${exported.publicKey}\n` +
            `校验 / verify with:\n  cd ${resolve(options.out)} && ${exported.command}`,
        );
      });
    });

  audit
    .command('retention')
    .description(
      '按保存期限归档并移除过期审计记录 / archive and remove audit entries past the retention period',
    )
    .option('--dry-run', '只显示将归档的范围 / show what would be archived')
    .action(async (options: { dryRun?: boolean }) => {
      await withPlatform(async (platform) => {
        const period = retentionPeriod(
          loadProfile(platform.profileId),
          platform.config.audit.retentionMonths,
        );
        if (period.months === null) {
          console.log(
            `未设定保存期限（${period.basis}），不归档；可设置 GOVSHARE_AUDIT_RETENTION_MONTHS（≥ ${period.minimumMonths}） / no retention period set: nothing archived`,
          );
          return;
        }
        const result = await applyRetention(platform.services.audit, {
          months: period.months,
          archiveDir: join(platform.config.dataDir, 'audit-archive'),
          dryRun: options.dryRun ?? false,
        });
        console.log(JSON.stringify({ basis: period.basis, months: period.months, ...result }));
      });
    });
}
