import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';

for (const dialect of DIALECTS)
  describe(`audit trail on ${dialect}`, () => {
    let world: TrailWorld;
    beforeEach(async () => {
      world = await openTrailWorld(dialect, { checkpoint: { entries: 10, seconds: 3600 } });
    });
    afterEach(async () => {
      await world.dispose();
    });

    const entries = () => world.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();

    it('R85 records an access with who, what, why, how and result; the resident ID only as a keyed digest', async () => {
      await world.db.transaction().execute((trx) => world.trail.record(trx, ctx, queryEvent(1)));
      const [entry] = await entries();
      expect(entry).toMatchObject({
        seq: 1,
        category: 'access',
        actor_kind: 'client',
        actor_id: 'client-1',
        department_id: 'dept-1',
        action: 'exchange.query',
        resource_id: 'res-1',
        method: 'query',
        purpose: '行政依据',
        case_number: 'AJ-2026-1',
        grant_id: 'grant-1',
        result_count: 1,
        outcome: 'success',
        request_id: 'req-1',
        client_ip: '10.0.0.8',
      });
      expect(JSON.parse(entry?.items ?? '')).toEqual(['姓名', '公民身份号码']);
      expect(JSON.stringify(entry)).not.toContain('11010519491231002');
      const digest = world.trail.subjectDigest('resident_id', ' 11010519491231002x ');
      expect(JSON.parse(entry?.record_keys ?? '')).toEqual([{ kind: 'resident_id', digest }]);
      const subjects = await world.db
        .selectFrom('audit_subject')
        .selectAll()
        .where('key_digest', '=', digest)
        .execute();
      expect(subjects.map((s) => s.seq)).toEqual([1]);
    });

    it('R88 writes the entry in the caller’s transaction: a rolled-back effect leaves no entry', async () => {
      await expect(
        world.db.transaction().execute(async (trx) => {
          await world.trail.record(trx, ctx, {
            action: 'catalog.ratify',
            targetType: 'catalog',
            targetId: 'c1',
          });
          throw new Error('the effect failed');
        }),
      ).rejects.toThrow('the effect failed');
      expect(await entries()).toEqual([]);
      await world.trail.record(world.db, ctx, {
        action: 'catalog.ratify',
        targetType: 'catalog',
        targetId: 'c1',
      });
      await world.trail.record(world.db, {}, { action: 'auth.login', outcome: 'failure' });
      const rows = await entries();
      expect(rows.map((r) => [r.seq, r.category, r.outcome])).toEqual([
        [1, 'decision', 'success'],
        [2, 'auth', 'failure'],
      ]);
      expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    });

    it('R86 groups concurrent appends into few commits and acknowledges each with its place in the chain', async () => {
      const receipts = await Promise.all(
        Array.from({ length: 200 }, (_, i) => world.trail.append(ctx, queryEvent(i))),
      );
      expect(receipts.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      expect(world.trail.groupCommits()).toBeLessThanOrEqual(2);
      expect(world.trail.auditQueueDepth()).toBe(0);
      const rows = await entries();
      expect(rows).toHaveLength(200);
      for (const r of receipts) expect(rows[r.seq - 1]?.hash).toBe(r.hash);
      const result = await world.trail.verify();
      expect(result).toMatchObject({ ok: true, entriesChecked: 200, headSeq: 200 });
    });

    it('appendWith commits each effect with its entry; a failing effect fails only its caller', async () => {
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map((n) =>
          world.trail.appendWith(ctx, { action: 'exchange.download', targetId: `t${n}` }, async (trx) => {
            await trx
              .insertInto('audit_checkpoint')
              .values({
                seq: 1000 + n,
                hash: 'effect',
                at: 'x',
                hash_algorithm: 'x',
                signature_algorithm: 'x',
                key_id: 'x',
                signature: 'x',
              })
              .execute();
            if (n === 3) throw new Error('provider refused');
            return n * 10;
          }),
        ),
      );
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
        10,
        20,
        'provider refused',
        40,
      ]);
      const effects = await world.db
        .selectFrom('audit_checkpoint')
        .select('seq')
        .where('hash', '=', 'effect')
        .execute();
      expect(effects.map((e) => e.seq).sort()).toEqual([1001, 1002, 1004]);
      expect((await entries()).map((e) => e.target_id)).toEqual(['t1', 't2', 't4']);
    });

    it('signs a checkpoint every N entries and one more on close, and reports the last one', async () => {
      for (let i = 0; i < 25; i++) await world.trail.append(ctx, queryEvent(i));
      const signed = await world.db.selectFrom('audit_checkpoint').select('seq').orderBy('seq').execute();
      expect(signed.map((c) => c.seq)).toEqual([1, 11, 21]);
      expect(world.trail.lastCheckpointAt()).toBeInstanceOf(Date);
      await world.trail.close();
      const after = await world.db.selectFrom('audit_checkpoint').select('seq').orderBy('seq').execute();
      expect(after.map((c) => c.seq)).toEqual([1, 11, 21, 25]);
      await expect(world.trail.append(ctx, queryEvent(99))).rejects.toMatchObject({
        code: 'AUDIT_TRAIL_CLOSED',
      });
    });
  });
