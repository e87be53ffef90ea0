import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { applyRetention } from './retention.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';
import { forgeCheckpoint, rewriteChainFrom, verifyWalkedAndParallel } from './test-support/tamper.js';
import type { VerifyOptions } from './verify.js';

/** Verifies row by row in this thread and with workers; both must give the very same result. */
async function verifyBothWays(world: TrailWorld, extra: Partial<VerifyOptions> = {}) {
  const { walked, parallel } = await verifyWalkedAndParallel(world, extra);
  expect(walked.stats).toMatchObject({ workers: 0, chunksAccepted: 0 });
  expect(parallel.stats.workers).toBe(2);
  return parallel;
}

for (const dialect of DIALECTS)
  describe(`R85 audit verify with worker threads on ${dialect}: same verdict, same entry`, () => {
    let world: TrailWorld;
    beforeEach(async () => {
      world = await openTrailWorld(dialect, { checkpoint: { entries: 10, seconds: 3600 } });
      for (let i = 1; i <= 25; i++) await world.trail.append(ctx, queryEvent(i));
    });
    afterEach(async () => {
      await world.dispose();
    });

    it('an untouched chain: every range is taken whole from the workers', async () => {
      const { result, stats } = await verifyBothWays(world);
      expect(result).toMatchObject({ ok: true, entriesChecked: 25, checkpointsChecked: 3, headSeq: 25 });
      expect(stats).toEqual({ workers: 2, chunksAccepted: 7, entriesWalked: 0 });
    });

    it('an untouched chain, hash input built in JavaScript', async () => {
      const { stats } = await verifyBothWays(world, { renderInDatabase: false });
      expect(stats).toEqual({ workers: 2, chunksAccepted: 7, entriesWalked: 0 });
    });

    it('a changed field: the ranges before it are taken, the break is named by the walk', async () => {
      await world.db.updateTable('audit_entry').set({ purpose: '工作参考' }).where('seq', '=', 13).execute();
      const { result, stats } = await verifyBothWays(world);
      expect(result.firstBreak).toMatchObject({ seq: 13, kind: 'changed' });
      expect(stats.chunksAccepted).toBe(3);
    });

    it('a deleted entry', async () => {
      await world.db.deleteFrom('audit_entry').where('seq', '=', 7).execute();
      expect((await verifyBothWays(world)).result).toMatchObject({
        // The walk goes on past the gap: every entry that is there is checked.
        entriesChecked: 24,
        firstBreak: { seq: 7, kind: 'missing' },
      });
    });

    it('deleted entries at the tail: the workers end at the last entry, the head tells', async () => {
      await world.db.deleteFrom('audit_entry').where('seq', '>=', 24).execute();
      const { result, stats } = await verifyBothWays(world);
      expect(result.firstBreak).toMatchObject({ seq: 24, kind: 'missing' });
      expect(stats).toEqual({ workers: 2, chunksAccepted: 6, entriesWalked: 0 });
    });

    it('a reordered pair', async () => {
      await world.db.updateTable('audit_entry').set({ seq: -1 }).where('seq', '=', 16).execute();
      await world.db.updateTable('audit_entry').set({ seq: 16 }).where('seq', '=', 17).execute();
      await world.db.updateTable('audit_entry').set({ seq: 17 }).where('seq', '=', -1).execute();
      expect((await verifyBothWays(world)).result.firstBreak).toMatchObject({ seq: 16, kind: 'reordered' });
    });

    it('a forged checkpoint inside a clean range', async () => {
      await forgeCheckpoint(world, 11);
      const { result, stats } = await verifyBothWays(world);
      expect(result.firstBreak).toMatchObject({ seq: 11, kind: 'checkpoint_forged' });
      expect(stats.chunksAccepted).toBe(2);
    });

    it('a chain rewritten consistently after a change: caught by the next signed checkpoint', async () => {
      await rewriteChainFrom(world, 5);
      const { result } = await verifyBothWays(world);
      expect(result.firstBreak).toMatchObject({ seq: 11, kind: 'checkpoint_mismatch' });
    });

    it('an entry slipped in with a forged link, at the first entry of a range', async () => {
      await sql`update audit_entry set prev_hash = ${'f'.repeat(64)} where seq = 21`.execute(world.db);
      const { result, stats } = await verifyBothWays(world);
      expect(result.firstBreak).toMatchObject({ seq: 21, kind: 'changed' });
      expect(stats.chunksAccepted).toBe(5);
    });
  });

for (const dialect of DIALECTS)
  describe(`R85 audit verify with worker threads on ${dialect}: text of every kind`, () => {
    it('every Unicode code point hashes alike in the database and in JavaScript', async () => {
      const world = await openTrailWorld(dialect);
      try {
        // PostgreSQL text cannot hold NUL; lone surrogates do not survive UTF-8 storage anywhere.
        const chars: string[] = dialect === 'sqlite' ? ['\u0000'] : [];
        for (let c = 1; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
        chars.push('😀', '\u{10FFFF}', '"\\\n\t');
        const pieces = Array.from({ length: Math.ceil(chars.length / 1000) }, (_, i) =>
          chars.slice(i * 1000, (i + 1) * 1000).join(''),
        );
        for (const [i, piece] of pieces.entries())
          await world.trail.append(ctx, {
            ...queryEvent(i),
            detail: { note: piece },
            access: { ...queryEvent(i).access, purpose: piece, items: [piece] },
          });
        const { result, stats } = await verifyBothWays(world, { chunkSize: 8 });
        expect(result).toMatchObject({ ok: true, entriesChecked: pieces.length });
        // Had the database's JSON of any text differed from JSON.stringify's, its range would have
        // been walked here instead.
        expect(stats).toEqual({ workers: 2, chunksAccepted: Math.ceil(pieces.length / 8), entriesWalked: 0 });
      } finally {
        await world.dispose();
      }
    });

    it('after retention: the workers start where the archive ends', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'govshare-archive-'));
      const clock = new ManualClock('2024-01-10T08:00:00Z');
      const world = await openTrailWorld(dialect, {
        clock,
        archiveDir: dir,
        checkpoint: { entries: 4, seconds: 3600 },
      });
      try {
        for (const at of ['2024-01-10', '2024-09-01']) {
          clock.set(`${at}T08:00:00Z`);
          for (let i = 0; i < 10; i++) await world.trail.append(ctx, queryEvent(i));
        }
        clock.set('2024-09-20T00:00:00Z');
        await applyRetention(world.trail, { months: 6, archiveDir: dir });
        const { result, stats } = await verifyBothWays(world, { archiveDir: dir });
        expect(result).toMatchObject({ ok: true, archivesChecked: 1, entriesChecked: 20, headSeq: 20 });
        expect(stats).toEqual({ workers: 2, chunksAccepted: 3, entriesWalked: 0 });
      } finally {
        await world.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

describe('R85 audit verify with worker threads on sqlite: values SQLite renders its own way', () => {
  it('a real result count is walked in JavaScript, so its digits are judged as JSON.stringify writes them', async () => {
    const world = await openTrailWorld('sqlite');
    try {
      for (let i = 1; i <= 12; i++)
        await world.trail.append(ctx, {
          ...queryEvent(i),
          access: { ...queryEvent(i).access, resultCount: i === 6 ? 1e21 : i === 7 ? 0.3 : i },
        });
      const clean = await verifyBothWays(world, { pageSize: 4 });
      expect(clean.result).toMatchObject({ ok: true, entriesChecked: 12 });
      // The range holding entries 6 and 7 was walked; then the workers' ranges were taken again.
      expect(clean.stats).toEqual({ workers: 2, chunksAccepted: 2, entriesWalked: 4 });

      await world.db
        .updateTable('audit_entry')
        .set({ result_count: 0.1 + 0.2 })
        .where('seq', '=', 7)
        .execute();
      expect((await verifyBothWays(world, { pageSize: 4 })).result.firstBreak).toMatchObject({
        seq: 7,
        kind: 'changed',
      });
    } finally {
      await world.dispose();
    }
  });
});
