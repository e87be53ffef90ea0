import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import { systemClock } from '../../platform/clock/index.js';
import type { CryptoSuite } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrations.js';
import { openTestStorage, type TestStorage } from '../../platform/db/test-support/index.js';
import type { CheckpointPolicy } from '../chain.js';
import { type AuditKeys, ephemeralAuditKeys } from '../keys.js';
import { auditMigrations } from '../migrations.js';
import type { AuditTables } from '../schema.js';
import { AuditTrail } from '../trail.js';

export interface TrailWorld {
  storage: TestStorage<AuditTables>;
  db: Kysely<AuditTables>;
  trail: AuditTrail;
  keys: AuditKeys;
  dispose(): Promise<void>;
}

/** A migrated database with an open trail (no checkpoint timer: tests decide when to sign). */
export async function openTrailWorld(
  dialect: DialectName,
  options: {
    clock?: Clock;
    suite?: CryptoSuite;
    checkpoint?: Partial<CheckpointPolicy>;
    archiveDir?: string;
    keys?: AuditKeys;
  } = {},
): Promise<TrailWorld> {
  const storage = await openTestStorage<AuditTables>(dialect);
  await migrateToLatest(storage.db, dialect, auditMigrations);
  const keys = options.keys ?? ephemeralAuditKeys(options.suite ?? 'sm');
  const trail = await AuditTrail.open({
    db: storage.db,
    dialect,
    clock: options.clock ?? systemClock,
    keys,
    checkpoint: options.checkpoint ?? {},
    archiveDir: options.archiveDir,
    checkpointTimer: false,
  });
  return {
    storage,
    db: storage.db,
    trail,
    keys,
    async dispose() {
      await trail.close().catch(() => undefined);
      await storage.dispose();
    },
  };
}

/** An access event as the exchange would write it. */
export function queryEvent(n: number, residentId = '11010519491231002X') {
  return {
    action: 'exchange.query',
    targetType: 'resource',
    targetId: 'res-1',
    access: {
      resourceId: 'res-1',
      items: ['姓名', '公民身份号码'],
      method: 'query' as const,
      purpose: '行政依据',
      caseNumber: `AJ-2026-${n}`,
      grantId: 'grant-1',
      resultCount: 1,
      status: 200,
      recordKeys: [{ kind: 'resident_id' as const, value: residentId }],
    },
  };
}

export const ctx = {
  actor: { kind: 'client' as const, id: 'client-1', name: '社保业务系统', departmentId: 'dept-1' },
  requestId: 'req-1',
  clientIp: '10.0.0.8',
};
