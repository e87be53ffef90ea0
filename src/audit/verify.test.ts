import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';
import { forgeCheckpoint, rewriteChainFrom } from './test-support/tamper.js';

for (const dialect of DIALECTS)
  for (const suite of ['sm', 'intl'] as const)
    describe(`R85 audit verify on ${dialect}, ${suite} suite: tampering is caught at the right entry`, () => {
      let world: TrailWorld;
      beforeEach(async () => {
        world = await openTrailWorld(dialect, { suite, checkpoint: { entries: 10, seconds: 3600 } });
        for (let i = 1; i <= 25; i++) await world.trail.append(ctx, queryEvent(i));
      });
      afterEach(async () => {
        await world.dispose();
      });

      it('an untouched chain verifies: every entry and checkpoint', async () => {
        expect(await world.trail.verify({ pageSize: 7 })).toEqual({
          ok: true,
          entriesChecked: 25,
          checkpointsChecked: 3,
          archivesChecked: 0,
          headSeq: 25,
          lastCheckpoint: { seq: 21, at: expect.any(String) },
          breaks: [],
        });
      });

      it('a changed field', async () => {
        await world.db
          .updateTable('audit_entry')
          .set({ purpose: '工作参考' })
          .where('seq', '=', 13)
          .execute();
        expect((await world.trail.verify({ pageSize: 7 })).firstBreak).toMatchObject({
          seq: 13,
          kind: 'changed',
        });
      });

      // Only PostgreSQL can hold it: its primary key also carries the partition month.
      if (dialect === 'postgres')
        it('an extra row repeating an existing seq, just past a page boundary', async () => {
          const row = await world.db
            .selectFrom('audit_entry')
            .selectAll()
            .where('seq', '=', 14)
            .executeTakeFirstOrThrow();
          const month = row.month % 100 === 12 ? row.month + 89 : row.month + 1;
          await world.db
            .insertInto('audit_entry')
            .values({ ...row, month, id: `${row.id}-copy` })
            .execute();
          expect((await world.trail.verify({ pageSize: 7 })).firstBreak).toMatchObject({
            seq: 14,
            kind: 'changed',
          });
        });

      it('a deleted entry', async () => {
        await world.db.deleteFrom('audit_entry').where('seq', '=', 7).execute();
        const result = await world.trail.verify({ pageSize: 7 });
        expect(result).toMatchObject({
          ok: false,
          // The walk goes on past the gap: every entry that is there is checked.
          entriesChecked: 24,
          firstBreak: { seq: 7, kind: 'missing' },
        });
      });

      it('deleted entries at the tail', async () => {
        await world.db.deleteFrom('audit_entry').where('seq', '>=', 24).execute();
        expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 24, kind: 'missing' });
      });

      it('a reordered pair', async () => {
        await world.db.updateTable('audit_entry').set({ seq: -1 }).where('seq', '=', 16).execute();
        await world.db.updateTable('audit_entry').set({ seq: 16 }).where('seq', '=', 17).execute();
        await world.db.updateTable('audit_entry').set({ seq: 17 }).where('seq', '=', -1).execute();
        expect((await world.trail.verify({ pageSize: 16 })).firstBreak).toMatchObject({
          seq: 16,
          kind: 'reordered',
        });
      });

      it('a forged checkpoint: altered, or signed by another key', async () => {
        await world.db
          .updateTable('audit_checkpoint')
          .set({ at: '2020-01-01T00:00:00.000Z' })
          .where('seq', '=', 11)
          .execute();
        expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 11, kind: 'checkpoint_forged' });

        await forgeCheckpoint(world, 11, suite === 'sm' ? 'sm2' : 'ed25519');
        expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 11, kind: 'checkpoint_forged' });
      });

      it('a chain rewritten consistently after a change is caught by the next signed checkpoint', async () => {
        await rewriteChainFrom(world, 5);
        expect((await world.trail.verify()).firstBreak).toMatchObject({
          seq: 11,
          kind: 'checkpoint_mismatch',
        });
      });

      it('an entry slipped in with a forged link', async () => {
        await sql`update audit_entry set prev_hash = ${'f'.repeat(64)} where seq = 20`.execute(world.db);
        expect((await world.trail.verify()).firstBreak).toMatchObject({ seq: 20, kind: 'changed' });
      });
    });
