import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { openStorage, type Storage } from '../platform/db/index.js';
import { migrateToLatest } from '../platform/db/migrations.js';
import {
  DIALECTS,
  openTestStorage,
  TEST_PG_URL,
  type TestStorage,
} from '../platform/db/test-support/index.js';
import { Settings, settingsMigrations } from '../platform/settings/index.js';
import { loadAuditKeys } from './keys.js';
import { auditMigrations } from './migrations.js';
import type { AuditTables } from './schema.js';
import { AuditTrail } from './trail.js';

const CHILD = fileURLToPath(new URL('./test-support/crash-child.ts', import.meta.url));

/** Runs the writer until it has acknowledged `count` entries, then SIGKILLs it mid-commit. */
function runAndKill(args: string[], count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (acked.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited before it was killed: ${stderr}`));
    });
  });
}

for (const dialect of DIALECTS)
  describe(`R86 crash during group commit on ${dialect}`, () => {
    let storage: TestStorage<AuditTables> | undefined;
    let reopened: Storage<AuditTables> | undefined;
    afterEach(async () => {
      await reopened?.close();
      await storage?.dispose();
    });

    it('loses no acknowledged entry, and the chain still verifies', async () => {
      storage = await openTestStorage<AuditTables>(dialect);
      await migrateToLatest(storage.db, dialect, { ...settingsMigrations, ...auditMigrations });
      const master = randomBytes(32);
      const target =
        dialect === 'postgres'
          ? [TEST_PG_URL as string, storage.pgSchema as string]
          : [storage.sqlitePath as string, '-'];

      const acked = await runAndKill([dialect, ...target, master.toString('base64')], 600);
      expect(acked.length).toBeGreaterThanOrEqual(600);

      // A fresh connection sees only what reached the disk (SQLite: the WAL as synced).
      reopened = await openStorage<AuditTables>(
        dialect === 'postgres'
          ? { databaseUrl: TEST_PG_URL, pgSchema: storage.pgSchema as string }
          : { sqlitePath: storage.sqlitePath as string },
      );
      const db = reopened.db;
      const present = new Set((await db.selectFrom('audit_entry').select('seq').execute()).map((r) => r.seq));
      expect(acked.filter((seq) => !present.has(seq))).toEqual([]);
      const keys = await loadAuditKeys(new Settings(db as never), new SecretBox(master, 'sm'), 'sm');
      const trail = await AuditTrail.open({ db, dialect, clock: systemClock, keys, checkpointTimer: false });
      const result = await trail.verify();
      expect(result).toMatchObject({ ok: true, entriesChecked: present.size, headSeq: Math.max(...present) });
      await trail.close();
    });
  });
