import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';
import { forgeCheckpoint, verifyWalkedAndParallel } from './test-support/tamper.js';
import type { VerifyOptions } from './verify.js';
import { MAX_BREAKS } from './verify-walker.js';

/** Row by row in this thread, then with two workers on ranges of four: the same breaks, named alike. */
async function verifyBothWays(world: TrailWorld, extra: Partial<VerifyOptions> = {}) {
  return (await verifyWalkedAndParallel(world, extra)).walked.result;
}

for (const dialect of DIALECTS)
  describe(`R85 audit verify on ${dialect}: every break is reported, one cannot hide the next`, () => {
    let world: TrailWorld;
    beforeEach(async () => {
      world = await openTrailWorld(dialect, { checkpoint: { entries: 10, seconds: 3600 } });
      for (let i = 1; i <= 40; i++) await world.trail.append(ctx, queryEvent(i));
    });
    afterEach(async () => {
      await world.dispose();
    });

    it('two separately altered entries and a deleted one are all named, and nothing else is', async () => {
      await world.db.updateTable('audit_entry').set({ purpose: '工作参考' }).where('seq', '=', 5).execute();
      await world.db.deleteFrom('audit_entry').where('seq', '=', 17).execute();
      await world.db.updateTable('audit_entry').set({ result_count: 999 }).where('seq', '=', 33).execute();
      const result = await verifyBothWays(world);
      expect(result.ok).toBe(false);
      expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([
        [5, 'changed'],
        [17, 'missing'],
        [33, 'changed'],
      ]);
      expect(result.firstBreak).toEqual(result.breaks[0]);
      expect(result.breaksTruncated).toBeUndefined();
      expect(result.entriesChecked).toBe(39);
    });

    it('a forged link, a reordered pair, a forged checkpoint and a deleted tail in one chain', async () => {
      await sql`update audit_entry set prev_hash = ${'f'.repeat(64)} where seq = 8`.execute(world.db);
      await world.db.updateTable('audit_entry').set({ seq: -1 }).where('seq', '=', 14).execute();
      await world.db.updateTable('audit_entry').set({ seq: 14 }).where('seq', '=', 15).execute();
      await world.db.updateTable('audit_entry').set({ seq: 15 }).where('seq', '=', -1).execute();
      await forgeCheckpoint(world, 21);
      await world.db.deleteFrom('audit_entry').where('seq', '>=', 39).execute();
      const result = await verifyBothWays(world, { pageSize: 7 });
      expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([
        [8, 'changed'],
        [14, 'reordered'],
        [21, 'checkpoint_forged'],
        [39, 'missing'],
      ]);
      expect(result.breaks[3]?.message).toContain('39–40');
    });

    it(`a trail altered everywhere keeps the first ${MAX_BREAKS} breaks and says there were more`, async () => {
      await Promise.all(
        Array.from({ length: MAX_BREAKS - 30 }, (_, i) => world.trail.append(ctx, queryEvent(41 + i))),
      );
      await world.db.updateTable('audit_entry').set({ purpose: '篡改' }).execute();
      const result = await verifyBothWays(world);
      expect(result.breaks).toHaveLength(MAX_BREAKS);
      expect(result.breaksTruncated).toBe(true);
      expect(result.breaks[0]).toMatchObject({ seq: 1, kind: 'changed' });
      expect(result.entriesChecked).toBe(MAX_BREAKS + 10);
    });
  });
