import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { create as createTar, extract } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPublicAuditKey, verifyTrail } from '../../audit/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { checkIntegrity } from '../../platform/db/integrity.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { AppError } from '../../platform/errors/index.js';
import { Settings } from '../../platform/settings/index.js';
import { createBackup, restoreBackup } from './index.js';
import { dropSchema, type InstancePlace, instancePlace, readManifest, runCli } from './test-support/index.js';

const PASSPHRASE = '政务备份口令 correct horse 2026';
/** Each case starts the CLI as a real process, which takes seconds on a loaded machine. */
const SLOW = 300_000;

describe.each(DIALECTS)('R93 govshare backup and restore on %s', (dialect) => {
  const places: InstancePlace[] = [];
  afterEach(async () => {
    for (const place of places.splice(0)) await place.dispose();
  });

  /** A bootstrapped instance with its platform closed again, and a passphrase file beside it. */
  async function instance(): Promise<InstancePlace & { passphraseFile: string }> {
    const place = instancePlace(dialect);
    places.push(place);
    const storage = await place.openStorage();
    const platform = await place.start(storage);
    await platform.close();
    await storage.close();
    const passphraseFile = join(place.dir, 'passphrase');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    return { ...place, passphraseFile };
  }

  /** Where a restore goes: an empty data directory, or on PostgreSQL the same schema name emptied. */
  async function emptyTarget(source: InstancePlace): Promise<InstancePlace> {
    if (dialect === 'postgres') await dropSchema(source.schema as string);
    const target = instancePlace(dialect, source.schema);
    places.push(target);
    return target;
  }

  /** A failed restore leaves nothing: no data directory (SQLite), no tables (PostgreSQL), no staging. */
  async function expectNoTarget(target: InstancePlace): Promise<void> {
    expect(existsSync(target.dataDir)).toBe(false);
    expect(readdirSync(target.dir).filter((n) => n.includes('restore'))).toEqual([]);
    if (dialect === 'postgres') {
      const storage = await target.openStorage();
      try {
        expect(await storage.db.introspection.getTables()).toEqual([]);
      } finally {
        await storage.close();
      }
    }
  }

  it(
    'a backup taken while the platform appends audit entries restores to an intact chain ending at the manifest head',
    async () => {
      const place = instancePlace(dialect);
      places.push(place);
      const storage = await place.openStorage();
      const platform = await place.start(storage);
      let appended = 0;
      let running = true;
      // Eight writers append for the whole life of the backup process: the load a `cp` copy breaks under.
      const writers = Array.from({ length: 8 }, async (_, w) => {
        while (running) {
          await platform.services.audit.append(
            { requestId: `load-${w}` },
            { action: 'admin.backup_load', detail: { writer: w, n: appended } },
          );
          appended++;
        }
      });
      const file = join(place.dir, 'under-load.tar');
      let backup: Awaited<ReturnType<typeof runCli>>;
      const before = { appended: 0 };
      try {
        while (appended < 50) await new Promise((r) => setTimeout(r, 20));
        before.appended = appended;
        backup = await runCli(['backup', file], place.env);
      } finally {
        running = false;
        await Promise.all(writers);
      }
      const finalHead = (await platform.services.audit.verify()).headSeq;
      await platform.close();
      await storage.close();
      expect(backup.stderr).not.toContain('Error');
      expect(backup.code).toBe(0);
      expect(appended - before.appended).toBeGreaterThan(20);
      const manifest = await readManifest(file);
      expect(backup.stdout).toContain(`#${manifest.audit.headSeq} ${manifest.audit.headHash}`);
      expect(backup.stdout).toContain(manifest.payload.digest);
      // A point in the middle of the writing, not its end.
      expect(manifest.audit.headSeq).toBeGreaterThan(before.appended);
      expect(manifest.audit.headSeq).toBeLessThan(finalHead);

      const target = await emptyTarget(place);
      const restore = await runCli(['restore', file], target.env);
      expect(restore.stderr).not.toContain('Error');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain(`head #${manifest.audit.headSeq}`);

      const restored = await target.openStorage();
      try {
        expect(await checkIntegrity(restored)).toEqual({ ok: true, problems: [] });
        const key = await loadPublicAuditKey(new Settings(tablesOf(restored.db)));
        const verdict = await verifyTrail({
          db: restored.db,
          ...(key as NonNullable<typeof key>),
          archiveDir: join(target.dataDir, 'audit-archive'),
        });
        expect(verdict.ok).toBe(true);
        expect(verdict.firstBreak).toBeUndefined();
        expect(verdict.headSeq).toBe(manifest.audit.headSeq);
        expect(verdict.checkpointsChecked).toBeGreaterThan(0);
      } finally {
        await restored.close();
      }
      if (dialect === 'sqlite') expect(readdirSync(target.dataDir).sort()).toEqual(['govshare.db']);
    },
    SLOW,
  );

  it(
    'refuses a backup with one payload byte flipped (damaged or tampered copy), restoring nothing',
    async () => {
      const place = await instance();
      const file = join(place.dir, 'good.tar');
      await createBackup({ config: place.config, file });
      const bytes = readFileSync(file);
      const magic = dialect === 'sqlite' ? 'SQLite format 3' : 'PGDMP';
      const at = bytes.indexOf(magic) + 3000;
      bytes[at] = (bytes[at] as number) ^ 0x01;
      const tampered = join(place.dir, 'tampered.tar');
      writeFileSync(tampered, bytes);
      const target = await emptyTarget(place);
      const refused = await runCli(['restore', tampered], target.env);
      expect(refused.code).toBe(5);
      expect(refused.stderr).toContain('BACKUP_DAMAGED');
      expect(refused.stderr).toContain('备份已损坏');
      expect(refused.stderr).toContain(dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
      await expectNoTarget(target);
    },
    SLOW,
  );

  it(
    'refuses to restore over a non-empty target without --force, and with --force moves the old data aside',
    async () => {
      const place = await instance();
      const file = join(place.dir, 'b.tar');
      await createBackup({ config: place.config, file });
      const refused = await runCli(['restore', file], place.env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('RESTORE_TARGET_NOT_EMPTY');
      expect(refused.stderr).toContain('--force');
      const forced = await restoreBackup({ config: place.config, file, force: true });
      expect(forced.aside).toContain(dialect === 'sqlite' ? 'data.before-restore-' : '_before_restore_');
      if (dialect === 'postgres') await dropSchema(forced.aside as string);
      if (dialect === 'sqlite') {
        const aside = readdirSync(place.dir).filter((n) => n.startsWith('data.before-restore-'));
        expect(aside).toHaveLength(1);
        // The old directory keeps its key; the restored one has none (not in the backup) and says so.
        expect(existsSync(join(place.dir, aside[0] as string, 'master.key'))).toBe(true);
        expect(forced.warnings.join()).toContain('GOVSHARE_MASTER_KEY');
      }
    },
    SLOW,
  );

  it(
    'round-trips the master key under a passphrase and refuses a wrong passphrase (guessing attack)',
    async () => {
      const place = await instance();
      const original = readFileSync(join(place.dataDir, 'master.key'), 'utf8');
      const file = join(place.dir, 'with-key.tar');
      const noPassphrase = await runCli(['backup', file, '--with-key'], place.env);
      expect(noPassphrase.code).toBe(2);
      expect(noPassphrase.stderr).toContain('BACKUP_PASSPHRASE_MISSING');
      expect(existsSync(file)).toBe(false);
      await createBackup({ config: place.config, file, withKey: { passphrase: PASSPHRASE } });
      const manifest = await readManifest(file);
      expect(manifest.masterKeyIncluded).toBe(true);
      // The key is sealed: neither its base64 nor its bytes appear in the backup.
      const raw = readFileSync(file);
      expect(raw.includes(original.trim())).toBe(false);
      expect(raw.includes(Buffer.from(original.trim(), 'base64'))).toBe(false);

      const target = await emptyTarget(place);
      const wrongFile = join(place.dir, 'wrong');
      writeFileSync(wrongFile, 'not the passphrase at all\n');
      const wrong = await runCli(['restore', file, '--passphrase-file', wrongFile], target.env);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('BACKUP_PASSPHRASE_WRONG');
      expect(existsSync(join(target.dataDir, 'master.key'))).toBe(false);

      const right = await restoreBackup({ config: target.config, file, passphrase: PASSPHRASE, env: {} });
      expect(right.keyRestored).toBe(true);
      expect(readFileSync(join(target.dataDir, 'master.key'), 'utf8')).toBe(original);
      // The restored instance starts: its key opens the sealed audit signing key.
      const storage = await target.openStorage();
      try {
        const platform = await target.start(storage);
        expect((await platform.services.audit.verify()).ok).toBe(true);
        await platform.close();
      } finally {
        await storage.close();
      }
    },
    SLOW,
  );
  it(
    'refuses at restore a backup of an audit trail edited in the database (entry rewritten), leaving no target',
    async () => {
      const place = await instance();
      const storage = await place.openStorage();
      await sql`update audit_entry set detail = ${'{"edited":true}'} where seq = 2`.execute(storage.db);
      await storage.close();
      const file = join(place.dir, 'edited.tar');
      await createBackup({ config: place.config, file });
      const target = await emptyTarget(place);
      const refused = await restoreBackup({ config: target.config, file, env: {} }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('RESTORE_CHAIN_BROKEN');
      expect((refused as AppError).params.seq).toBe(2);
      await expectNoTarget(target);
    },
    SLOW,
  );

  it(
    'refuses a manifest claiming a later audit head than its payload holds (cut-off chain tail)',
    async () => {
      const place = await instance();
      const file = join(place.dir, 'b.tar');
      await createBackup({ config: place.config, file });
      // Rewritten with a manifest whose head is one entry further: the digests still match.
      const dir = mkdtempSync(join(tmpdir(), 'govshare-forged-'));
      await extract({ file, cwd: dir });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.audit.headSeq += 1;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const forged = join(place.dir, 'forged.tar');
      await createTar({ file: forged, cwd: dir }, readdirSync(dir));
      const target = await emptyTarget(place);
      const refused = await restoreBackup({ config: target.config, file: forged, env: {} }).catch(
        (e: unknown) => e,
      );
      expect((refused as AppError).code).toBe('RESTORE_HEAD_MISMATCH');
      await expectNoTarget(target);
    },
    SLOW,
  );
});
