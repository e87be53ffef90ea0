import { appendFileSync, existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { loadProfile } from '../platform/profiles/index.js';
import { readArchiveEntries } from './archive-file.js';
import { applyRetention, retentionPeriod } from './retention.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';

describe('R87 retention period from the jurisdiction profile', () => {
  it('takes the profile’s years, lets the operator lengthen but never shorten it, and never goes under six months', () => {
    expect(retentionPeriod(loadProfile('inner-mongolia'))).toMatchObject({ months: 24, minimumMonths: 24 });
    expect(retentionPeriod(loadProfile('inner-mongolia'), 36).months).toBe(36);
    expect(() => retentionPeriod(loadProfile('inner-mongolia'), 12)).toThrow(/AUDIT_RETENTION_INVALID/);
    expect(retentionPeriod(loadProfile('feicheng')).months).toBe(60);
    expect(retentionPeriod(loadProfile('neixiang'))).toMatchObject({ months: null, minimumMonths: 6 });
    expect(retentionPeriod(loadProfile('neixiang'), 6).months).toBe(6);
    expect(() => retentionPeriod(loadProfile('neixiang'), 5)).toThrow(/AUDIT_RETENTION_INVALID/);
  });
});

for (const dialect of DIALECTS)
  describe(`R87 retention on ${dialect}: archive, then remove exactly the expired entries`, () => {
    let world: TrailWorld;
    let dir: string;
    const clock = new ManualClock('2024-01-10T08:00:00Z');
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'govshare-archive-'));
      clock.set('2024-01-10T08:00:00Z');
      world = await openTrailWorld(dialect, {
        clock,
        archiveDir: dir,
        checkpoint: { entries: 4, seconds: 3600 },
      });
      // 2024-01: 5 entries, 2024-02: 5, 2024-03-15: 5, 2024-09: 5.
      for (const at of ['2024-01-10', '2024-02-10', '2024-03-15', '2024-09-01']) {
        clock.set(`${at}T08:00:00Z`);
        for (let i = 0; i < 5; i++) await world.trail.append(ctx, queryEvent(i));
      }
    });
    afterEach(async () => {
      await world.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('archives entries older than the period to a sealed file that verifies, and deletes only them', async () => {
      clock.set('2024-09-20T00:00:00Z'); // six months back: 2024-03-20
      const dry = await applyRetention(world.trail, { months: 6, archiveDir: dir, dryRun: true });
      expect(dry.archived).toMatchObject({ fromSeq: 1, toSeq: 15, entries: 15 });
      expect((await world.db.selectFrom('audit_entry').select('seq').execute()).length).toBe(20);

      const result = await applyRetention(world.trail, { months: 6, archiveDir: dir });
      expect(result.cutoff).toBe('2024-03-20T00:00:00.000Z');
      expect(result.archived).toMatchObject({ fromSeq: 1, toSeq: 15, entries: 15 });
      expect(result.deletedEntries).toBe(15);
      const live = await world.db.selectFrom('audit_entry').select('seq').orderBy('seq').execute();
      expect(live.map((r) => r.seq)).toEqual([16, 17, 18, 19, 20]);
      expect(
        await world.db.selectFrom('audit_subject').select('seq').where('seq', '<=', 15).execute(),
      ).toEqual([]);
      if (dialect === 'postgres') {
        // January and February are wholly expired: their partitions are dropped; March keeps its table.
        expect(result.droppedPartitions).toEqual([202401, 202402]);
        const parts = await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename like 'audit_entry_p%' order by 1`.execute(
          world.db,
        );
        expect(parts.rows.map((p) => p.name)).not.toContain('audit_entry_p202401');
        expect(parts.rows.map((p) => p.name)).toContain('audit_entry_p202403');
      }
      const file = join(dir, '000000000001-000000000015.ndjson.gz');
      const archived = [];
      for await (const row of readArchiveEntries(file)) archived.push(row.seq);
      expect(archived).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(existsSync(`${file}.manifest.json`)).toBe(true);

      expect(await world.trail.verify()).toMatchObject({
        ok: true,
        archivesChecked: 1,
        entriesChecked: 20,
        headSeq: 20,
      });
      await world.trail.append(ctx, queryEvent(99));
      expect(await world.trail.verify()).toMatchObject({ ok: true, entriesChecked: 21 });

      appendFileSync(file, Buffer.from([0]));
      expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 1, kind: 'archive_altered' });
      unlinkSync(file);
      expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 1, kind: 'archive_missing' });
    });

    it('a forged manifest is caught', async () => {
      clock.set('2024-09-20T00:00:00Z');
      await applyRetention(world.trail, { months: 6, archiveDir: dir });
      await world.db.updateTable('audit_archive').set({ to_at: '2024-03-19T00:00:00.000Z' }).execute();
      expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 1, kind: 'archive_forged' });
    });

    it('nothing expired: nothing archived', async () => {
      clock.set('2024-07-01T00:00:00Z');
      const result = await applyRetention(world.trail, { months: 6, archiveDir: dir });
      expect(result).toMatchObject({ archived: null, deletedEntries: 0 });
      expect((await world.db.selectFrom('audit_entry').select('seq').execute()).length).toBe(20);
    });
  });
