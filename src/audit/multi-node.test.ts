import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock/index.js';
import { openStorage, type Storage } from '../platform/db/index.js';
import { DIALECTS, TEST_PG_URL } from '../platform/db/test-support/index.js';
import type { AuditTables } from './schema.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';
import { AuditTrail } from './trail.js';

// Several platform nodes share one PostgreSQL; on SQLite there is one node by construction.
// Without PostgreSQL the file shows as skipped (a file without tests would fail the run).
describe.runIf(DIALECTS.includes('postgres'))('R86 two platform nodes on one PostgreSQL', () => {
  let world: TrailWorld;
  let second: Storage<AuditTables>;
  afterEach(async () => {
    await second?.close();
    await world?.dispose();
  });

  it('keep one gapless chain that verifies', async () => {
    world = await openTrailWorld('postgres', { checkpoint: { entries: 100 } });
    second = await openStorage<AuditTables>({
      databaseUrl: TEST_PG_URL,
      pgSchema: world.storage.pgSchema as string,
    });
    const other = await AuditTrail.open({
      db: second.db,
      dialect: 'postgres',
      clock: systemClock,
      keys: world.keys,
      checkpoint: { entries: 100 },
      checkpointTimer: false,
    });
    const node = (trail: AuditTrail, name: string) =>
      Array.from({ length: 300 }, (_, i) =>
        i % 10 === 0
          ? trail
              .record(trail.internals.db, { ...ctx, requestId: name }, { action: 'auth.login' })
              .then(() => undefined)
          : trail.append({ ...ctx, requestId: name }, queryEvent(i)).then(() => undefined),
      );
    await Promise.all([...node(world.trail, 'node-a'), ...node(other, 'node-b')]);
    await other.close();

    const rows = await world.db
      .selectFrom('audit_entry')
      .select(['seq', 'request_id'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(['node-a', 'node-b']));
    expect(await world.trail.verify()).toMatchObject({ ok: true, entriesChecked: 600, headSeq: 600 });
  });
});
