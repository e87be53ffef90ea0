import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock/index.js';
import { migrateToLatest } from '../platform/db/migrations.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../platform/db/test-support/index.js';
import { ephemeralAuditKeys } from './keys.js';
import { auditMigrations } from './migrations.js';
import type { AuditTables } from './schema.js';
import { ctx } from './test-support/index.js';
import { AuditTrail } from './trail.js';

const [unchained] = Object.keys(auditMigrations);

for (const dialect of DIALECTS)
  describe(`R88 migration to the chained trail on ${dialect}`, () => {
    let storage: TestStorage<AuditTables>;
    afterEach(async () => {
      await storage.dispose();
    });

    it('keeps every existing entry, in id order, and chains them when the trail opens', async () => {
      storage = await openTestStorage<AuditTables>(dialect);
      await migrateToLatest(storage.db, dialect, {
        [unchained as string]: auditMigrations[unchained as string] as never,
      });
      const ids = [
        '0193a7b2-0000-7000-8000-000000000002',
        '0193a7b2-0000-7000-8000-000000000001',
        '0193a7b2-0000-7000-8000-000000000003',
      ];
      for (const [i, id] of ids.entries())
        await sql`insert into audit_entry (id, at, actor_kind, action, outcome, detail) values (${id}, ${`2026-10-0${i + 1}T00:00:00.000Z`}, 'user', ${i === 0 ? 'auth.login' : 'user.create'}, 'success', '{}')`.execute(
          storage.db,
        );
      await migrateToLatest(storage.db, dialect, auditMigrations);
      const trail = await AuditTrail.open({
        db: storage.db,
        dialect,
        clock: systemClock,
        keys: ephemeralAuditKeys('sm'),
        checkpointTimer: false,
      });
      await trail.record(storage.db, ctx, { action: 'catalog.ratify' });
      const rows = await storage.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();
      expect(rows.map((r) => [r.seq, r.id, r.category, r.month])).toEqual([
        [1, ids[1], 'admin', 202610],
        [2, ids[0], 'auth', 202610],
        [3, ids[2], 'admin', 202610],
        [4, expect.any(String), 'decision', expect.any(Number)],
      ]);
      expect(await trail.verify()).toMatchObject({ ok: true, entriesChecked: 4, headSeq: 4 });
      await trail.close();
    });
  });
