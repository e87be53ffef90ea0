import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createPlatform, type Platform } from '../app/index.js';
import {
  applyRetention,
  ChainPublicKey,
  exportCheckpoint,
  loadAnchors,
  retentionPeriod,
  verifyTrail,
} from '../audit/index.js';
import { loadConfig, type PlatformConfig } from '../platform/config/index.js';
import { checkIntegrity, openStorage, sqlitePathIn } from '../platform/db/index.js';
import { EXIT } from './exit.js';

async function withPlatform<T>(run: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await createPlatform(loadConfig(), { jobs: false });
  try {
    return await run(platform);
  } finally {
    await platform.close();
  }
}

/** The database's own integrity check, on a connection of its own (a damaged file may not open at all). */
async function storageIntegrity(config: PlatformConfig): Promise<{ ok: boolean; problems: string[] }> {
  try {
    const storage = await openStorage({
      databaseUrl: config.databaseUrl,
      sqlitePath: sqlitePathIn(config.dataDir),
    });
    try {
      return await checkIntegrity(storage);
    } finally {
      await storage.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return { ok: false, problems: [(error as Error).message] };
    throw error;
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
    .option(
      '--anchor <dir>',
      '对照导出的检查点目录校验（可重复，或指向多个检查点的上级目录） / verify against an exported checkpoint (repeatable, or a directory of them)',
      (dir: string, dirs: string[]) => [...dirs, dir],
      [] as string[],
    )
    .option('--json', '输出 JSON / print JSON')
    .action(async (options: { key?: string; anchor: string[]; json?: boolean }) => {
      // Read first: an anchor that cannot be read is bad input (exit 2), not a verdict on the chain.
      const anchors = loadAnchors(options.anchor.map((dir) => resolve(dir)));
      // A damaged database is reported as such before the chain is read: a corrupt file may still
      // hand back rows that verify, and must never be called intact.
      const integrity = await storageIntegrity(loadConfig());
      if (!integrity.ok) {
        if (options.json) console.log(JSON.stringify({ ok: false, storage: integrity }));
        else {
          console.log('数据库已损坏 / the database is DAMAGED (storage integrity check failed):');
          for (const problem of integrity.problems) console.log(`  ${problem}`);
          console.log('请从备份恢复（govshare restore）/ restore from a backup (govshare restore)');
        }
        process.exitCode = EXIT.damaged;
        return;
      }
      const result = await withPlatform(async (platform) => {
        const trail = platform.services.audit;
        if (!options.key && anchors.length === 0) return trail.verify();
        return verifyTrail({
          db: platform.storage.db,
          hashAlgorithm: trail.hashAlgorithm,
          publicKey: new ChainPublicKey(
            trail.signatureAlgorithm,
            options.key ? readFileSync(options.key, 'utf8') : trail.publicKeyPem,
          ),
          archiveDir: join(platform.config.dataDir, 'audit-archive'),
          anchors,
        });
      });
      if (options.json) console.log(JSON.stringify(result));
      else if (result.ok)
        console.log(
          `审计链完整 / audit chain intact: ${result.entriesChecked} 条记录 entries, ${result.checkpointsChecked} 个检查点 checkpoints, ${result.archivesChecked} 个归档 archives${result.anchorsChecked === undefined ? '' : `, ${result.anchorsChecked} 个导出检查点相符 exported checkpoints held`}; 链头 head ${result.headSeq}`,
        );
      else {
        console.log(
          `审计链断裂 / audit chain BROKEN: ${result.breaks.length}${result.breaksTruncated ? '+' : ''} 处断点 breaks, first at entry ${result.firstBreak?.seq}`,
        );
        for (const found of result.breaks) console.log(`  #${found.seq} (${found.kind}): ${found.message}`);
        if (result.breaksTruncated)
          console.log(
            `  …仅列出前 ${result.breaks.length} 处 / only the first ${result.breaks.length} are listed`,
          );
      }
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
        const period = retentionPeriod(platform.profile, platform.config.audit.retentionMonths);
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
        // Data snapshots (R107) are kept for the same period as the access entries that name them.
        const expiredSnapshots = options.dryRun ? 0 : await platform.services.snapshots.expire(result.cutoff);
        console.log(
          JSON.stringify({ basis: period.basis, months: period.months, ...result, expiredSnapshots }),
        );
      });
    });
}
