import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../platform/db/index.js';

import { masterKeyFile } from '../master-key.js';
import { BackupErrors } from './errors.js';
import { PAYLOAD_FILE } from './manifest.js';
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.js';
import { type RestoreStep, type RestoreStepResult, stamp } from './restore.js';
import { pgServerMajor } from './snapshot.js';
import { checkRestoredStorage } from './verify-restored.js';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * pg_restore in one transaction into the backup's schema, then the same checks as SQLite. With
 * --force the existing schema is renamed aside first and renamed back if anything fails; without
 * it a schema holding any table is refused.
 */
export async function restorePostgres(step: RestoreStep): Promise<RestoreStepResult> {
  const { config, manifest, staging } = step;
  const url = config.databaseUrl as string;
  const schema = manifest.pgSchema ?? 'public';
  const keyFile = masterKeyFile(config.dataDir);
  const keyFileAside = planKeyFile(step, keyFile);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const current = (await client.query('select current_schema() as s')).rows[0].s as string | null;
    if (current !== null && current !== schema)
      throw BackupErrors.error('RESTORE_SCHEMA_MISMATCH', { schema, current });
    const tables = Number(
      (
        await client.query(
          'select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1',
          [schema],
        )
      ).rows[0].n,
    );
    const aside = tables > 0 ? `${schema}_before_restore_${stamp()}` : undefined;
    if (aside && !step.force)
      throw BackupErrors.error('RESTORE_TARGET_NOT_EMPTY', { target: `PostgreSQL schema ${schema}`, aside });
    const server = await pgServerMajor(client);
    const restoreTool = findPgTool('pg_restore', server.major, step.env);
    const dump = join(staging, PAYLOAD_FILE.postgres);
    // The schema is made here (it may already exist, empty, like `public`); the rest is the dump's.
    const list = (await runPgTool(restoreTool, ['--list', dump], {}))
      .split('\n')
      .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - /.test(line) || !line.includes(` ${schema} `))
      .join('\n');
    writeFileSync(join(staging, 'restore.list'), list);
    if (aside) await client.query(`alter schema ${ident(schema)} rename to ${ident(aside)}`);
    await client.query(`create schema if not exists ${ident(schema)}`);
    try {
      const conn = libpqConnection(url);
      await runPgTool(
        restoreTool,
        [
          '--single-transaction',
          '--exit-on-error',
          '--no-owner',
          '--no-privileges',
          `--use-list=${join(staging, 'restore.list')}`,
          `--dbname=${conn.dbname}`,
          dump,
        ],
        conn.env,
      );
      const storage = await openStorage({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
      const checked = await checkRestoredStorage(storage, step);
      placeArchives(join(staging, 'audit-archive'), join(config.dataDir, 'audit-archive'));
      placeKey(step, keyFile, keyFileAside);
      return { ...checked, target: `PostgreSQL schema ${schema}`, aside };
    } catch (error) {
      await client.query(`drop schema if exists ${ident(schema)} cascade`);
      if (aside) await client.query(`alter schema ${ident(aside)} rename to ${ident(schema)}`);
      else await client.query(`create schema if not exists ${ident(schema)}`);
      throw error;
    }
  } finally {
    await client.end();
  }
}

/**
 * A node of a PostgreSQL deployment keeps the key in GOVSHARE_MASTER_KEY or its data directory's
 * file. A different key already in that file is only replaced with --force (moved aside).
 */
function planKeyFile(step: RestoreStep, keyFile: string): string | undefined {
  if (!step.restoredKey || step.env.GOVSHARE_MASTER_KEY || !existsSync(keyFile)) return undefined;
  const existing = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (existing.equals(step.restoredKey)) return undefined;
  const aside = `${keyFile}.before-restore-${stamp()}`;
  if (!step.force) throw BackupErrors.error('RESTORE_TARGET_NOT_EMPTY', { target: keyFile, aside });
  return aside;
}

function placeKey(step: RestoreStep, keyFile: string, aside: string | undefined): void {
  if (step.env.GOVSHARE_MASTER_KEY) return;
  if (!step.restoredKey) {
    if (!existsSync(keyFile))
      step.warnings.push(
        `没有主密钥：启动前设置 GOVSHARE_MASTER_KEY（各节点相同）或放入 ${keyFile} / no master key: set GOVSHARE_MASTER_KEY (the same on every node) or put it in ${keyFile} before starting`,
      );
    return;
  }
  if (aside) renameSync(keyFile, aside);
  if (existsSync(keyFile)) return;
  mkdirSync(step.config.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, step.restoredKey.toString('base64'), { mode: 0o600, flag: 'wx' });
  step.warnings.push(
    `主密钥已写入 ${keyFile}；多节点部署须在每个节点设置相同的 GOVSHARE_MASTER_KEY（即此文件内容）/ master key written to ${keyFile}; a multi-node deployment sets the same GOVSHARE_MASTER_KEY (this file's content) on every node`,
  );
}

function placeArchives(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(from))
    if (!existsSync(join(to, name))) copyFileSync(join(from, name), join(to, name));
}
