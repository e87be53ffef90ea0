import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { extract } from 'tar';
import { cliCommand } from '../../../../test/support/cli.js';
import { loadConfig, type PlatformConfig } from '../../../platform/config/index.js';
import { type DialectName, openStorage, type Storage, sqlitePathIn } from '../../../platform/db/index.js';
import { TEST_PG_URL } from '../../../platform/db/test-support/index.js';
import { bootstrapIfEmpty, bootstrapOptionsFrom } from '../../bootstrap.js';
import type { Database } from '../../database.js';
import { createPlatform, type Platform } from '../../index.js';
import type { BackupManifest } from '../manifest.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** `govshare <args>` as a real process (the built CLI, or its sources through tsx), to its end. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliCommand(), ...args], {
      cwd: ROOT,
      env: { ...process.env, GOVSHARE_MASTER_KEY: '', GOVSHARE_BACKUP_PASSPHRASE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Where one instance lives: a data directory and, on PostgreSQL, a schema of its own reached by a
 * DATABASE_URL whose search_path names it (the way an operator would point a node at a schema).
 */
export interface InstancePlace {
  dialect: DialectName;
  dir: string;
  dataDir: string;
  schema?: string;
  databaseUrl?: string;
  /** Environment for the CLI. */
  env: NodeJS.ProcessEnv;
  config: PlatformConfig;
  openStorage(): Promise<Storage<Database>>;
  start(storage: Storage<Database>): Promise<Platform>;
  dispose(): Promise<void>;
}

let counter = 0;

export function instancePlace(dialect: DialectName, schema?: string): InstancePlace {
  const dir = mkdtempSync(join(tmpdir(), 'govshare-backup-test-'));
  const dataDir = join(dir, 'data');
  const pgSchema =
    dialect === 'postgres'
      ? (schema ?? `bk_${process.pid}_${Date.now().toString(36)}_${counter++}`)
      : undefined;
  let databaseUrl: string | undefined;
  if (pgSchema) {
    const url = new URL(TEST_PG_URL as string);
    url.searchParams.set('options', `-c search_path=${pgSchema}`);
    databaseUrl = url.toString();
  }
  const config = loadConfig({ GOVSHARE_AUDIT_CHECKPOINT_ENTRIES: '40' }, { dataDir, port: 0, databaseUrl });
  return {
    dialect,
    dir,
    dataDir,
    ...(pgSchema ? { schema: pgSchema, databaseUrl } : {}),
    env: { GOVSHARE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
    config,
    openStorage: () =>
      pgSchema
        ? openStorage<Database>({ databaseUrl: TEST_PG_URL, pgSchema, pgPoolSize: 4 })
        : openStorage<Database>({ sqlitePath: sqlitePathIn(dataDir) }),
    async start(storage) {
      const platform = await createPlatform(config, { storage, webDist: '/nonexistent' });
      await bootstrapIfEmpty(platform, bootstrapOptionsFrom({}));
      return platform;
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      if (pgSchema) await dropSchema(pgSchema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function readManifest(file: string): Promise<BackupManifest> {
  const dir = mkdtempSync(join(tmpdir(), 'govshare-manifest-'));
  try {
    await extract({ file, cwd: dir, filter: (path) => path === 'manifest.json' });
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
